#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "CompiledNetwork.h"
#include "SimulationChunk.h"

namespace snn {

// What a chunk of steps records: spike counts of every population, the monitored spikes and the
// state monitors' samples. Each worker thread records its own neurons into its own buffers, so no
// locks are needed; finish() merges them in neuron order, so a chunk does not depend on the
// number of threads. Owned by a Simulator; record() is called by the worker threads, the rest by
// the simulator's thread between parallel regions.
class ChunkRecorder {
 public:
  ChunkRecorder(const CompiledNetwork& net, int workers);

  // Starts a chunk of `steps` steps from `firstStep`: sample slots for every state monitor.
  void begin(int64_t firstStep, int64_t steps, double dt);
  // Worker `worker`'s spikes of `step`, per population, and its traced neurons' state after the
  // step (the state at (step + 1) * dt).
  void record(int worker, int64_t step, const std::vector<std::vector<int32_t>>& spikes);
  void addFeedEvent(const FeedEvent& event) { chunk_.feedEvents.push_back(event); }
  // The finished chunk; adds each population's spikes to `totals`.
  SimulationChunk finish(std::vector<int64_t>& totals);

  // The monitor at `index` of the network's list changed (added or retired): re-split its traced
  // neurons among the workers.
  void monitorChanged(size_t index);
  // Every spike of every population from the next begin() on (on), or only what the spike
  // monitors ask for (off).
  void setRecordAll(bool on) { recordAll_ = on; }

 private:
  struct WorkerBuffers {
    std::vector<SpikeRecord> recorded;         // per population, this chunk
    std::vector<std::vector<int32_t>> counts;  // per population, per step of this chunk
    // Per state monitor: (column, neuron) pairs of the traced neurons this worker owns.
    std::vector<std::vector<std::pair<int32_t, int32_t>>> traced;
  };

  void mergeSpikes(size_t population, SpikeRecord& out) const;

  const CompiledNetwork& net_;
  std::vector<WorkerBuffers> workers_;
  std::vector<bool> recordsSpikes_;                // per population
  std::vector<std::vector<uint8_t>> spikeFilter_;  // per population: recorded neurons, empty = all
  bool recordAll_ = false;                         // setRecordAll
  bool chunkRecordsAll_ = false;                   // recordAll_ when this chunk began
  std::vector<int> stateRow_;                      // per monitor: its index in chunk_.states, or -1
  SimulationChunk chunk_;
};

}  // namespace snn
