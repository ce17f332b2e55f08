#pragma once

#include <cstdint>

#include "model/NetworkSpec.h"

namespace snn {

// How big a network would be once compiled, estimated before anything is allocated.
struct NetworkFootprint {
  int64_t neurons = 0;
  double synapses = 0;  // expected count (a double: a random connector's is an expectation)
  double bytes = 0;     // state, synapses, delay buffers and recordings of a full run
};

// Neurons, expected synapses and bytes (state, synapses, delay rings, state recordings of the
// whole duration) of a project once compiled, estimated before anything is allocated.
NetworkFootprint estimateFootprint(const Project& project);
// 80 % of this machine's physical memory.
double defaultMemoryBudgetBytes();

}  // namespace snn
