#pragma once

#include "AnnLayer.h"

namespace snn {

// An element-wise activation without parameters:
//   relu     y = max(x, 0)               dy/dx = [x > 0]
//   silu     y = x s(x), s = sigmoid     dy/dx = s(x) (1 + x (1 - s(x)))
//   sigmoid  y = 1 / (1 + exp(-x))       dy/dx = y (1 - y)
class ActivationLayer : public AnnLayer {
 public:
  // spec.type is Relu, Silu or Sigmoid.
  ActivationLayer(const AnnLayerSpec& spec, const AnnShape& in);

  AnnLayerType type() const override { return type_; }
  void forward(const Tensor& in, Tensor& out, int threads) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& gradOut, Tensor* gradIn,
                int threads) override;

 private:
  AnnLayerType type_;
};

// Values per block of element-wise work.
inline constexpr int64_t kElementBlock = int64_t(1) << 14;

}  // namespace snn
