#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "ConvertedSnn.h"

namespace snn {

// One stage's input operation on one sample, event-driven: every non-zero entry of the
// previous stage's spikes scatters its weights into the stage's input current, so the work is
// spikes x fan-out rather than a full product (a converted network fires in a few per cent of
// its neurons per step). Spikes and currents are in height x width x channel order (channel
// fastest), so a conv2d input adds one contiguous vector of output channels per kernel tap and a
// dense input one row of units. A folded average pooling first scatters the spikes into the
// pooled map, whose non-zero entries then drive the operation (pooling is linear).
class EventStageOperation {
 public:
  // `pre`: the shape of the spikes that drive the stage (the previous stage's output, or the
  // input).
  EventStageOperation(const SnnStage& stage, const AnnShape& pre);

  // Floats of scratch accumulate() needs (the pooled map of a folded pool), and the entries of
  // its event list (the indices of the non-zero inputs).
  int64_t scratchSize() const { return pool_ ? pooled_.size() : 0; }
  int64_t eventCapacity() const { return std::max(pre_.size(), pooled_.size()); }
  // current (the stage's output size, HWC) += op(pool(spikes)); spikes: pre.size(), HWC.
  void accumulate(const float* spikes, float* scratch, int32_t* events, float* current) const;
  // The bias of each output neuron in HWC order (a constant current per step).
  const std::vector<float>& bias() const { return bias_; }

 private:
  struct Window {
    int kh = 1, kw = 1, sh = 1, sw = 1, padTop = 0, padLeft = 0;
  };
  enum class Kind { Dense, Conv, Pool };

  // into (shape `out`, HWC) += value / window size at every window covering input `index`.
  static void poolScatter(const Window& w, const AnnShape& in, const AnnShape& out, int64_t index,
                          float value, float* into);
  void opScatter(int64_t index, float value, float* current) const;
  // The folded pool over the whole map: each pooled cell sums its window's channel vectors.
  void poolDense(const float* spikes, float* pooled) const;

  Kind kind_ = Kind::Dense;
  AnnShape in_, out_;  // the operation's input (unflattened) and output
  Window window_;
  // dense: [input (HWC)][unit]; conv: [c][ky][kw - 1 - kx][out channel]
  std::vector<float> weights_;
  // Per input of the conv / pool operation: its channel, row and column, and the first and
  // last output row (column) whose window covers its row (column): no division per event.
  std::vector<int32_t> channelOf_, rowOf_, colOf_;
  std::vector<int32_t> rowFirst_, rowLast_, colFirst_, colLast_;
  std::optional<Window> pool_;
  AnnShape pre_, pooled_;
  std::vector<float> bias_;
};

}  // namespace snn
