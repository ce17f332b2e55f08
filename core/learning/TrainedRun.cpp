#include "TrainedRun.h"

#include "LabelVote.h"
#include "TrainerRegistry.h"
#include "sim/NeuronModelRegistry.h"

namespace snn {

bool runsAsTrained(const Project& project) {
  if (!project.training || trainedLabels(project).empty()) return false;
  const TrainingEndpoints ends = resolveTrainingEndpoints(project);
  return project.network.findPopulation(ends.output) != nullptr;
}

Project runnableProject(const Project& project) {
  if (!runsAsTrained(project)) return project;
  Project copy = project;
  const TrainingEndpoints ends = resolveTrainingEndpoints(copy);
  for (ProjectionSpec& p : copy.network.projections) p.plasticity.reset();
  PopulationSpec& out = *copy.network.findPopulation(ends.output);
  if (const NeuronModelEntry* e = NeuronModelRegistry::instance().find(out.model);
      e && e->info->findParam("theta_plus"))
    out.params["theta_plus"] = ValueSpec::constant(0.0);
  if (PopulationSpec* in = copy.network.findPopulation(ends.input)) {
    auto rate = copy.training->params.find("answer_rate");
    const NeuronModelEntry* e = NeuronModelRegistry::instance().find(in->model);
    if (rate != copy.training->params.end() && e && e->info->findParam("rate_max"))
      in->params["rate_max"] = rate->second;
  }
  return copy;
}

}  // namespace snn
