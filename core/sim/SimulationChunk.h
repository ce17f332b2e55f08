#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "energy/OperationCounts.h"

namespace snn {

// Spikes of one population in a chunk, sorted by step, then neuron.
struct SpikeRecord {
  std::vector<int64_t> steps;
  std::vector<int32_t> neurons;
};

// Samples of one state monitor: sampleSteps.size() rows of neurons.size() values. A sample is
// taken at the end of its step s, after the update that advanced the state from s*dt to
// (s+1)*dt, so it is the state at time (s+1)*dt (what Brian2's StateMonitor, recording at the
// start of the next step, reports for that time). Steps are sampled when (s + 1) % every == 0.
struct StateRecord {
  int monitor = 0;  // index into the network's monitors
  std::string population;
  std::string variable;
  std::vector<int32_t> neurons;
  std::vector<int64_t> sampleSteps;
  std::vector<float> values;  // row-major: values[sample * neurons.size() + k]

  double timeMs(size_t sample, double dt) const {
    return static_cast<double>(sampleSteps[sample] + 1) * dt;
  }
};

// A dataset-fed population started showing a sample (or went silent, sample -1) at `step`.
struct FeedEvent {
  int population = 0;
  int64_t step = 0;
  int64_t sample = -1;  // index into the dataset split; -1: the rest between samples
  int label = -1;
};

// What a Simulator recorded while advancing a number of steps. An immutable value once made:
// the GUI passes it between threads as std::shared_ptr<const SimulationChunk>.
struct SimulationChunk {
  int64_t firstStep = 0;
  int64_t stepCount = 0;
  double dt = 0.1;
  std::vector<std::string> populations;
  // Per population: whether its spikes were recorded, and those spikes.
  std::vector<bool> spikesRecorded;
  std::vector<SpikeRecord> spikes;
  // Per population: spikes emitted in each step of the chunk (always counted, for rates).
  std::vector<std::vector<int32_t>> countsPerStep;
  std::vector<StateRecord> states;
  std::vector<FeedEvent> feedEvents;  // in step order
  double wallSeconds = 0.0;           // time the simulator spent on this chunk
  // The simulator's operation counts since its last reset, as of the chunk's end (empty
  // populations when counting is off): energy meters take differences between chunks.
  OperationCounts counts;

  int64_t spikeCount(size_t population) const;
  double timeMs(int64_t step) const { return static_cast<double>(step) * dt; }
};

}  // namespace snn
