#pragma once

#include <cstdint>
#include <vector>

namespace snn {

// The synapses of one projection in compressed sparse rows: row i lists the targets of
// presynaptic neuron i in increasing order, with their weights and (when they differ) delays.
// For multi-threaded runs each row is also cut where the targets cross from one thread's
// neuron range into the next, so that every thread adds spikes into its own targets only and
// needs no locks; each target then receives its inputs in the same order whatever the thread
// count, which keeps runs bit-identical.
class SynapseMatrix {
 public:
  int32_t preSize = 0;
  int32_t postSize = 0;
  std::vector<int64_t> rowStart;  // preSize + 1 offsets into the arrays below
  std::vector<int32_t> target;    // postsynaptic neuron of each synapse
  std::vector<float> weight;      // nA (or gain, for current sources)
  std::vector<uint16_t> delay;    // steps, per synapse; empty when all share uniformDelay
  int32_t uniformDelay = 0;       // steps
  // Every row's targets are consecutive neurons (all_to_all, one_to_one): row segments map onto
  // contiguous target ranges, so propagation and plasticity run as plain vector loops. Set by
  // partition().
  bool contiguousRows = false;

  int64_t synapseCount() const { return static_cast<int64_t>(target.size()); }
  int32_t maxDelay() const;

  // Cuts every row at the given target boundaries (threads + 1 values, first 0, last postSize).
  void partition(const std::vector<int64_t>& targetBoundaries);
  int partitionCount() const { return parts_; }
  // Synapses [begin, end) of row `pre` whose targets fall in part `part`.
  int64_t partBegin(int64_t pre, int part) const {
    return parts_ == 1 ? rowStart[pre] : split_[pre * (parts_ + 1) + part];
  }
  int64_t partEnd(int64_t pre, int part) const {
    return parts_ == 1 ? rowStart[pre + 1] : split_[pre * (parts_ + 1) + part + 1];
  }

 private:
  int parts_ = 1;
  std::vector<int64_t> split_;
};

}  // namespace snn
