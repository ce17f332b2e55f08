#include "AnalysisRun.h"

#include <algorithm>
#include <cmath>

#include "model/Diagnostic.h"
#include "sim/Compiler.h"
#include "sim/NeuronModelRegistry.h"
#include "sim/Simulator.h"

namespace snn {

namespace {
constexpr double kChunkMs = 100.0;  // between two looks at the cancel flag
}  // namespace

std::vector<PopulationSpikes> recordSpikes(const Project& project, double durationMs,
                                           const AnalysisOptions& options) {
  Project copy = project;
  copy.network.monitors.clear();
  for (const PopulationSpec& p : copy.network.populations) {
    const NeuronModelEntry* e = NeuronModelRegistry::instance().find(p.model);
    if (e && e->info->role == ModelRole::CurrentSource) continue;
    copy.network.monitors.push_back({.type = MonitorSpec::Type::Spikes, .target = p.id});
  }
  CompileResult compiled = compile(copy, {.threads = std::max(1, options.threads)});
  if (!compiled.ok()) throw SpecError(compiled.diagnostics);
  Simulator sim(std::move(compiled.network));
  const double dt = sim.network().dt;
  const int64_t total = std::llround(durationMs / dt);
  const int64_t chunk = std::max<int64_t>(1, std::llround(kChunkMs / dt));

  std::vector<PopulationSpikes> out;
  std::vector<int> index(sim.network().populations.size(), -1);
  for (size_t i = 0; i < sim.network().populations.size(); ++i) {
    const CompiledPopulation& p = sim.network().populations[i];
    if (p.group->role() == ModelRole::CurrentSource) continue;
    index[i] = static_cast<int>(out.size());
    out.push_back({.id = p.id, .size = p.group->size()});
  }
  for (int64_t done = 0; done < total;) {
    if (options.cancelled && options.cancelled()) throw AnalysisCancelled();
    const int64_t steps = std::min(chunk, total - done);
    const SimulationChunk c = sim.run(steps);
    for (size_t p = 0; p < c.spikes.size() && p < index.size(); ++p) {
      if (index[p] < 0 || !c.spikesRecorded[p]) continue;
      PopulationSpikes& s = out[static_cast<size_t>(index[p])];
      for (size_t k = 0; k < c.spikes[p].steps.size(); ++k) {
        s.timesMs.push_back(c.timeMs(c.spikes[p].steps[k]));
        s.neurons.push_back(c.spikes[p].neurons[k]);
      }
    }
    done += steps;
    if (options.progress) options.progress(done, total);
  }
  return out;
}

}  // namespace snn
