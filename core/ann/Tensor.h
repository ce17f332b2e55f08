#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "model/AnnSpec.h"

namespace snn {

// A mini-batch of activations: `batch` samples of one shape (channels x height x width),
// stored channel-major ("C, N, H, W"): the value of channel c, sample b, row y, column x is
// values[((c * batch + b) * height + y) * width + x]. A convolution over the whole batch is then
// one product whose result is already in this layout, and a flat tensor (n x 1 x 1) is the
// features x batch matrix a dense layer multiplies. sample() and setSamples() convert from and
// to PyTorch's per-sample C x H x W order.
//
// resize() keeps the storage when the size shrinks or returns, so a model allocates only for
// its largest batch.
class Tensor {
 public:
  using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

  Tensor() = default;
  Tensor(const AnnShape& shape, int64_t batch) { resize(shape, batch); }

  void resize(const AnnShape& shape, int64_t batch);
  void setZero();

  const AnnShape& shape() const { return shape_; }
  int64_t batch() const { return batch_; }
  int64_t size() const { return shape_.size() * batch_; }
  int64_t planeSize() const { return int64_t(shape_.height) * shape_.width; }
  float* data() { return values_.data(); }
  const float* data() const { return values_.data(); }

  // The height x width values of channel c of sample b.
  float* plane(int c, int64_t b) { return values_.data() + (c * batch_ + b) * planeSize(); }
  const float* plane(int c, int64_t b) const {
    return values_.data() + (c * batch_ + b) * planeSize();
  }
  float at(int64_t b, int c, int y, int x) const {
    return plane(c, b)[int64_t(y) * shape_.width + x];
  }

  // channels x (batch * height * width), row-major: a flat tensor is features x batch.
  Eigen::Map<RowMatrix> matrix() { return {values_.data(), shape_.channels, batch_ * planeSize()}; }
  Eigen::Map<const RowMatrix> matrix() const {
    return {values_.data(), shape_.channels, batch_ * planeSize()};
  }

  // Sample b in PyTorch's order (C x H x W), shape().size() values.
  std::vector<float> sample(int64_t b) const;
  // Makes this a batch of `batch` samples given one after another in PyTorch's order
  // (batch x shape.size(), row-major, as Dataset::images).
  void setSamples(const float* samples, const AnnShape& shape, int64_t batch);

 private:
  AnnShape shape_{};
  int64_t batch_ = 0;
  std::vector<float> values_;
};

// out[r] = sum over c of m(r, c), in 16 running sums per row (lane c % 16) added up at the
// end in a fixed order. An Eigen reduction over a Map would peel its first elements by the
// memory's alignment, so the same numbers at another address could give other bits; this
// gives the same bits wherever the data lies, and still vectorises.
template <class Matrix>
void rowSums(const Matrix& m, float* out) {
  constexpr Eigen::Index kLanes = 16;
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    float lanes[kLanes] = {};
    const Eigen::Index whole = m.cols() / kLanes * kLanes;
    for (Eigen::Index c = 0; c < whole; c += kLanes)
      for (Eigen::Index k = 0; k < kLanes; ++k) lanes[k] += m(r, c + k);
    for (Eigen::Index c = whole; c < m.cols(); ++c) lanes[c - whole] += m(r, c);
    float sum = 0.0f;
    for (float lane : lanes) sum += lane;
    out[r] = sum;
  }
}

}  // namespace snn
