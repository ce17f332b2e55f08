#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/Diagnostic.h"
#include "model/NetworkSpec.h"

namespace snn {

// One part of a network's memory, with the object and field whose value sets its size.
struct FootprintPart {
  ObjectKind kind = ObjectKind::Network;
  std::string objectId;  // population/projection id, monitor index; empty for the experiment
  std::string field;     // e.g. "size", "connector.p", "delay", "dt", "neurons"
  double bytes = 0;
  std::string what;  // "state of 4000 neurons", "per-step spike counts of one 1000 ms chunk"...
};

// How big a network would be once compiled and run, estimated before anything is allocated.
struct NetworkFootprint {
  int64_t neurons = 0;
  double synapses = 0;  // expected count (a double: a random connector's is an expectation)
  double bytes = 0;     // the sum of the parts
  std::vector<FootprintPart> parts;

  // The part that needs the most memory (null when there are none).
  const FootprintPart* largest() const;
};

struct FootprintOptions {
  int threads = 0;          // worker threads of the run; 0: this machine's cores
  double chunkMs = 1000.0;  // simulated time per chunk (snnwb-cli runs chunks of 1 s)
  // Every chunk kept to the end, so recordings grow with the duration: snnwb-cli run writing
  // --spikes, --traces or --rates. The window and the trainers keep a chunk at a time (the
  // raster drops what scrolls out), so they leave it off.
  bool keepRecording = false;
};

// A neuron model's spike recording is sized at this mean rate (a bound for the networks the
// examples hold: CUBA fires at about 20 Hz). Sources count what their parameters give: a
// Poisson source its `rate` (or `rate_max` when a dataset feeds it), a spike source its listed
// spikes; nothing fires more than once per step.
inline constexpr double kAssumedNeuronRateHz = 100.0;

// Every part of a project's memory once compiled and run for its duration: neuron state,
// synapses (with a plastic projection's extra copies), delay rings, the per-step buffers of one
// chunk of `options.chunkMs` (1000/dt steps per population and thread), and, when the run keeps
// its chunks, what it records for its whole duration: per-step spike counts, the spike
// monitors' spikes (at the rates above) and the state monitors' samples.
NetworkFootprint estimateFootprint(const Project& project, const FootprintOptions& options = {});

// One diagnostic when the footprint exceeds `budgetBytes` (0: availableMemory(), the limit that
// really applies: cgroup, ulimit -v / -d, free RAM), naming the object and field of the largest
// part, the limit, and what the estimate assumes; empty when it fits.
std::vector<Diagnostic> checkFootprint(const Project& project, double budgetBytes = 0,
                                       const FootprintOptions& options = {});

// The bytes this process can still allocate (availableMemory().bytes); kept for the validator.
double defaultMemoryBudgetBytes();

}  // namespace snn
