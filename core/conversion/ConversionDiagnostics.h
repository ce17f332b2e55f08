#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ConvertedSnn.h"
#include "FsCoding.h"

namespace snn {

// The picture that explains conversion error (Rueckauer et al., Front. Neurosci. 11:682, 2017,
// Fig. 3; Stöckl & Maass, Nat. Mach. Intell. 3:230, 2021, Fig. 2): per layer, every neuron's
// ANN activation against what its spiking counterpart transmits, on a few samples. Both are in
// the layer's normalised units (the ANN activation divided by the layer's lambda), so a perfect
// conversion puts every point on the diagonal.
struct LayerDiagnostics {
  std::string id;  // the stage (its ANN layer)
  AnnShape shape;
  double lambda = 1.0;
  // What snnValue is: "rate" (spikes / T of an IF neuron), "membrane" (a membrane readout's
  // (v(T) - v(0)) / T: the mean input current) or "fs" (an FS neuron's decoded output, the sum
  // of d(t) over its spikes).
  std::string measure;
  // Pairs, index by index: the ANN activation / lambda and the SNN value, of neuron i of sample
  // b (every neuron of every sample, or an evenly strided subset of at most maxPoints of them).
  std::vector<float> annActivation;
  std::vector<float> snnValue;
  double meanAbsError = 0.0;  // over all neurons and samples, not only the ones kept
};

struct ConversionDiagnostics {
  std::string method;  // "rate" or "fs"
  int timesteps = 0;   // T (rate) or K (fs)
  int64_t samples = 0;
  std::vector<LayerDiagnostics> layers;  // one per stage, in order
};

// The IF network (SnnBatchEvaluator, synchronous schedule) run on `n` samples (row-major,
// n x C*H*W, pixels in [0, 1]) for `timesteps` steps, against `ann`, the network `snn` was
// converted from. Under reset by subtraction and direct-current input, a neuron whose input
// current is constant fires at clip(current / threshold, 0, 1) per step to within 1 / T.
ConversionDiagnostics rateDiagnostics(const ConvertedSnn& snn, const AnnSpec& ann,
                                      const float* samples, int64_t n, int timesteps,
                                      size_t maxPoints = 4000, int threads = 1);

// The few-spike network of evaluateFs (each hidden layer's code of K steps as fsStageCodes
// gives it: the closed-form ReLU code, or `reluCode` when given, or a code fitted to silu /
// sigmoid; the output layer's membrane) on the same samples, against `ann`.
ConversionDiagnostics fsDiagnostics(const ConvertedSnn& snn, const AnnSpec& ann,
                                    const float* samples, int64_t n, int steps,
                                    size_t maxPoints = 4000, int threads = 1,
                                    const FsCoefficients* reluCode = nullptr);

// The index in ann.layers of the layer whose output a stage's neurons stand for: the relu or
// qcfs after the stage's ANN layer, or that layer itself. -1 if the stage's id is not a layer.
int measuredAnnLayer(const AnnSpec& ann, const SnnStage& stage);

}  // namespace snn
