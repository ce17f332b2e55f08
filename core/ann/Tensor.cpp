#include "Tensor.h"

#include <algorithm>

namespace snn {

void Tensor::resize(const AnnShape& shape, int64_t batch) {
  shape_ = shape;
  batch_ = batch;
  values_.resize(static_cast<size_t>(shape.size() * batch));
}

void Tensor::setZero() {
  std::fill(values_.begin(), values_.end(), 0.0f);
}

std::vector<float> Tensor::sample(int64_t b) const {
  std::vector<float> out(static_cast<size_t>(shape_.size()));
  const int64_t plane = planeSize();
  for (int c = 0; c < shape_.channels; ++c)
    std::copy_n(this->plane(c, b), plane, out.begin() + c * plane);
  return out;
}

void Tensor::setSamples(const float* samples, const AnnShape& shape, int64_t batch) {
  resize(shape, batch);
  // Per channel, the batch x plane block of the samples becomes contiguous: a transpose of
  // (batch x channels) blocks of planes.
  const int64_t plane = planeSize(), perSample = shape.size();
  if (plane == 1) {  // a flat input: the features x batch transpose of the samples
    matrix() = Eigen::Map<const RowMatrix>(samples, batch, perSample).transpose();
    return;
  }
  for (int c = 0; c < shape.channels; ++c)
    for (int64_t b = 0; b < batch; ++b)
      std::copy_n(samples + b * perSample + c * plane, plane, this->plane(c, b));
}

}  // namespace snn
