#include "ActivationLayer.h"

#include <stdexcept>

#include "parallel/ParallelBlocks.h"

namespace snn {

namespace {
using Array = Eigen::Map<Eigen::ArrayXf>;
using ConstArray = Eigen::Map<const Eigen::ArrayXf>;
}  // namespace

ActivationLayer::ActivationLayer(const AnnLayerSpec& spec, const AnnShape& in)
    : AnnLayer(spec.id, in, in), type_(spec.type) {
  if (type_ != AnnLayerType::Relu && type_ != AnnLayerType::Silu && type_ != AnnLayerType::Sigmoid)
    throw std::invalid_argument("ActivationLayer: not an element-wise activation");
}

void ActivationLayer::forward(const Tensor& in, Tensor& out, int threads) {
  out.resize(outputShape(), in.batch());
  parallelRanges(threads, in.size(), kElementBlock, 8, [&](int64_t first, int64_t n) {
    const ConstArray x(in.data() + first, n);
    Array y(out.data() + first, n);
    switch (type_) {
      case AnnLayerType::Relu:
        y = x.max(0.0f);
        break;
      case AnnLayerType::Silu:
        y = x * x.logistic();
        break;
      default:
        y = x.logistic();
        break;
    }
  });
}

void ActivationLayer::backward(const Tensor& in, const Tensor& out, const Tensor& gradOut,
                               Tensor* gradIn, int threads) {
  if (!gradIn) return;
  gradIn->resize(inputShape(), in.batch());
  parallelRanges(threads, in.size(), kElementBlock, 8, [&](int64_t first, int64_t n) {
    const ConstArray x(in.data() + first, n), y(out.data() + first, n),
        dy(gradOut.data() + first, n);
    Array dx(gradIn->data() + first, n);
    switch (type_) {
      case AnnLayerType::Relu:
        for (int64_t i = 0; i < n; ++i) dx[i] = x[i] > 0.0f ? dy[i] : 0.0f;
        break;
      case AnnLayerType::Silu:
        dx = dy * x.logistic() * (1.0f + x * (1.0f - x.logistic()));
        break;
      default:
        dx = dy * y * (1.0f - y);
        break;
    }
  });
}

}  // namespace snn
