#pragma once

#include "AnnLayer.h"

namespace snn {

// y = W x + b on a flat input (PyTorch's nn.Linear): W is units x inputs, as PyTorch stores it.
// Over a batch, Y = W X + b 1^T with X the inputs x batch matrix of the channel-major Tensor.
class DenseLayer : public AnnLayer {
 public:
  // The spec's weight must be set (AnnModel initialises missing weights first).
  DenseLayer(const AnnLayerSpec& spec, const AnnShape& in);

  AnnLayerType type() const override { return AnnLayerType::Dense; }
  void forward(const Tensor& in, Tensor& out, int threads) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& gradOut, Tensor* gradIn,
                int threads) override;
  std::vector<ParameterRef> parameters() override;
  void store(AnnLayerSpec& spec) const override;

  const Tensor::RowMatrix& weight() const { return weight_; }
  const Eigen::VectorXf& bias() const { return bias_; }
  bool hasBias() const { return hasBias_; }

 private:
  Tensor::RowMatrix weight_, weightGrad_;
  Eigen::VectorXf bias_, biasGrad_;
  bool hasBias_ = false;
};

}  // namespace snn
