#pragma once

#include <cstdint>
#include <vector>

#include "model/NetworkSpec.h"
#include "neurons/Real.h"

namespace snn {

// A conv2d or avg_pool2d projection between shaped populations as the simulator runs it: the
// kernel held once (scaled by the projection's weight), never expanded into synapses. A spike
// of presynaptic neuron (c, y, x) is scattered through the kernel into every target whose
// receptive field covers it (event-driven, cost proportional to the spikes), the convolution
// being PyTorch's Conv2d / AvgPool2d cross-correlation with zero padding:
//
//   conv2d:     post(o, i, j) += w K[o, c, y - (i s_h - p_h), x - (j s_w - p_w)]
//   avg_pool2d: post(c, i, j) += w / (k_h k_w)   for (y, x) in the window of (i, j)
class ConvConnector {
 public:
  // Throws std::invalid_argument when the shapes do not fit (the validator reports it first,
  // naming the projection's field: see checkShapedConnector).
  ConvConnector(const ConnectorSpec& spec, const TensorShape& in, const TensorShape& out,
                double weight);

  // Adds `scale` times the weights of presynaptic neuron `pre` into `into` (the post
  // population's currents), for the targets in [begin, end) only (a worker's own range).
  void scatter(int64_t pre, Real scale, Real* into, int64_t begin, int64_t end) const;

  // The targets one spike of `pre` reaches in the whole post population (its synapses, as the
  // energy counts want them: fewer at the borders).
  int64_t fanOut(int64_t pre) const;

  // Synapses the kernel stands for (the explicit list would have this many entries).
  int64_t synapseCount() const;
  const TensorShape& in() const { return in_; }
  const TensorShape& out() const { return out_; }

 private:
  // The output rows (or columns) whose window covers input row y: [first, last].
  static void coveringRange(int64_t y, int64_t kernel, int64_t stride, int64_t pad, int64_t outSize,
                            int64_t& first, int64_t& last);

  bool pool_ = false;
  TensorShape in_, out_;
  int64_t kh_ = 1, kw_ = 1, sh_ = 1, sw_ = 1, ph_ = 0, pw_ = 0;
  // conv2d: the kernel scaled by the weight, laid out [in_c][kh][kw][out_c] so that one
  // spike's weights for one window position are contiguous. avg_pool2d: empty.
  std::vector<Real> kernel_;
  Real poolWeight_ = 0;
};

// The output size of a window of `kernel` sliding with `stride` over `size` + 2 `pad` pixels,
// or 0 when it does not fit once.
int64_t convOutputSize(int64_t size, int64_t kernel, int64_t stride, int64_t pad);

// The shape a conv2d or avg_pool2d connector makes of `in`, or a message saying why it cannot
// (naming the connector field that is wrong) in `problem` with `field` set.
struct ShapedConnectorCheck {
  TensorShape out;
  std::string field;    // empty when fine
  std::string problem;  // what is wrong
};
ShapedConnectorCheck checkShapedConnector(const ConnectorSpec& spec, const TensorShape& in);

}  // namespace snn
