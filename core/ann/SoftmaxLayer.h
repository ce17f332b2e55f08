#pragma once

#include "AnnLayer.h"

namespace snn {

// softmax over the features of each sample of a flat input: y_i = exp(x_i) / sum_j exp(x_j),
// computed as exp(x_i - max x). Backward: dx = y (dy - sum_j dy_j y_j). Training takes the
// loss on the logits before it (SoftmaxCrossEntropy), as PyTorch's cross_entropy does.
class SoftmaxLayer : public AnnLayer {
 public:
  SoftmaxLayer(const AnnLayerSpec& spec, const AnnShape& in);

  AnnLayerType type() const override { return AnnLayerType::Softmax; }
  void forward(const Tensor& in, Tensor& out, int threads) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& gradOut, Tensor* gradIn,
                int threads) override;
};

}  // namespace snn
