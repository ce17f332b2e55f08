#include "DenseLayer.h"

#include "parallel/ParallelBlocks.h"

namespace snn {

DenseLayer::DenseLayer(const AnnLayerSpec& spec, const AnnShape& in)
    : AnnLayer(spec.id, in, {spec.units, 1, 1}),
      weight_(
          Eigen::Map<const Tensor::RowMatrix>(spec.weight.values.data(), spec.units, in.size())),
      weightGrad_(Tensor::RowMatrix::Zero(spec.units, in.size())),
      hasBias_(!spec.bias.empty()) {
  bias_ = Eigen::VectorXf::Zero(spec.units);
  if (hasBias_) bias_ = Eigen::Map<const Eigen::VectorXf>(spec.bias.values.data(), spec.units);
  biasGrad_ = Eigen::VectorXf::Zero(spec.units);
}

void DenseLayer::forward(const Tensor& in, Tensor& out, int threads) {
  out.resize(outputShape(), in.batch());
  blockedProduct(threads, out.matrix(), weight_, in.matrix(), false);
  if (hasBias_) out.matrix().colwise() += bias_;
}

void DenseLayer::backward(const Tensor& in, const Tensor& /*out*/, const Tensor& gradOut,
                          Tensor* gradIn, int threads) {
  const auto dY = gradOut.matrix();
  blockedProduct(
      threads,
      Eigen::Map<Tensor::RowMatrix>(weightGrad_.data(), weightGrad_.rows(), weightGrad_.cols()), dY,
      in.matrix().transpose(), false);
  if (hasBias_) rowSums(dY, biasGrad_.data());
  if (gradIn) {
    gradIn->resize(inputShape(), in.batch());
    blockedProduct(threads, gradIn->matrix(), weight_.transpose(), dY, false);
  }
}

std::vector<ParameterRef> DenseLayer::parameters() {
  std::vector<ParameterRef> p{{"weight", weight_.data(), weightGrad_.data(), weight_.size()}};
  if (hasBias_) p.push_back({"bias", bias_.data(), biasGrad_.data(), bias_.size()});
  return p;
}

void DenseLayer::store(AnnLayerSpec& spec) const {
  spec.weight.shape = {weight_.rows(), weight_.cols()};
  spec.weight.values.assign(weight_.data(), weight_.data() + weight_.size());
  if (hasBias_) {
    spec.bias.shape = {bias_.size()};
    spec.bias.values.assign(bias_.data(), bias_.data() + bias_.size());
  }
}

}  // namespace snn
