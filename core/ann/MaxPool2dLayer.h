#pragma once

#include <cstdint>
#include <vector>

#include "AnnLayer.h"
#include "PoolWindow.h"

namespace snn {

// The largest value of each window of each channel (PyTorch's nn.MaxPool2d, ceil_mode off;
// padding never wins). The gradient goes to the first largest pixel of each window in row-major
// order, as in PyTorch.
class MaxPool2dLayer : public AnnLayer {
 public:
  MaxPool2dLayer(const AnnLayerSpec& spec, const AnnShape& in, const AnnShape& out);

  AnnLayerType type() const override { return AnnLayerType::MaxPool2d; }
  void forward(const Tensor& in, Tensor& out, int threads) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& gradOut, Tensor* gradIn,
                int threads) override;

 private:
  PoolWindow window_;
  std::vector<int32_t> argmax_;  // per output value: the winning pixel's index in its plane
};

}  // namespace snn
