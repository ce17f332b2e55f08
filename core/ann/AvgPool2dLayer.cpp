#include "AvgPool2dLayer.h"

#include "parallel/ParallelBlocks.h"

namespace snn {

AvgPool2dLayer::AvgPool2dLayer(const AnnLayerSpec& spec, const AnnShape& in, const AnnShape& out)
    : AnnLayer(spec.id, in, out),
      window_(spec, in),
      countIncludePad_(spec.countIncludePad),
      unpadded_(spec.padTop == 0 && spec.padLeft == 0 && spec.padBottom == 0 && spec.padRight == 0),
      halving_(unpadded_ && spec.kernelH == 2 && spec.kernelW == 2 && spec.strideH == 2 &&
               spec.strideW == 2) {}

float AvgPool2dLayer::divisor(int y, int x) const {
  if (countIncludePad_) return static_cast<float>(window_.fullCount());
  return static_cast<float>((window_.rowEnd(y) - window_.rowBegin(y)) *
                            (window_.colEnd(x) - window_.colBegin(x)));
}

void AvgPool2dLayer::forwardPlane(const float* src, float* dst) const {
  const PoolWindow& w = window_;
  const int W = w.width, outH = outputShape().height, outW = outputShape().width;
  if (halving_) {  // the common 2x2 window, stride 2: two input rows per output row
    for (int y = 0; y < outH; ++y) {
      const float* top = src + int64_t(2 * y) * W;
      const float* bottom = top + W;
      float* out = dst + int64_t(y) * outW;
      for (int x = 0; x < outW; ++x)
        out[x] = (top[2 * x] + top[2 * x + 1] + bottom[2 * x] + bottom[2 * x + 1]) / 4.0f;
    }
  } else if (unpadded_) {  // every window whole: fixed bounds, one divisor
    const float size = static_cast<float>(w.fullCount());
    for (int y = 0; y < outH; ++y)
      for (int x = 0; x < outW; ++x) {
        const float* corner = src + int64_t(y) * w.strideH * W + int64_t(x) * w.strideW;
        float sum = 0.0f;
        for (int r = 0; r < w.kernelH; ++r)
          for (int c = 0; c < w.kernelW; ++c) sum += corner[int64_t(r) * W + c];
        dst[int64_t(y) * outW + x] = sum / size;
      }
  } else {
    for (int y = 0; y < outH; ++y)
      for (int x = 0; x < outW; ++x) {
        float sum = 0.0f;
        for (int r = w.rowBegin(y); r < w.rowEnd(y); ++r)
          for (int c = w.colBegin(x); c < w.colEnd(x); ++c) sum += src[int64_t(r) * W + c];
        dst[int64_t(y) * outW + x] = sum / divisor(y, x);
      }
  }
}

void AvgPool2dLayer::backwardPlane(const float* grad, float* dst) const {
  const PoolWindow& w = window_;
  const int W = w.width, H = w.height, outH = outputShape().height, outW = outputShape().width;
  if (halving_) {
    for (int y = 0; y < outH; ++y) {
      float* top = dst + int64_t(2 * y) * W;
      float* bottom = top + W;
      const float* g = grad + int64_t(y) * outW;
      for (int x = 0; x < outW; ++x) {
        const float share = g[x] / 4.0f;
        top[2 * x] = top[2 * x + 1] = bottom[2 * x] = bottom[2 * x + 1] = share;
      }
      for (int x = 2 * outW; x < W; ++x) top[x] = bottom[x] = 0.0f;  // an odd last column
    }
    for (int64_t k = int64_t(2 * outH) * W; k < int64_t(H) * W; ++k) dst[k] = 0.0f;  // odd row
    return;
  }
  for (int64_t k = 0; k < int64_t(H) * W; ++k) dst[k] = 0.0f;
  for (int y = 0; y < outH; ++y)
    for (int x = 0; x < outW; ++x) {
      const float share = grad[int64_t(y) * outW + x] / divisor(y, x);
      for (int r = w.rowBegin(y); r < w.rowEnd(y); ++r)
        for (int c = w.colBegin(x); c < w.colEnd(x); ++c) dst[int64_t(r) * W + c] += share;
    }
}

void AvgPool2dLayer::forward(const Tensor& in, Tensor& out, int threads) {
  out.resize(outputShape(), in.batch());
  const int64_t planes = int64_t(outputShape().channels) * in.batch();
  const int64_t inPlane = in.planeSize(), outPlane = out.planeSize();
  parallelRanges(threads, planes, poolPlanesPerBlock(inputShape()), inPlane,
                 [&](int64_t first, int64_t count) {
                   for (int64_t p = first; p < first + count; ++p)
                     forwardPlane(in.data() + p * inPlane, out.data() + p * outPlane);
                 });
}

void AvgPool2dLayer::backward(const Tensor& in, const Tensor& /*out*/, const Tensor& gradOut,
                              Tensor* gradIn, int threads) {
  if (!gradIn) return;
  gradIn->resize(inputShape(), in.batch());
  const int64_t planes = int64_t(outputShape().channels) * in.batch();
  const int64_t inPlane = in.planeSize(), outPlane = gradOut.planeSize();
  parallelRanges(threads, planes, poolPlanesPerBlock(inputShape()), inPlane,
                 [&](int64_t first, int64_t count) {
                   for (int64_t p = first; p < first + count; ++p)
                     backwardPlane(gradOut.data() + p * outPlane, gradIn->data() + p * inPlane);
                 });
}

}  // namespace snn
