#include "ProjectEvaluation.h"

#include "learning/AnnProjectTrainer.h"
#include "learning/StdpTrainer.h"
#include "learning/SurrogateTrainer.h"
#include "learning/TrainerRegistry.h"

namespace snn {

std::vector<std::unique_ptr<CrossbarLayer>> attachCrossbarLayers(const Project& project,
                                                                 SurrogateTrainer& trainer) {
  std::vector<std::unique_ptr<CrossbarLayer>> out;
  std::vector<DenseLifLayer>& layers = trainer.network().layers();
  for (size_t k = 0; k < layers.size(); ++k) {
    const ProjectionSpec* p = project.network.findProjection(trainer.model().layers[k].projection);
    const CrossbarSpec* c =
        p && !p->crossbar.empty() ? project.network.findCrossbar(p->crossbar) : nullptr;
    if (!c) {
      out.push_back(nullptr);
      continue;
    }
    out.push_back(std::make_unique<CrossbarLayer>(*c, project.experiment.seed, layers[k],
                                                  trainer.model().layers[k].weightScale));
    out.back()->attach(layers[k]);
  }
  return out;
}

EvaluationResult evaluateProject(const Project& project, DatasetSplit data,
                                 const EvaluationOptions& options,
                                 const TrainingCallbacks& callbacks) {
  // A network that is an ANN is judged as the ann method does: its largest output.
  const bool annNetwork = project.network.populations.empty() && !project.network.anns.empty();
  const std::string method = project.training && !project.training->method.empty()
                                 ? project.training->method
                             : annNetwork ? std::string("ann")
                                          : std::string();
  if (method.empty())
    throw SpecError(Diagnostic{ObjectKind::Training, "", "method",
                               "is not set: evaluation judges the network as its training "
                               "method does (surrogate: most spikes; stdp: labelled vote)"});
  TrainerOptions trainerOptions;
  trainerOptions.threads = options.threads;
  trainerOptions.testLimit = options.testLimit;
  trainerOptions.trainLimit = 1;  // not trained here
  const int64_t total = data.test.size();
  EvaluationResult r;
  r.samples = options.testLimit > 0 ? std::min(options.testLimit, total) : total;
  if (method == "ann") {
    AnnProjectTrainer trainer(project, std::move(data), trainerOptions);
    r.accuracy = trainer.testAccuracy(callbacks);
    r.confusion = trainer.lastConfusion();
  } else if (method == "surrogate" || method == "hybrid" || method == "in-the-loop") {
    const TrainerEntry& entry = *TrainerRegistry::instance().find(method);
    SurrogateTrainer trainer(project, std::move(data), trainerOptions, entry);
    auto crossbars = attachCrossbarLayers(project, trainer);
    r.accuracy = trainer.testAccuracy(callbacks);
    r.confusion = trainer.lastConfusion();
  } else if (method == "stdp") {
    StdpTrainer trainer(project, std::move(data), trainerOptions);
    r.accuracy = trainer.testAccuracy(callbacks);
    r.confusion = trainer.lastConfusion();
  } else {
    throw SpecError(Diagnostic{
        ObjectKind::Training, "", "method",
        "'" + method + "' cannot be evaluated yet (surrogate, hybrid, in-the-loop, stdp, ann)"});
  }
  return r;
}

}  // namespace snn
