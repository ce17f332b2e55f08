#pragma once

#include "ConversionEvaluation.h"
#include "FsCoding.h"
#include "FsFit.h"

namespace snn {

// What an FS network computed on some samples: the output layer's membrane of each sample
// (samples x classes, row-major) and the spikes and synaptic operations per stage.
struct FsOutputs {
  std::vector<float> membrane;
  int classes = 0;
  std::vector<StageActivity> activity;
};

// Per stage, the K-step code of its FS neurons: the closed-form ReLU code on the normalised
// activations (relu and qcfs layers; its error on [0, 1] is the quantisation bound 2^-K), or a
// code fitted to the layer's silu or sigmoid on its calibration input range (fitFsCode). The
// output stage's entry is not used (it integrates).
// `reluCode`, when given, replaces the closed form on the relu and qcfs stages (a code edited by
// hand, for the normalised activations in [0, 1]; it has `steps` steps).
std::vector<FsFit> fsStageCodes(const ConvertedSnn& snn, int steps,
                                const FsCoefficients* reluCode = nullptr);
// The codes alone, as runFs and buildFsProject take them.
std::vector<FsCoefficients> fsStageCoefficients(const ConvertedSnn& snn, int steps,
                                                const FsCoefficients* reluCode = nullptr);

// Runs the FS network (hidden stage s a layer of FS neurons with codes[s], the output stage
// integrating its input once) on `n` samples (row-major, pixels in [0, 1]), batched through the
// ANN layers (the decoded outputs, which equal the d(t)-weighted spikes).
FsOutputs runFs(const ConvertedSnn& snn, const std::vector<FsCoefficients>& codes,
                const float* samples, int64_t n, int threads);

// Few-spike conversion (Stöckl & Maass 2021) of a rate-normalised network: every hidden layer
// (relu activations scaled into [0, 1] by convertToRate's lambda) is a layer of FS neurons with
// the code fsStageCodes gives (closed-form ReLU, or fitted to silu / sigmoid); the output layer
// integrates its input once (its membrane is the answer). Layers are pipelined: layer l runs its K
// steps on the weighted outputs of layer l-1's K steps, so one sample takes K x layers steps and a
// new sample can enter every K steps. Fills ConversionResult with method "fs", timesteps = K, and
// spikes per neuron (at most K), and each hidden layer's fit error (fsFits).
ConversionResult evaluateFs(const ConvertedSnn& snn, const Dataset& test, int64_t n, int steps,
                            int threads, const FsCoefficients* reluCode = nullptr);

}  // namespace snn
