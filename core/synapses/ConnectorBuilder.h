#pragma once

#include <cstdint>
#include <functional>

#include "SynapseMatrix.h"
#include "model/NetworkSpec.h"

namespace snn {

// Draws the synapses of one projection (connectivity, weights, delays) into a SynapseMatrix.
// Each of the three uses its own random stream derived from the run seed and the projection
// id, so changing a weight distribution does not rewire the network.
class ConnectorBuilder {
 public:
  ConnectorBuilder(const ProjectionSpec& spec, int64_t preSize, int64_t postSize, double dt,
                   uint64_t seed);

  // Throws SpecError if a delay does not fit the matrix's 16-bit step counts. `cancelled` is
  // polled between rows so a huge build can be abandoned.
  SynapseMatrix build(const std::function<bool()>& cancelled = {}) const;

 private:
  const ProjectionSpec& spec_;
  int64_t preSize_;
  int64_t postSize_;
  double dt_;
  uint64_t seed_;
};

// Sets every synapse's weight from `weight`, a scalar or a distribution (not a per-synapse
// array): a distribution draws in the matrix's row-major order from the projection's own
// "weights" stream, so the result is what compiling the projection with that weight gives.
void assignWeights(std::vector<float>& weights, const ValueSpec& weight, uint64_t seed,
                   const std::string& projectionId);

// Whole steps of a delay in ms, rounded to the nearest step (Brian2 rounds the same way).
int64_t delaySteps(double delayMs, double dt);

}  // namespace snn
