#include "SoftmaxCrossEntropy.h"

#include <cmath>

namespace snn {

double softmaxCrossEntropy(const Tensor& logits, const uint8_t* labels, Tensor& grad) {
  const int64_t batch = logits.batch(), classes = logits.shape().channels;
  grad.resize(logits.shape(), batch);
  const auto x = logits.matrix();
  auto g = grad.matrix();
  double loss = 0.0;
  const float inv = 1.0f / static_cast<float>(batch);
  for (int64_t b = 0; b < batch; ++b) {
    const float top = x.col(b).maxCoeff();
    double sum = 0.0;
    for (int64_t i = 0; i < classes; ++i) sum += std::exp(double(x(i, b) - top));
    loss += std::log(sum) - double(x(labels[b], b) - top);
    for (int64_t i = 0; i < classes; ++i)
      g(i, b) = static_cast<float>(std::exp(double(x(i, b) - top)) / sum) * inv;
    g(labels[b], b) -= inv;
  }
  return batch ? loss / double(batch) : 0.0;
}

void argmaxClasses(const Tensor& outputs, int32_t* predicted) {
  const auto y = outputs.matrix();
  for (int64_t b = 0; b < y.cols(); ++b) {
    Eigen::Index best = 0;
    y.col(b).maxCoeff(&best);
    predicted[b] = static_cast<int32_t>(best);
  }
}

}  // namespace snn
