#pragma once

#include <vector>

#include "model/AnnSpec.h"

namespace snn {

// An inference-mode batch normalisation over the channels (units) of the layer before it:
//   y = scale * (x - mean) / sqrt(variance + epsilon) + shift
// (PyTorch's BatchNorm1d/2d in eval mode, ONNX BatchNormalization with training_mode 0).
struct BatchNormParams {
  std::vector<float> scale;     // gamma
  std::vector<float> shift;     // beta
  std::vector<float> mean;      // running mean
  std::vector<float> variance;  // running variance
  double epsilon = 1e-5;
};

// Folds `bn` into the dense or conv2d `layer` before it, which must have weights and one
// channel per normalised channel:
//   W'[o, ...] = W[o, ...] * s[o],  b'[o] = (b[o] - mean[o]) * s[o] + shift[o],
//   s[o] = scale[o] / sqrt(variance[o] + epsilon)
// computed in double and rounded once, so the layer then gives what layer + BN gave, up to
// float rounding. A layer without a bias gets one. Throws std::invalid_argument (naming the
// layer) on a mismatch of sizes, a layer of another type or a negative variance + epsilon.
void foldBatchNorm(AnnLayerSpec& layer, const BatchNormParams& bn);

}  // namespace snn
