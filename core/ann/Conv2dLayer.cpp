#include "Conv2dLayer.h"

#include <algorithm>

#include "parallel/ParallelBlocks.h"

namespace snn {

namespace {
// Output pixels per block: enough for an efficient product, small enough for the block's
// columns to stay in the core's cache.
constexpr int64_t kBlockColumns = 1024;

using RowMatrix = Tensor::RowMatrix;

// The output columns x of a row whose input column x * stride + offset lies inside [0, width).
std::pair<int, int> validColumns(int offset, int stride, int width, int outWidth) {
  const int begin = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
  const int last = width - 1 - offset;  // largest x * stride
  const int end = last < 0 ? 0 : std::min(outWidth, last / stride + 1);
  return {std::min(begin, end), end};
}
}  // namespace

Conv2dLayer::Conv2dLayer(const AnnLayerSpec& spec, const AnnShape& in, const AnnShape& out)
    : AnnLayer(spec.id, in, out),
      win_{spec.kernelH, spec.kernelW, spec.strideH, spec.strideW, spec.padTop, spec.padLeft},
      weight_(
          Eigen::Map<const RowMatrix>(spec.weight.values.data(), spec.outChannels, patchSize())),
      weightGrad_(RowMatrix::Zero(spec.outChannels, patchSize())),
      hasBias_(!spec.bias.empty()) {
  bias_ = Eigen::VectorXf::Zero(spec.outChannels);
  if (hasBias_)
    bias_ = Eigen::Map<const Eigen::VectorXf>(spec.bias.values.data(), spec.outChannels);
  biasGrad_ = Eigen::VectorXf::Zero(spec.outChannels);
}

int64_t Conv2dLayer::samplesPerBlock() const {
  const int64_t pixels = int64_t(outputShape().height) * outputShape().width;
  return std::max<int64_t>(1, kBlockColumns / pixels);
}

void Conv2dLayer::im2col(const Tensor& in, int64_t b0, int64_t n, float* cols) const {
  const AnnShape &is = inputShape(), &os = outputShape();
  const int64_t pixels = int64_t(os.height) * os.width, ld = n * pixels;
  for (int c = 0; c < is.channels; ++c)
    for (int i = 0; i < win_.kernelH; ++i)
      for (int j = 0; j < win_.kernelW; ++j) {
        float* row = cols + ((int64_t(c) * win_.kernelH + i) * win_.kernelW + j) * ld;
        const int x0 = j - win_.padLeft;
        const auto [xBegin, xEnd] = validColumns(x0, win_.strideW, is.width, os.width);
        for (int64_t b = 0; b < n; ++b) {
          const float* src = in.plane(c, b0 + b);
          for (int y = 0; y < os.height; ++y) {
            float* dst = row + b * pixels + int64_t(y) * os.width;
            const int iy = y * win_.strideH + i - win_.padTop;
            if (iy < 0 || iy >= is.height) {
              std::fill_n(dst, os.width, 0.0f);
              continue;
            }
            const float* line = src + int64_t(iy) * is.width;
            std::fill_n(dst, xBegin, 0.0f);
            if (win_.strideW == 1 && xEnd > xBegin)
              std::copy(line + xBegin + x0, line + xEnd + x0, dst + xBegin);
            else if (win_.strideW != 1)
              for (int x = xBegin; x < xEnd; ++x) dst[x] = line[x * win_.strideW + x0];
            std::fill(dst + xEnd, dst + os.width, 0.0f);
          }
        }
      }
}

void Conv2dLayer::col2im(const float* cols, int64_t b0, int64_t n, Tensor& grad) const {
  const AnnShape &is = inputShape(), &os = outputShape();
  const int64_t pixels = int64_t(os.height) * os.width, ld = n * pixels;
  for (int c = 0; c < is.channels; ++c)
    for (int64_t b = 0; b < n; ++b) std::fill_n(grad.plane(c, b0 + b), grad.planeSize(), 0.0f);
  for (int c = 0; c < is.channels; ++c)
    for (int i = 0; i < win_.kernelH; ++i)
      for (int j = 0; j < win_.kernelW; ++j) {
        const float* row = cols + ((int64_t(c) * win_.kernelH + i) * win_.kernelW + j) * ld;
        const int x0 = j - win_.padLeft;
        const auto [xBegin, xEnd] = validColumns(x0, win_.strideW, is.width, os.width);
        for (int64_t b = 0; b < n; ++b) {
          float* dstPlane = grad.plane(c, b0 + b);
          for (int y = 0; y < os.height; ++y) {
            const int iy = y * win_.strideH + i - win_.padTop;
            if (iy < 0 || iy >= is.height) continue;
            const float* src = row + b * pixels + int64_t(y) * os.width;
            float* line = dstPlane + int64_t(iy) * is.width;
            for (int x = xBegin; x < xEnd; ++x) line[x * win_.strideW + x0] += src[x];
          }
        }
      }
}

void Conv2dLayer::forward(const Tensor& in, Tensor& out, int threads) {
  const int64_t batch = in.batch(), per = samplesPerBlock(), patch = patchSize();
  const int64_t pixels = int64_t(outputShape().height) * outputShape().width;
  out.resize(outputShape(), batch);
  cols_.resize(static_cast<size_t>(patch * batch * pixels));
  auto Y = out.matrix();
  parallelBlocks(threads, blockCount(batch, per), weight_.rows() * patch * batch * pixels,
                 [&](int64_t k) {
                   const int64_t b0 = k * per, n = std::min(per, batch - b0);
                   float* cols = cols_.data() + patch * b0 * pixels;
                   im2col(in, b0, n, cols);
                   auto Yb = Y.middleCols(b0 * pixels, n * pixels);
                   Yb.noalias() = weight_ * Eigen::Map<const RowMatrix>(cols, patch, n * pixels);
                   if (hasBias_) Yb.colwise() += bias_;
                 });
}

void Conv2dLayer::backward(const Tensor& in, const Tensor& /*out*/, const Tensor& gradOut,
                           Tensor* gradIn, int threads) {
  const int64_t batch = in.batch(), per = samplesPerBlock(), patch = patchSize();
  const int64_t pixels = int64_t(outputShape().height) * outputShape().width;
  const int64_t outC = weight_.rows(), blocks = blockCount(batch, per);
  partialWeightGrad_.resize(static_cast<size_t>(blocks * outC * patch));
  partialBiasGrad_.resize(static_cast<size_t>(blocks * outC));
  if (gradIn) {
    gradIn->resize(inputShape(), batch);
    gradCols_.resize(static_cast<size_t>(patch * batch * pixels));
  }
  const auto dY = gradOut.matrix();
  parallelBlocks(threads, blocks, (gradIn ? 2 : 1) * outC * patch * batch * pixels, [&](int64_t k) {
    const int64_t b0 = k * per, n = std::min(per, batch - b0);
    const auto dYb = dY.middleCols(b0 * pixels, n * pixels);
    Eigen::Map<const RowMatrix> cols(cols_.data() + patch * b0 * pixels, patch, n * pixels);
    Eigen::Map<RowMatrix>(partialWeightGrad_.data() + k * outC * patch, outC, patch).noalias() =
        dYb * cols.transpose();
    rowSums(dYb, partialBiasGrad_.data() + k * outC);
    if (gradIn) {
      Eigen::Map<RowMatrix> gradCols(gradCols_.data() + patch * b0 * pixels, patch, n * pixels);
      gradCols.noalias() = weight_.transpose() * dYb;
      col2im(gradCols.data(), b0, n, *gradIn);
    }
  });
  // The blocks' sums added in block order: the same numbers whatever the thread count.
  weightGrad_.setZero();
  biasGrad_.setZero();
  for (int64_t k = 0; k < blocks; ++k) {
    weightGrad_ +=
        Eigen::Map<const RowMatrix>(partialWeightGrad_.data() + k * outC * patch, outC, patch);
    biasGrad_ += Eigen::Map<const Eigen::VectorXf>(partialBiasGrad_.data() + k * outC, outC);
  }
}

std::vector<ParameterRef> Conv2dLayer::parameters() {
  std::vector<ParameterRef> p{{"weight", weight_.data(), weightGrad_.data(), weight_.size()}};
  if (hasBias_) p.push_back({"bias", bias_.data(), biasGrad_.data(), bias_.size()});
  return p;
}

void Conv2dLayer::store(AnnLayerSpec& spec) const {
  spec.weight.shape = {weight_.rows(), inputShape().channels, win_.kernelH, win_.kernelW};
  spec.weight.values.assign(weight_.data(), weight_.data() + weight_.size());
  if (hasBias_) {
    spec.bias.shape = {bias_.size()};
    spec.bias.values.assign(bias_.data(), bias_.data() + bias_.size());
  }
}

}  // namespace snn
