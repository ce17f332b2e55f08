#include "AvgPool2dLayer.h"

#include "parallel/ParallelBlocks.h"

namespace snn {

AvgPool2dLayer::AvgPool2dLayer(const AnnLayerSpec& spec, const AnnShape& in, const AnnShape& out)
    : AnnLayer(spec.id, in, out), window_(spec, in), countIncludePad_(spec.countIncludePad) {}

float AvgPool2dLayer::divisor(int y, int x) const {
  if (countIncludePad_) return static_cast<float>(window_.fullCount());
  return static_cast<float>((window_.rowEnd(y) - window_.rowBegin(y)) *
                            (window_.colEnd(x) - window_.colBegin(x)));
}

void AvgPool2dLayer::forward(const Tensor& in, Tensor& out, int threads) {
  const AnnShape& os = outputShape();
  out.resize(os, in.batch());
  const int64_t planes = int64_t(os.channels) * in.batch();
  const int64_t inPlane = in.planeSize(), outPlane = out.planeSize();
  const int W = window_.width;
  parallelRanges(threads, planes, poolPlanesPerBlock(inputShape()), inPlane,
                 [&](int64_t first, int64_t count) {
                   for (int64_t p = first; p < first + count; ++p) {
                     const float* src = in.data() + p * inPlane;
                     float* dst = out.data() + p * outPlane;
                     for (int y = 0; y < os.height; ++y)
                       for (int x = 0; x < os.width; ++x) {
                         float sum = 0.0f;
                         for (int r = window_.rowBegin(y); r < window_.rowEnd(y); ++r)
                           for (int c = window_.colBegin(x); c < window_.colEnd(x); ++c)
                             sum += src[int64_t(r) * W + c];
                         dst[int64_t(y) * os.width + x] = sum / divisor(y, x);
                       }
                   }
                 });
}

void AvgPool2dLayer::backward(const Tensor& in, const Tensor& /*out*/, const Tensor& gradOut,
                              Tensor* gradIn, int threads) {
  if (!gradIn) return;
  const AnnShape& os = outputShape();
  gradIn->resize(inputShape(), in.batch());
  const int64_t planes = int64_t(os.channels) * in.batch();
  const int64_t inPlane = in.planeSize(), outPlane = gradOut.planeSize();
  const int W = window_.width;
  parallelRanges(threads, planes, poolPlanesPerBlock(inputShape()), inPlane,
                 [&](int64_t first, int64_t count) {
                   for (int64_t p = first; p < first + count; ++p) {
                     const float* src = gradOut.data() + p * outPlane;
                     float* dst = gradIn->data() + p * inPlane;
                     std::fill_n(dst, inPlane, 0.0f);
                     for (int y = 0; y < os.height; ++y)
                       for (int x = 0; x < os.width; ++x) {
                         const float g = src[int64_t(y) * os.width + x] / divisor(y, x);
                         for (int r = window_.rowBegin(y); r < window_.rowEnd(y); ++r)
                           for (int c = window_.colBegin(x); c < window_.colEnd(x); ++c)
                             dst[int64_t(r) * W + c] += g;
                       }
                   }
                 });
}

}  // namespace snn
