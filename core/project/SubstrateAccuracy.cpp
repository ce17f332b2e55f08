#include "SubstrateAccuracy.h"

#include <algorithm>
#include <vector>

#include "ProjectEvaluation.h"
#include "ann/AnnModel.h"

namespace snn {

namespace {

bool isAnnNetwork(const Project& p) {
  return p.network.populations.empty() && !p.network.anns.empty();
}

bool hasCrossbarProjections(const Project& p) {
  return std::any_of(p.network.projections.begin(), p.network.projections.end(),
                     [](const ProjectionSpec& s) { return !s.crossbar.empty(); });
}

const AnnNodeSpec* taskAnn(const Project& p) {
  if (p.training && !p.training->ann.empty())
    if (const AnnNodeSpec* a = p.network.findAnn(p.training->ann)) return a;
  return p.network.anns.empty() ? nullptr : &p.network.anns.front();
}

void checkCancelled(const SubstrateAccuracyOptions& o) {
  if (o.callbacks.cancelled && o.callbacks.cancelled()) throw TrainingCancelled();
}

// The ANN's largest output on the first `n` test samples (fp32).
double annAccuracy(const AnnSpec& ann, const Dataset& test, int64_t n, int threads) {
  n = std::min(n, test.size());
  if (n <= 0) return 0.0;
  AnnModel model(ann);
  model.setThreads(threads);
  std::vector<int32_t> predicted(static_cast<size_t>(n));
  model.predict(test.images.data(), n, predicted.data());
  int64_t right = 0;
  for (int64_t k = 0; k < n; ++k) right += predicted[static_cast<size_t>(k)] == test.labels[k];
  return double(right) / double(n);
}

}  // namespace

std::optional<std::string> whyNoAccuracy(const Project& p) {
  if (isAnnNetwork(p)) return std::nullopt;
  if (!p.training || p.training->method.empty())
    return "the project has no training method, which says how its answer is read (surrogate: "
           "most spikes; stdp: labelled vote): no classification task to measure";
  return std::nullopt;
}

std::string taskDataset(const Project& p) {
  if (p.training && !p.training->dataset.empty()) return p.training->dataset;
  for (const PopulationSpec& pop : p.network.populations)
    if (pop.feed && !pop.feed->dataset.empty()) return pop.feed->dataset;
  return "digits";
}

SubstrateAccuracies measureSubstrateAccuracies(const Project& project, const DatasetSplit& data,
                                               const SubstrateAccuracyOptions& options) {
  if (auto why = whyNoAccuracy(project))
    throw SpecError(Diagnostic{ObjectKind::Training, "", "method", *why});
  SubstrateAccuracies out;
  const int64_t total = data.test.size();
  out.samples = options.testLimit > 0 ? std::min(options.testLimit, total) : total;
  EvaluationOptions eval{.testLimit = options.testLimit, .threads = options.threads};
  const auto say = [&](const char* what) {
    checkCancelled(options);
    if (options.measuring) options.measuring(what);
  };
  // A training method "ann" judges the ANN node, not the populations beside it (a converted
  // network added to an ANN project): their answer has no readout to measure.
  const bool judgesSnn = !isAnnNetwork(project) && project.training->method != "ann";
  const bool onCrossbars = judgesSnn && hasCrossbarProjections(project);
  if (isAnnNetwork(project)) {
    out.snn.note = "the network is an ANN: there is no SNN to measure";
  } else if (!judgesSnn) {
    out.snn.note =
        "the training method is 'ann': it judges the ANN, not the SNN (the "
        "Conversion dock measures a converted SNN)";
  } else {
    say("digital SNN");
    Project ideal = project;
    for (ProjectionSpec& s : ideal.network.projections) s.crossbar.clear();
    out.snn.accuracy = evaluateProject(ideal, data, eval, options.callbacks).accuracy;
    out.snn.note = "the SNN with ideal synapses, judged as its training method (" +
                   project.training->method + ") judges it";
  }
  if (onCrossbars) {
    say("crossbars");
    out.crossbar.accuracy = evaluateProject(project, data, eval, options.callbacks).accuracy;
    out.crossbar.note = "the network on its crossbars, with their devices' non-idealities";
  } else if (!judgesSnn) {
    out.crossbar.note = out.snn.note;
  } else {
    out.crossbar.note =
        "no projection is carried by a crossbar: the crossbar bar is a hypothetical mapping "
        "(carry projections on crossbars to measure their accuracy)";
  }
  if (const AnnNodeSpec* ann = taskAnn(project)) {
    say("ANN");
    out.ann.accuracy = annAccuracy(ann->ann, data.test, out.samples, options.threads);
    out.ann.note = "the ANN '" + ann->id + "' (fp32; the int8 bar shows the same figure)";
  } else {
    out.ann.note =
        "the project has no ANN (no conversion source): the ANN bars price the SNN's "
        "connections as MACs, there is no ANN to measure";
  }
  checkCancelled(options);
  return out;
}

void applyAccuracies(EnergyReport& report, const SubstrateAccuracies& a) {
  for (SubstrateEnergy& s : report.substrates) {
    const SubstrateAccuracy& from = s.name.rfind("ann_", 0) == 0 ? a.ann
                                    : s.name == "crossbar"       ? a.crossbar
                                                                 : a.snn;
    s.accuracy = from.accuracy;
    s.accuracyNote = from.note;
  }
}

}  // namespace snn
