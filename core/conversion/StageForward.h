#pragma once

#include <memory>

#include "ConvertedSnn.h"
#include "ann/AnnLayer.h"
#include "ann/Tensor.h"

namespace snn {

// A converted stage's linear operation over a mini-batch, through the ANN layers (im2col + GEMM
// for conv2d, GEMM for dense): its folded pool, the flatten a dense stage needs, and the stage's
// operation, bias included. `previous` is the shape the stage receives (the previous stage's
// output, or the input).
class StageForward {
 public:
  StageForward(const SnnStage& stage, const AnnShape& previous);
  ~StageForward();
  // out = op(flatten(pool(in))), in the Tensor layout.
  void forward(const Tensor& in, Tensor& out, int threads);

 private:
  std::unique_ptr<AnnLayer> pool_, flatten_, op_;
  Tensor pooled_, flat_;
};

}  // namespace snn
