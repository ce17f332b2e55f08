#include "ProjectEnergy.h"

#include <cmath>
#include <stdexcept>

#include "ProjectEvaluation.h"
#include "ProjectValidator.h"
#include "SubstrateAccuracy.h"
#include "energy/EnergyFields.h"
#include "sim/Compiler.h"
#include "sim/NeuronModelRegistry.h"
#include "sim/Simulator.h"

namespace snn {

namespace {

// Points every image encoder at the dataset's test split; returns the ms one sample takes.
double feedDataset(Project& p, const std::string& dataset) {
  double period = 0;
  for (PopulationSpec& pop : p.network.populations) {
    const NeuronModelEntry* model = NeuronModelRegistry::instance().find(pop.model);
    if (!model || !model->info->imageEncoder) continue;
    if (!pop.feed) {
      pop.feed = DatasetFeedSpec{};
      pop.feed->presentMs = p.experiment.duration;
      pop.feed->restMs = 0;
    }
    pop.feed->dataset = dataset;
    pop.feed->split = "test";
    pop.feed->first = 0;
    period = std::max(period, pop.feed->presentMs + pop.feed->restMs);
  }
  if (period <= 0)
    throw SpecError(Diagnostic{ObjectKind::File, "--dataset", "",
                               "no population of the network can show a dataset (an image "
                               "encoder such as poisson_image or direct_current)"});
  return period;
}

}  // namespace

EnergyReport projectEnergyReport(const Project& project, const OperationCounts& counts,
                                 const std::string& chip) {
  const EnergySpec spec = project.energy.value_or(EnergySpec{});
  EnergyOptions options;
  options.chip = chip.empty() ? spec.chip : chip;
  try {
    return energyFromCounts(counts, energyTableFor(spec), options);
  } catch (const std::invalid_argument& e) {
    throw SpecError(Diagnostic{ObjectKind::File, "", "energy", e.what()});
  }
}

ProjectEnergyResult projectEnergy(const Project& original, const ProjectEnergyOptions& options) {
  Project project = original;
  const int64_t samples = options.testLimit > 0 ? options.testLimit : 100;
  if (!options.dataset.empty())
    project.experiment.duration = double(samples) * feedDataset(project, options.dataset);
  if (options.durationMs) project.experiment.duration = *options.durationMs;
  if (auto problems = validateProject(project); !problems.empty())
    throw SpecError(std::move(problems));
  CompileOptions compileOptions;
  compileOptions.threads = options.threads;
  CompileResult compiled = compile(project, compileOptions);
  if (!compiled.ok()) throw SpecError(std::move(compiled.diagnostics));
  Simulator sim(std::move(compiled.network));
  const int64_t steps = std::llround(project.experiment.duration / project.experiment.dt);
  const int64_t chunk = std::max<int64_t>(1, std::llround(1000.0 / project.experiment.dt));
  for (int64_t done = 0; done < steps; done += chunk) sim.run(std::min(chunk, steps - done));

  ProjectEnergyResult result;
  result.counts = sim.operationCounts();
  result.report = projectEnergyReport(project, result.counts, options.chip);
  if (!options.dataset.empty()) {
    Project judged = original;
    if (judged.training) judged.training->dataset = options.dataset;
    SubstrateAccuracies accuracies;
    if (auto why = whyNoAccuracy(judged)) {
      accuracies.snn.note = accuracies.crossbar.note = accuracies.ann.note = *why;
    } else {
      SubstrateAccuracyOptions measure;
      measure.testLimit = samples;
      measure.threads = options.threads;
      accuracies = measureSubstrateAccuracies(judged, loadDataset(options.dataset), measure);
    }
    applyAccuracies(result.report, accuracies);
    result.accuracy = accuracies.snn.accuracy;
  }
  return result;
}

}  // namespace snn
