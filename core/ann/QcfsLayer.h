#pragma once

#include <vector>

#include "AnnLayer.h"

namespace snn {

// The quantisation clip-floor-shift activation of Bu et al., "Optimal ANN-SNN conversion for
// high-accuracy and ultra-low-latency spiking neural networks" (ICLR 2022), eq. 14:
//
//   h(x) = lambda / L * clip(floor(x L / lambda + 1/2), 0, L)
//
// L quantisation steps, lambda a trainable threshold per layer (the converted IF neurons'
// threshold). Computed in the order of the authors' code (MyFloor in
// github.com/putshua/SNN_conversion_QCFS): u = x / lambda, q = floor(u L + 1/2) / L,
// h = clamp(q, 0, 1) lambda. The gradient is the one autograd gives that code, floor passing
// the gradient straight through:
//
//   dh/dx      = [0 <= q <= 1]
//   dh/dlambda = clamp(q, 0, 1) - [0 <= q <= 1] x / lambda
class QcfsLayer : public AnnLayer {
 public:
  QcfsLayer(const AnnLayerSpec& spec, const AnnShape& in);

  AnnLayerType type() const override { return AnnLayerType::Qcfs; }
  void forward(const Tensor& in, Tensor& out, int threads) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& gradOut, Tensor* gradIn,
                int threads) override;
  std::vector<ParameterRef> parameters() override;
  void store(AnnLayerSpec& spec) const override;

  int levels() const { return levels_; }
  float threshold() const { return threshold_; }

 private:
  int levels_;
  float threshold_;
  float thresholdGrad_ = 0.0f;
  std::vector<double> partialThresholdGrad_;  // one per block, summed in block order
};

}  // namespace snn
