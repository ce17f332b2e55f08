#include "FiCurve.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "model/Diagnostic.h"
#include "sim/Compiler.h"
#include "sim/NeuronModelRegistry.h"

namespace snn {

namespace {

Diagnostic problem(const std::string& population, const std::string& message) {
  return Diagnostic{ObjectKind::Population, population, "", message};
}

// One neuron per current: the population alone, without its projections.
Project isolated(const Project& project, const PopulationSpec& pop,
                 const std::vector<double>& currents) {
  Project single;
  single.experiment = project.experiment;
  PopulationSpec copy = pop;
  copy.size = static_cast<int64_t>(currents.size());
  copy.shape.reset();
  copy.feed.reset();
  copy.params["i_offset"] = ValueSpec::perElement(currents);
  // Per-neuron arrays and random draws of the original do not fit the sweep's neurons: every
  // neuron starts from the same state and has the same parameters (the first neuron's).
  for (auto& [name, value] : copy.params)
    if (auto* v = std::get_if<ValueSpec>(&value);
        v && v->kind == ValueSpec::Kind::Array && name != "i_offset")
      *v = ValueSpec::constant(v->array.empty() ? 0.0 : v->array.front());
  std::erase_if(copy.init, [](const auto& e) { return e.second.kind == ValueSpec::Kind::Array; });
  single.network.populations.push_back(std::move(copy));
  return single;
}

}  // namespace

std::vector<double> linearRange(double from, double to, int steps) {
  if (steps < 1) throw std::invalid_argument("a range needs at least one step");
  if (steps == 1) return {from};
  std::vector<double> out(static_cast<size_t>(steps));
  for (int k = 0; k < steps; ++k)
    out[static_cast<size_t>(k)] = from + (to - from) * k / (steps - 1);
  return out;
}

namespace {

const PopulationSpec& neuronPopulation(const Project& project, const std::string& population) {
  const PopulationSpec* pop = project.network.findPopulation(population);
  if (!pop) throw SpecError(problem(population, "no such population"));
  const NeuronModelEntry* e = NeuronModelRegistry::instance().find(pop->model);
  if (!e || e->info->role != ModelRole::Neuron)
    throw SpecError(problem(population, "an f-I curve needs a neuron population, not a source"));
  if (!e->info->findParam("i_offset"))
    throw SpecError(problem(population, "model '" + pop->model + "' takes no i_offset current"));
  return *pop;
}

}  // namespace

std::vector<double> closedFormRates(const Project& project, const std::string& population,
                                    const std::vector<double>& currents) {
  const PopulationSpec& pop = neuronPopulation(project, population);
  if (currents.empty()) return {};
  CompileResult compiled = compile(isolated(project, pop, currents), {});
  if (!compiled.ok()) throw SpecError(compiled.diagnostics);
  const NeuronGroup& group = *compiled.network->populations.front().group;
  std::vector<double> rates;
  for (size_t k = 0; k < currents.size(); ++k)
    rates.push_back(group.steadyStateRate(static_cast<int64_t>(k), 0.0));
  return rates;
}

FiCurve measureFiCurve(const Project& project, const std::string& population,
                       const std::vector<double>& currents, const AnalysisOptions& options) {
  const PopulationSpec* pop = &neuronPopulation(project, population);
  if (currents.empty()) throw SpecError(problem(population, "no current to sweep"));
  if (!(options.durationMs > options.skipMs) || options.skipMs < 0)
    throw SpecError(Diagnostic{ObjectKind::Experiment, "", "duration",
                               "the measured time must be longer than the skipped transient"});

  const Project single = isolated(project, *pop, currents);
  FiCurve curve{.population = population, .model = pop->model};
  const std::vector<double> closed = closedFormRates(project, population, currents);
  for (size_t k = 0; k < currents.size(); ++k) {
    curve.points.push_back({.currentNa = currents[k], .closedFormHz = closed[k]});
    if (!std::isnan(closed[k])) curve.hasClosedForm = true;
  }
  const std::vector<PopulationSpikes> spikes = recordSpikes(single, options.durationMs, options);
  const double seconds = (options.durationMs - options.skipMs) / 1000.0;
  std::vector<int64_t> counts(currents.size(), 0);
  for (size_t k = 0; k < spikes.front().timesMs.size(); ++k)
    if (spikes.front().timesMs[k] >= options.skipMs)
      ++counts[static_cast<size_t>(spikes.front().neurons[k])];
  for (size_t k = 0; k < currents.size(); ++k)
    curve.points[k].measuredHz = static_cast<double>(counts[k]) / seconds;
  if (options.progress) options.progress(1, 1);
  return curve;
}

}  // namespace snn
