#include "Conv2dLayer.h"

#include <algorithm>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

#include "SmallGemm.h"
#include "parallel/ParallelBlocks.h"

namespace snn {

namespace {
// Output pixels per block: enough for an efficient product, small enough for the block's
// columns to stay in the core's cache.
constexpr int64_t kBlockColumns = 512;

using RowMatrix = Tensor::RowMatrix;

// dst[0, n) = src[0, n), and dst += src: rows of a few dozen values, which the compiler's vector
// loops finish in scalar steps; with AVX-512, 16 at a time and one masked step for the rest.
inline void copyRow(float* __restrict dst, const float* __restrict src, int n) {
#if defined(__AVX512F__)
  int x = 0;
  for (; x + 16 <= n; x += 16) _mm512_storeu_ps(dst + x, _mm512_loadu_ps(src + x));
  if (x < n) {
    const auto mask = static_cast<__mmask16>((1u << (n - x)) - 1u);
    _mm512_mask_storeu_ps(dst + x, mask, _mm512_maskz_loadu_ps(mask, src + x));
  }
#else
  for (int x = 0; x < n; ++x) dst[x] = src[x];
#endif
}

inline void addRow(float* __restrict dst, const float* __restrict src, int n) {
#if defined(__AVX512F__)
  int x = 0;
  for (; x + 16 <= n; x += 16)
    _mm512_storeu_ps(dst + x, _mm512_add_ps(_mm512_loadu_ps(dst + x), _mm512_loadu_ps(src + x)));
  if (x < n) {
    const auto mask = static_cast<__mmask16>((1u << (n - x)) - 1u);
    _mm512_mask_storeu_ps(
        dst + x, mask,
        _mm512_add_ps(_mm512_maskz_loadu_ps(mask, dst + x), _mm512_maskz_loadu_ps(mask, src + x)));
  }
#else
  for (int x = 0; x < n; ++x) dst[x] += src[x];
#endif
}

// A thread's buffers for one block: its columns, their gradient, one zero-padded sample. Every
// BlockPool thread (and the caller) keeps its own, grown to the largest block it has seen, so a
// block's columns stay in its core's cache; what a block computes does not depend on which
// thread's buffers it uses.
struct Workspace {
  std::vector<float> cols, gradCols, padded;
};

Workspace& workspace(int64_t columns, int64_t padded) {
  thread_local Workspace w;
  if (int64_t(w.cols.size()) < columns) {
    w.cols.resize(static_cast<size_t>(columns));
    w.gradCols.resize(static_cast<size_t>(columns));
  }
  if (int64_t(w.padded.size()) < padded) w.padded.resize(static_cast<size_t>(padded));
  return w;
}

}  // namespace

Conv2dLayer::Conv2dLayer(const AnnLayerSpec& spec, const AnnShape& in, const AnnShape& out)
    : AnnLayer(spec.id, in, out),
      win_{spec.kernelH, spec.kernelW, spec.strideH,   spec.strideW,
           spec.padTop,  spec.padLeft, spec.padBottom, spec.padRight},
      weight_(
          Eigen::Map<const RowMatrix>(spec.weight.values.data(), spec.outChannels, patchSize())),
      weightGrad_(RowMatrix::Zero(spec.outChannels, patchSize())),
      hasBias_(!spec.bias.empty()),
      padded_(spec.padTop || spec.padLeft || spec.padBottom || spec.padRight) {
  bias_ = Eigen::VectorXf::Zero(spec.outChannels);
  if (hasBias_)
    bias_ = Eigen::Map<const Eigen::VectorXf>(spec.bias.values.data(), spec.outChannels);
  biasGrad_ = Eigen::VectorXf::Zero(spec.outChannels);
}

int64_t Conv2dLayer::samplesPerBlock() const {
  const int64_t pixels = int64_t(outputShape().height) * outputShape().width;
  return std::max<int64_t>(1, kBlockColumns / pixels);
}

const float* Conv2dLayer::paddedPlanes(const Tensor& in, int64_t b, float* scratch) const {
  if (!padded_) return nullptr;
  const AnnShape& is = inputShape();
  const int W = is.width, H = is.height;
  const int64_t Wp = paddedWidth(), Hp = paddedHeight();
  // Only the border is zeroed: the inside is the sample.
  for (int c = 0; c < is.channels; ++c) {
    float* plane = scratch + c * Hp * Wp;
    const float* src = in.plane(c, b);
    std::fill_n(plane, win_.padTop * Wp, 0.0f);
    for (int y = 0; y < H; ++y) {
      float* line = plane + (y + win_.padTop) * Wp;
      std::fill_n(line, win_.padLeft, 0.0f);
      copyRow(line + win_.padLeft, src + int64_t(y) * W, W);
      std::fill_n(line + win_.padLeft + W, win_.padRight, 0.0f);
    }
    std::fill_n(plane + (H + win_.padTop) * Wp, win_.padBottom * Wp, 0.0f);
  }
  return scratch;
}

void Conv2dLayer::im2col(const Tensor& in, int64_t b0, int64_t n, float* cols,
                         float* scratch) const {
  const AnnShape &is = inputShape(), &os = outputShape();
  const int64_t pixels = int64_t(os.height) * os.width, ld = n * pixels;
  const int outW = os.width, sh = win_.strideH, sw = win_.strideW;
  const int64_t Wp = paddedWidth(), Hp = paddedHeight();
  // Each sample's planes zero-padded once, then every row of the columns is a plain strided
  // copy without bounds: twice as fast as clipping each row to the input.
  for (int64_t b = 0; b < n; ++b) {
    const float* padded = paddedPlanes(in, b0 + b, scratch);
    for (int c = 0; c < is.channels; ++c) {
      const float* plane = padded ? padded + c * Hp * Wp : in.plane(c, b0 + b);
      for (int i = 0; i < win_.kernelH; ++i)
        for (int j = 0; j < win_.kernelW; ++j) {
          float* row =
              cols + ((int64_t(c) * win_.kernelH + i) * win_.kernelW + j) * ld + b * pixels;
          for (int y = 0; y < os.height; ++y) {
            float* __restrict dst = row + int64_t(y) * outW;
            const float* __restrict src = plane + (int64_t(y) * sh + i) * Wp + j;
            if (sw == 1)
              copyRow(dst, src, outW);
            else
              for (int x = 0; x < outW; ++x) dst[x] = src[int64_t(x) * sw];
          }
        }
    }
  }
}

void Conv2dLayer::col2im(const float* cols, int64_t b0, int64_t n, Tensor& grad,
                         float* scratch) const {
  const AnnShape &is = inputShape(), &os = outputShape();
  const int64_t pixels = int64_t(os.height) * os.width, ld = n * pixels;
  const int outW = os.width, sh = win_.strideH, sw = win_.strideW;
  const int64_t Wp = paddedWidth(), Hp = paddedHeight();
  // Summed into a padded buffer without bounds, then its inside copied to the gradient.
  for (int64_t b = 0; b < n; ++b) {
    float* sums = padded_ ? scratch : nullptr;
    for (int c = 0; c < is.channels; ++c) {
      float* plane = sums ? sums + c * Hp * Wp : grad.plane(c, b0 + b);
      std::fill_n(plane, Hp * Wp, 0.0f);
      for (int i = 0; i < win_.kernelH; ++i)
        for (int j = 0; j < win_.kernelW; ++j) {
          const float* row =
              cols + ((int64_t(c) * win_.kernelH + i) * win_.kernelW + j) * ld + b * pixels;
          for (int y = 0; y < os.height; ++y) {
            const float* __restrict src = row + int64_t(y) * outW;
            float* __restrict dst = plane + (int64_t(y) * sh + i) * Wp + j;
            if (sw == 1)
              addRow(dst, src, outW);
            else
              for (int x = 0; x < outW; ++x) dst[int64_t(x) * sw] += src[x];
          }
        }
      if (sums)
        for (int y = 0; y < is.height; ++y)
          std::copy_n(plane + (y + win_.padTop) * Wp + win_.padLeft, is.width,
                      grad.plane(c, b0 + b) + int64_t(y) * is.width);
    }
  }
}

void Conv2dLayer::forward(const Tensor& in, Tensor& out, int threads) {
  const int64_t batch = in.batch(), per = samplesPerBlock(), patch = patchSize();
  const int64_t pixels = int64_t(outputShape().height) * outputShape().width;
  const int64_t outC = weight_.rows();
  out.resize(outputShape(), batch);
  parallelBlocks(threads, blockCount(batch, per), outC * patch * batch * pixels, [&](int64_t k) {
    const int64_t b0 = k * per, n = std::min(per, batch - b0);
    Workspace& w = workspace(patch * n * pixels, scratchSize());
    im2col(in, b0, n, w.cols.data(), w.padded.data());
    // The block's output columns of Y (out channels x batch * pixels) = b + W cols.
    smallGemm(outC, n * pixels, patch, weight_.data(), patch, 1, w.cols.data(), n * pixels,
              out.data() + b0 * pixels, batch * pixels, hasBias_ ? bias_.data() : nullptr);
  });
}

void Conv2dLayer::backward(const Tensor& in, const Tensor& /*out*/, const Tensor& gradOut,
                           Tensor* gradIn, int threads) {
  const int64_t batch = in.batch(), per = samplesPerBlock(), patch = patchSize();
  const int64_t pixels = int64_t(outputShape().height) * outputShape().width;
  const int64_t outC = weight_.rows(), blocks = blockCount(batch, per);
  partialWeightGrad_.resize(static_cast<size_t>(blocks * outC * patch));
  partialBiasGrad_.resize(static_cast<size_t>(blocks * outC));
  if (gradIn) gradIn->resize(inputShape(), batch);
  const auto dY = gradOut.matrix();
  // The columns are made again rather than kept from forward(): a block's columns stay in its
  // core's cache, where the whole batch's would not (they are kernel-size times the input).
  parallelBlocks(threads, blocks, (gradIn ? 3 : 2) * outC * patch * batch * pixels, [&](int64_t k) {
    const int64_t b0 = k * per, n = std::min(per, batch - b0);
    Workspace& w = workspace(patch * n * pixels, scratchSize());
    im2col(in, b0, n, w.cols.data(), w.padded.data());
    const auto dYb = dY.middleCols(b0 * pixels, n * pixels);
    Eigen::Map<const RowMatrix> cols(w.cols.data(), patch, n * pixels);
    Eigen::Map<RowMatrix>(partialWeightGrad_.data() + k * outC * patch, outC, patch).noalias() =
        dYb * cols.transpose();
    rowSums(dYb, partialBiasGrad_.data() + k * outC);
    if (gradIn) {  // W^T dY, W read transposed in place
      smallGemm(patch, n * pixels, outC, weight_.data(), 1, patch, dY.data() + b0 * pixels,
                batch * pixels, w.gradCols.data(), n * pixels, nullptr);
      col2im(w.gradCols.data(), b0, n, *gradIn, w.padded.data());
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
