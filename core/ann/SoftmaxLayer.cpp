#include "SoftmaxLayer.h"

namespace snn {

SoftmaxLayer::SoftmaxLayer(const AnnLayerSpec& spec, const AnnShape& in)
    : AnnLayer(spec.id, in, in) {}

// The features x batch matrix is small (classes x batch): one thread is enough.
void SoftmaxLayer::forward(const Tensor& in, Tensor& out, int /*threads*/) {
  out.resize(outputShape(), in.batch());
  const auto x = in.matrix();
  auto y = out.matrix();
  y = (x.rowwise() - x.colwise().maxCoeff()).array().exp().matrix();
  y.array().rowwise() /= y.colwise().sum().array();
}

void SoftmaxLayer::backward(const Tensor& in, const Tensor& out, const Tensor& gradOut,
                            Tensor* gradIn, int /*threads*/) {
  if (!gradIn) return;
  gradIn->resize(inputShape(), in.batch());
  const auto y = out.matrix().array();
  const auto dy = gradOut.matrix().array();
  const Eigen::RowVectorXf dot = (dy * y).colwise().sum();
  gradIn->matrix().array() = y * (dy.rowwise() - dot.array());
}

}  // namespace snn
