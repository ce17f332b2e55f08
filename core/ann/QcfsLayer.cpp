#include "QcfsLayer.h"

#include <cmath>

#include "ActivationLayer.h"
#include "parallel/ParallelBlocks.h"

namespace snn {

QcfsLayer::QcfsLayer(const AnnLayerSpec& spec, const AnnShape& in)
    : AnnLayer(spec.id, in, in), levels_(spec.levels), threshold_(spec.threshold) {}

void QcfsLayer::forward(const Tensor& in, Tensor& out, int threads) {
  out.resize(outputShape(), in.batch());
  const float lambda = threshold_, L = static_cast<float>(levels_);
  parallelRanges(threads, in.size(), kElementBlock, 8, [&](int64_t first, int64_t n) {
    const float* x = in.data() + first;
    float* y = out.data() + first;
    for (int64_t i = 0; i < n; ++i) {
      const float q = std::floor(x[i] / lambda * L + 0.5f) / L;
      y[i] = std::clamp(q, 0.0f, 1.0f) * lambda;
    }
  });
}

void QcfsLayer::backward(const Tensor& in, const Tensor& /*out*/, const Tensor& gradOut,
                         Tensor* gradIn, int threads) {
  if (gradIn) gradIn->resize(inputShape(), in.batch());
  const float lambda = threshold_, L = static_cast<float>(levels_);
  const int64_t blocks = blockCount(in.size(), kElementBlock);
  partialThresholdGrad_.assign(static_cast<size_t>(blocks), 0.0);
  parallelRanges(threads, in.size(), kElementBlock, 8, [&](int64_t first, int64_t n) {
    const float* x = in.data() + first;
    const float* dy = gradOut.data() + first;
    double sum = 0.0;
    for (int64_t i = 0; i < n; ++i) {
      const float u = x[i] / lambda;
      const float q = std::floor(u * L + 0.5f) / L;
      const bool inside = q >= 0.0f && q <= 1.0f;
      sum += double(dy[i]) * (std::clamp(q, 0.0f, 1.0f) - (inside ? u : 0.0f));
      if (gradIn) gradIn->data()[first + i] = inside ? dy[i] : 0.0f;
    }
    partialThresholdGrad_[static_cast<size_t>(first / kElementBlock)] = sum;
  });
  double total = 0.0;
  for (double s : partialThresholdGrad_) total += s;
  thresholdGrad_ = static_cast<float>(total);
}

std::vector<ParameterRef> QcfsLayer::parameters() {
  return {{"threshold", &threshold_, &thresholdGrad_, 1}};
}

void QcfsLayer::store(AnnLayerSpec& spec) const {
  spec.threshold = threshold_;
}

}  // namespace snn
