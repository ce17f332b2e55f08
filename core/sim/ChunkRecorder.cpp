#include "ChunkRecorder.h"

#include <span>

namespace snn {

namespace {
// The first step >= `from` whose end state a monitor sampling every `every` steps records.
int64_t firstSampledStep(int64_t from, int64_t every) {
  return ((from + 1 + every - 1) / every) * every - 1;
}
}  // namespace

ChunkRecorder::ChunkRecorder(const CompiledNetwork& net, int workers) : net_(net) {
  const size_t pops = net_.populations.size();
  workers_.resize(static_cast<size_t>(workers));
  for (WorkerBuffers& w : workers_) {
    w.recorded.resize(pops);
    w.counts.resize(pops);
  }
  for (size_t m = 0; m < net_.monitors.size(); ++m) monitorChanged(m);
  recordsSpikes_.assign(pops, false);
  spikeFilter_.resize(pops);
  for (const CompiledMonitor& m : net_.monitors) {
    if (m.spec.type != MonitorSpec::Type::Spikes) continue;
    const auto p = static_cast<size_t>(m.population);
    const bool alreadyAll = recordsSpikes_[p] && spikeFilter_[p].empty();
    recordsSpikes_[p] = true;
    if (alreadyAll) continue;
    if (m.neurons.empty()) {
      spikeFilter_[p].clear();
    } else {
      spikeFilter_[p].resize(static_cast<size_t>(net_.populations[p].group->size()), 0);
      for (int32_t n : m.neurons) spikeFilter_[p][static_cast<size_t>(n)] = 1;
    }
  }
}

void ChunkRecorder::monitorChanged(size_t m) {
  const CompiledMonitor& mon = net_.monitors[m];
  const auto& bounds = net_.populations[static_cast<size_t>(mon.population)].bounds;
  for (size_t t = 0; t < workers_.size(); ++t) {
    WorkerBuffers& w = workers_[t];
    w.traced.resize(net_.monitors.size());
    w.traced[m].clear();
    if (mon.spec.type != MonitorSpec::Type::State) continue;
    for (size_t k = 0; k < mon.neurons.size(); ++k)
      if (mon.neurons[k] >= bounds[t] && mon.neurons[k] < bounds[t + 1])
        w.traced[m].emplace_back(static_cast<int32_t>(k), mon.neurons[k]);
  }
}

void ChunkRecorder::begin(int64_t firstStep, int64_t steps, double dt) {
  chunk_ = SimulationChunk{};
  chunk_.firstStep = firstStep;
  chunk_.stepCount = steps;
  chunk_.dt = dt;
  const size_t pops = net_.populations.size();
  for (const CompiledPopulation& p : net_.populations) chunk_.populations.push_back(p.id);
  chunkRecordsAll_ = recordAll_;
  chunk_.spikesRecorded = recordAll_ ? std::vector<bool>(pops, true) : recordsSpikes_;
  chunk_.spikes.resize(pops);
  chunk_.countsPerStep.assign(pops, std::vector<int32_t>(static_cast<size_t>(steps), 0));
  for (WorkerBuffers& w : workers_) {
    for (size_t p = 0; p < pops; ++p) {
      w.recorded[p].steps.clear();
      w.recorded[p].neurons.clear();
      w.counts[p].assign(static_cast<size_t>(steps), 0);
    }
  }
  stateRow_.assign(net_.monitors.size(), -1);
  for (size_t m = 0; m < net_.monitors.size(); ++m) {
    const CompiledMonitor& mon = net_.monitors[m];
    // A state monitor always traces someone; none left means it was retired.
    if (mon.spec.type != MonitorSpec::Type::State || mon.neurons.empty()) continue;
    StateRecord rec;
    rec.monitor = static_cast<int>(m);
    rec.population = mon.spec.target;
    rec.variable = mon.spec.variable;
    rec.neurons = mon.neurons;
    const int64_t every = mon.spec.every;
    for (int64_t s = firstSampledStep(firstStep, every); s < firstStep + steps; s += every)
      rec.sampleSteps.push_back(s);
    rec.values.assign(rec.sampleSteps.size() * rec.neurons.size(), 0.0f);
    stateRow_[m] = static_cast<int>(chunk_.states.size());
    chunk_.states.push_back(std::move(rec));
  }
}

void ChunkRecorder::record(int worker, int64_t step,
                           const std::vector<std::vector<int32_t>>& spikes) {
  WorkerBuffers& w = workers_[static_cast<size_t>(worker)];
  const auto column = static_cast<size_t>(step - chunk_.firstStep);
  for (size_t p = 0; p < spikes.size(); ++p) {
    w.counts[p][column] = static_cast<int32_t>(spikes[p].size());
    if (!chunk_.spikesRecorded[p]) continue;
    SpikeRecord& rec = w.recorded[p];
    const bool filtered = !chunkRecordsAll_ && !spikeFilter_[p].empty();
    const auto& filter = spikeFilter_[p];
    for (int32_t n : spikes[p]) {
      if (filtered && !filter[static_cast<size_t>(n)]) continue;
      rec.steps.push_back(step);
      rec.neurons.push_back(n);
    }
  }
  for (size_t m = 0; m < w.traced.size(); ++m) {
    if (w.traced[m].empty() || stateRow_[m] < 0) continue;
    const CompiledMonitor& mon = net_.monitors[m];
    const int64_t every = mon.spec.every;
    if ((step + 1) % every != 0) continue;
    StateRecord& rec = chunk_.states[static_cast<size_t>(stateRow_[m])];
    const auto row =
        static_cast<size_t>((step - firstSampledStep(chunk_.firstStep, every)) / every);
    const std::span<const Real> values =
        std::as_const(*net_.populations[static_cast<size_t>(mon.population)].group)
            .state(mon.spec.variable);
    for (const auto& [k, neuron] : w.traced[m])
      rec.values[row * rec.neurons.size() + static_cast<size_t>(k)] =
          static_cast<float>(values[static_cast<size_t>(neuron)]);
  }
}

void ChunkRecorder::mergeSpikes(size_t p, SpikeRecord& out) const {
  // By step, and within a step by worker (= neuron order).
  std::vector<size_t> at(workers_.size(), 0);
  for (;;) {
    int best = -1;
    int64_t bestStep = 0;
    for (size_t t = 0; t < workers_.size(); ++t) {
      const SpikeRecord& r = workers_[t].recorded[p];
      if (at[t] < r.steps.size() && (best < 0 || r.steps[at[t]] < bestStep)) {
        best = static_cast<int>(t);
        bestStep = r.steps[at[t]];
      }
    }
    if (best < 0) return;
    const SpikeRecord& r = workers_[static_cast<size_t>(best)].recorded[p];
    size_t& k = at[static_cast<size_t>(best)];
    for (; k < r.steps.size() && r.steps[k] == bestStep; ++k) {
      out.steps.push_back(bestStep);
      out.neurons.push_back(r.neurons[k]);
    }
  }
}

SimulationChunk ChunkRecorder::finish(std::vector<int64_t>& totals) {
  for (size_t p = 0; p < net_.populations.size(); ++p) {
    auto& counts = chunk_.countsPerStep[p];
    for (const WorkerBuffers& w : workers_)
      for (size_t s = 0; s < counts.size(); ++s) counts[s] += w.counts[p][s];
    totals[p] += chunk_.spikeCount(p);
    if (chunk_.spikesRecorded[p]) mergeSpikes(p, chunk_.spikes[p]);
  }
  return std::move(chunk_);
}

}  // namespace snn
