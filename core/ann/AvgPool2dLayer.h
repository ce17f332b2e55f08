#pragma once

#include "AnnLayer.h"
#include "PoolWindow.h"

namespace snn {

// The mean of each window of each channel (PyTorch's nn.AvgPool2d, ceil_mode off): divided by
// the whole window when padded zeros count (count_include_pad, PyTorch's default), else by the
// input pixels the window covers.
class AvgPool2dLayer : public AnnLayer {
 public:
  AvgPool2dLayer(const AnnLayerSpec& spec, const AnnShape& in, const AnnShape& out);

  AnnLayerType type() const override { return AnnLayerType::AvgPool2d; }
  void forward(const Tensor& in, Tensor& out, int threads) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& gradOut, Tensor* gradIn,
                int threads) override;

 private:
  float divisor(int y, int x) const;
  // One plane (a channel of a sample).
  void forwardPlane(const float* src, float* dst) const;
  void backwardPlane(const float* grad, float* dst) const;

  PoolWindow window_;
  bool countIncludePad_;
  bool unpadded_;  // no padding: every window lies inside the input
  bool halving_;   // 2x2 windows, stride 2, no padding
};

}  // namespace snn
