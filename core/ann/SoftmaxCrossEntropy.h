#pragma once

#include <cstdint>

#include "Tensor.h"

namespace snn {

// The mean over the batch of -log softmax(logits)[label], as torch.nn.functional.cross_entropy
// computes it (reduction "mean"), and its gradient (softmax - onehot) / batch. `logits` is a
// flat tensor (classes x 1 x 1), `labels` one per sample. Returns the loss; `grad` is resized.
double softmaxCrossEntropy(const Tensor& logits, const uint8_t* labels, Tensor& grad);

// The index of the largest output of each sample of a flat tensor (the first on ties).
void argmaxClasses(const Tensor& outputs, int32_t* predicted);

}  // namespace snn
