#pragma once

#include "ConversionEvaluation.h"
#include "FsCoding.h"

namespace snn {

// Few-spike conversion (Stöckl & Maass 2021) of a rate-normalised network: every hidden layer
// (activations scaled into [0, 1] by convertToRate's lambda) is a layer of FS neurons with the
// closed-form ReLU code of K steps (fsReluCoefficients(K, 1)); the output layer integrates its
// input once (its membrane is the answer). Layers are pipelined: layer l runs its K steps on the
// weighted outputs of layer l-1's K steps, so one sample takes K x layers steps and a new sample
// can enter every K steps. Batched as SnnBatchEvaluator (the ANN layers' GEMMs on the decoded
// outputs, which equal the d(t)-weighted spikes). Fills ConversionResult with method "fs",
// timesteps = K, and spikes per neuron (at most K).
ConversionResult evaluateFs(const ConvertedSnn& snn, const Dataset& test, int64_t n, int steps,
                            int threads);

}  // namespace snn
