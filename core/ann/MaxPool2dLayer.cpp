#include "MaxPool2dLayer.h"

#include <cmath>

#include "parallel/ParallelBlocks.h"

namespace snn {

MaxPool2dLayer::MaxPool2dLayer(const AnnLayerSpec& spec, const AnnShape& in, const AnnShape& out)
    : AnnLayer(spec.id, in, out), window_(spec, in) {}

void MaxPool2dLayer::forward(const Tensor& in, Tensor& out, int threads) {
  const AnnShape& os = outputShape();
  out.resize(os, in.batch());
  argmax_.resize(static_cast<size_t>(out.size()));
  const int64_t planes = int64_t(os.channels) * in.batch();
  const int64_t inPlane = in.planeSize(), outPlane = out.planeSize();
  const int W = window_.width;
  parallelRanges(threads, planes, poolPlanesPerBlock(inputShape()), inPlane,
                 [&](int64_t first, int64_t count) {
                   for (int64_t p = first; p < first + count; ++p) {
                     const float* src = in.data() + p * inPlane;
                     float* dst = out.data() + p * outPlane;
                     int32_t* arg = argmax_.data() + p * outPlane;
                     for (int y = 0; y < os.height; ++y)
                       for (int x = 0; x < os.width; ++x) {
                         int32_t best = window_.rowBegin(y) * W + window_.colBegin(x);
                         for (int r = window_.rowBegin(y); r < window_.rowEnd(y); ++r)
                           for (int c = window_.colBegin(x); c < window_.colEnd(x); ++c) {
                             const float v = src[r * W + c];
                             // NaN wins, as in PyTorch, so that it is not hidden.
                             if (v > src[best] || std::isnan(v)) best = r * W + c;
                           }
                         dst[int64_t(y) * os.width + x] = src[best];
                         arg[int64_t(y) * os.width + x] = best;
                       }
                   }
                 });
}

void MaxPool2dLayer::backward(const Tensor& in, const Tensor& /*out*/, const Tensor& gradOut,
                              Tensor* gradIn, int threads) {
  if (!gradIn) return;
  gradIn->resize(inputShape(), in.batch());
  const int64_t planes = int64_t(outputShape().channels) * in.batch();
  const int64_t inPlane = in.planeSize(), outPlane = gradOut.planeSize();
  parallelRanges(threads, planes, poolPlanesPerBlock(inputShape()), inPlane,
                 [&](int64_t first, int64_t count) {
                   for (int64_t p = first; p < first + count; ++p) {
                     const float* src = gradOut.data() + p * outPlane;
                     const int32_t* arg = argmax_.data() + p * outPlane;
                     float* dst = gradIn->data() + p * inPlane;
                     std::fill_n(dst, inPlane, 0.0f);
                     for (int64_t k = 0; k < outPlane; ++k) dst[arg[k]] += src[k];
                   }
                 });
}

}  // namespace snn
