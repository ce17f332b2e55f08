#include "FlattenLayer.h"

#include "parallel/ParallelBlocks.h"

namespace snn {

using RowMatrix = Tensor::RowMatrix;

FlattenLayer::FlattenLayer(const AnnLayerSpec& spec, const AnnShape& in)
    : AnnLayer(spec.id, in, {static_cast<int>(in.size()), 1, 1}) {}

void FlattenLayer::forward(const Tensor& in, Tensor& out, int threads) {
  const int64_t batch = in.batch(), plane = in.planeSize();
  out.resize(outputShape(), batch);
  parallelRanges(threads, inputShape().channels, 1, batch * plane, [&](int64_t c, int64_t) {
    Eigen::Map<RowMatrix>(out.data() + c * plane * batch, plane, batch) =
        Eigen::Map<const RowMatrix>(in.data() + c * batch * plane, batch, plane).transpose();
  });
}

void FlattenLayer::backward(const Tensor& in, const Tensor& /*out*/, const Tensor& gradOut,
                            Tensor* gradIn, int threads) {
  if (!gradIn) return;
  const int64_t batch = in.batch(), plane = in.planeSize();
  gradIn->resize(inputShape(), batch);
  parallelRanges(threads, inputShape().channels, 1, batch * plane, [&](int64_t c, int64_t) {
    Eigen::Map<RowMatrix>(gradIn->data() + c * batch * plane, batch, plane) =
        Eigen::Map<const RowMatrix>(gradOut.data() + c * plane * batch, plane, batch).transpose();
  });
}

}  // namespace snn
