#include "TwinRun.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "model/Diagnostic.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

namespace snn::gui {

size_t TwinRunResult::differences() const {
  size_t n = 0;
  for (const TwinPopulation& p : populations) n += p.onlyIdeal.size() + p.onlyCrossbar.size();
  return n;
}

Project idealTwin(const Project& project) {
  Project ideal = project;
  for (ProjectionSpec& p : ideal.network.projections) p.crossbar.clear();
  ideal.network.crossbars.clear();
  return ideal;
}

TwinSpikes spikesOnlyIn(const TwinSpikes& a, const TwinSpikes& b, int64_t window) {
  // Per neuron, both spike trains in time order; a greedy pass matches each spike of `a` with
  // the earliest unmatched spike of `b` within the window (optimal for one-dimensional
  // intervals of equal width).
  std::map<int32_t, std::vector<int64_t>> inB;
  for (size_t k = 0; k < b.size(); ++k) inB[b.neurons[k]].push_back(b.steps[k]);
  std::map<int32_t, size_t> next;  // the first spike of `b` not yet matched or passed, per neuron
  TwinSpikes out;
  for (size_t i = 0; i < a.size(); ++i) {
    const int32_t n = a.neurons[i];
    const int64_t t = a.steps[i];
    auto it = inB.find(n);
    bool matched = false;
    if (it != inB.end()) {
      size_t& j = next[n];
      const std::vector<int64_t>& steps = it->second;
      while (j < steps.size() && steps[j] < t - window) ++j;
      if (j < steps.size() && steps[j] <= t + window) matched = true, ++j;
    }
    if (matched) continue;
    out.steps.push_back(t);
    out.neurons.push_back(n);
  }
  return out;
}

namespace {

std::unique_ptr<Simulator> simulatorOf(const Project& project) {
  CompileResult r = compile(project);
  if (!r.ok()) throw SpecError(r.diagnostics);
  auto sim = std::make_unique<Simulator>(std::move(r.network));
  sim->setRecordAllSpikes(true);
  return sim;
}

void append(const SimulationChunk& chunk, const std::string& population, TwinSpikes& into) {
  for (size_t k = 0; k < chunk.populations.size(); ++k)
    if (chunk.populations[k] == population) {
      const SpikeRecord& s = chunk.spikes[k];
      into.steps.insert(into.steps.end(), s.steps.begin(), s.steps.end());
      into.neurons.insert(into.neurons.end(), s.neurons.begin(), s.neurons.end());
    }
}

}  // namespace

TwinRunResult runTwin(const Project& project, int64_t steps, const std::atomic<bool>& cancel,
                      const std::function<void(double)>& progress, int64_t window) {
  TwinRunResult result;
  result.window = window;
  for (const ProjectionSpec& p : project.network.projections) {
    if (p.crossbar.empty()) continue;
    const PopulationSpec* post = project.network.findPopulation(p.post);
    const bool listed = std::any_of(result.populations.begin(), result.populations.end(),
                                    [&](const TwinPopulation& t) { return t.id == p.post; });
    if (post && !listed) result.populations.push_back({post->id, post->size, {}, {}, {}, {}});
  }
  if (result.populations.empty())
    throw SpecError(Diagnostic{ObjectKind::Network, "", "",
                               "no projection is carried by a crossbar: nothing to compare"});
  std::unique_ptr<Simulator> onCrossbars = simulatorOf(project);
  std::unique_ptr<Simulator> ideal = simulatorOf(idealTwin(project));
  result.dt = project.experiment.dt;
  if (steps <= 0) steps = std::llround(project.experiment.duration / project.experiment.dt);
  const int64_t chunk = std::max<int64_t>(1, steps / 50);
  for (int64_t done = 0; done < steps; done += chunk) {
    if (cancel.load()) {
      result.cancelled = true;
      break;
    }
    const int64_t n = std::min(chunk, steps - done);
    const SimulationChunk a = ideal->run(n);
    const SimulationChunk b = onCrossbars->run(n);
    for (TwinPopulation& p : result.populations) {
      append(a, p.id, p.ideal);
      append(b, p.id, p.crossbar);
    }
    result.steps = done + n;
    if (progress) progress(static_cast<double>(result.steps) / static_cast<double>(steps));
  }
  for (TwinPopulation& p : result.populations) {
    p.onlyIdeal = spikesOnlyIn(p.ideal, p.crossbar, window);
    p.onlyCrossbar = spikesOnlyIn(p.crossbar, p.ideal, window);
  }
  return result;
}

}  // namespace snn::gui
