#include "StageForward.h"

#include "PoolFolding.h"
#include "SnnBatchEvaluator.h"
#include "ann/AvgPool2dLayer.h"
#include "ann/FlattenLayer.h"

namespace snn {

StageForward::StageForward(const SnnStage& stage, const AnnShape& previous) {
  AnnShape shape = previous;
  if (stage.pool) {
    const AnnShape pooled = pooledShape(stage);
    pool_ = std::make_unique<AvgPool2dLayer>(*stage.pool, previous, pooled);
    shape = pooled;
  }
  if (!(shape == stage.in)) flatten_ = std::make_unique<FlattenLayer>(AnnLayerSpec{}, shape);
  op_ = makeStageOperation(stage);
}

StageForward::~StageForward() = default;

void StageForward::forward(const Tensor& in, Tensor& out, int threads) {
  const Tensor* from = &in;
  if (pool_) {
    pool_->forward(*from, pooled_, threads);
    from = &pooled_;
  }
  if (flatten_) {
    flatten_->forward(*from, flat_, threads);
    from = &flat_;
  }
  op_->forward(*from, out, threads);
}

}  // namespace snn
