#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "CompiledNetwork.h"
#include "NetworkValidator.h"
#include "model/Diagnostic.h"
#include "model/NetworkSpec.h"

namespace snn {

struct CompileOptions {
  int threads = 1;  // worker threads the network is split for (clamped to >= 1)
  ValidationOptions validation;
  std::function<bool()> cancelled;  // polled while synapses are drawn
};

struct CompileResult {
  std::unique_ptr<CompiledNetwork> network;  // null when diagnostics is not empty
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return network != nullptr; }
};

// Turns a project into a network ready to simulate, or into the diagnostics that say why it
// cannot: validation first, then populations (parameters resolved, distributions drawn from
// seeded streams, initial state), projections (connectors drawn into CSR matrices, cut per
// thread) and monitors.
CompileResult compile(const Project& project, const CompileOptions& options = {});

// Puts every population of `net` in its initial state: the model's defaults, then the
// project's init values drawn again from the same streams. Used by compile and by a reset.
void initializeState(CompiledNetwork& net);

// Splits n neurons into `threads` ranges of whole blocks (NeuronGroup::kBlockSize).
std::vector<int64_t> threadBounds(int64_t n, int threads);

}  // namespace snn
