#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "Simulator.h"

namespace snn {

// Scratch of one worker thread (private to Simulator.cpp and SimulatorCounts.cpp).
struct Simulator::Worker {
  int index = 0;
  // Spikes this worker's neurons emitted, per population, for even and odd steps: the
  // propagation of step s reads them while a faster worker may already fill step s + 1's.
  std::array<std::vector<std::vector<int32_t>>, 2> spikes;
  // Per projection: synaptic operations into this worker's targets, and (worker 0 only) the
  // steps in which the projection carried anything. Summed by operationCounts().
  std::vector<uint64_t> synapticOps;
  std::vector<uint64_t> activeSteps;
  std::vector<PlasticityCounts> plasticity;  // per projection: what its rule did here
};

}  // namespace snn
