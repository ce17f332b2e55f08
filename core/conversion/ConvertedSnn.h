#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/AnnSpec.h"

namespace snn {

// How rate conversion (Rueckauer et al., Front. Neurosci. 11:682, 2017; Diehl et al., IJCNN
// 2015) sets the scale of each layer from the ANN's activations on calibration samples.
enum class LayerNorm {
  Max,         // lambda = largest activation (Diehl et al. 2015, data-based)
  Percentile,  // lambda = p-th percentile (Rueckauer et al. 2017: robust to outliers)
  Balance,     // threshold balancing (Sengupta et al., Front. Neurosci. 13:95, 2019): layer by
               // layer, lambda = the largest input current the SNN itself delivers
};

enum class IfReset {
  Subtract,  // v -= threshold: the charge above threshold is kept (Rueckauer et al. 2017)
  Zero,      // v = 0: the surplus is lost, rates fall below the ANN's activations
};

enum class InputCoding {
  DirectCurrent,  // the first layer receives W x + b as a constant current every step
  Poisson,        // pixel x fires with probability x per step
};

enum class OutputReadout {
  Membrane,    // the output layer integrates without firing; the largest v is the class
  SpikeCount,  // the output layer fires; the most spikes is the class (ties: lowest index)
};

struct RateConversionOptions {
  LayerNorm norm = LayerNorm::Percentile;
  double percentile = 99.9;  // Rueckauer et al. 2017's choice
  IfReset reset = IfReset::Subtract;
  InputCoding input = InputCoding::DirectCurrent;
  OutputReadout readout = OutputReadout::Membrane;
  // Average pooling is linear: fold it into the next dense or conv2d layer, so the pooled
  // spikes drive that layer directly (Bu et al., ICLR 2022, pool the spikes). Off: each pooling
  // layer becomes its own layer of IF neurons, which adds a quantisation and a step of latency
  // per pooling layer (kept to show the difference).
  bool foldPooling = true;
  // Where IF membranes start, as a fraction of the threshold, in layers without a trained qcfs
  // threshold (those start at 0.5). 0.5 is Bu et al.'s shift (ICLR 2022): a neuron then fires
  // round(T a / lambda) rather than floor(...) times, halving the expected quantisation error.
  double initialV = 0.0;
  // For FS conversion (Stöckl & Maass 2021): accept silu and sigmoid activations. Their layers
  // are not normalised (lambda 1; an FS code fitted to the activation on the layer's input
  // range replaces the clip); rate conversion with IF neurons needs relu.
  bool smoothActivations = false;
  // LayerNorm::Balance: the SNN runs balanceSteps steps on up to balanceSamples calibration
  // images per layer, on `threads` threads.
  int balanceSteps = 64;
  int64_t balanceSamples = 200;
  int threads = 1;
};

// One layer of IF neurons of a converted network: the linear operation that feeds it from the
// layer before (or from the input), with the normalised weights, and its neurons' threshold and
// initial membrane potential. A dense stage on a shaped input reads it flattened (C, H, W
// order, as torch.flatten).
struct SnnStage {
  std::string id;   // the ANN layer the weights come from
  AnnLayerSpec op;  // dense, conv2d or avg_pool2d, weights and bias already normalised
  AnnShape in, out;
  // An average pooling folded into this stage: applied to the previous stage's spikes (shape
  // poolIn) before `op`, with no neurons between (RateConversionOptions::foldPooling). `in` is
  // then the pooled shape (flattened for a dense op).
  std::optional<AnnLayerSpec> pool;
  AnnShape poolIn;
  // The activation after `op` (relu for qcfs and for none), and, for silu and sigmoid, the
  // range of its inputs on the calibration samples (0.1th to 99.9th percentile): where an FS
  // code is fitted to it.
  AnnLayerType activation = AnnLayerType::Relu;
  float inputLow = 0.0f, inputHigh = 1.0f;
  float threshold = 1.0f;
  float initialV = 0.0f;  // 0.5 threshold for QCFS-trained layers (Bu et al., ICLR 2022)
  double lambda = 1.0;    // the normalisation factor of this layer's activations (reporting)
  bool output = false;    // the last stage: read out, not passed on
};

// A network of IF layers made from an ANN: what the batched evaluator runs and what
// SnnProjectBuilder writes as an SNN project.
struct ConvertedSnn {
  AnnShape input;
  std::vector<SnnStage> stages;
  RateConversionOptions options;
  // The ANN's input normalisation (x - mean[c]) / std[c] when it could not be folded into the
  // first layer (InputNormalisation.h): the direct-current encoder feeds the normalised values
  // (negative currents included). Empty when folded or absent.
  std::vector<float> inputMean, inputStd;
  std::vector<std::string> notes;  // what conversion changed or warns about
};

// Per layer, what an evaluation did: the hook for energy estimates (synaptic operations are
// spikes arriving times the synapses each one reaches; for the first layer under direct-current
// input, one multiply-accumulate per synapse per sample, as the input is constant).
struct StageActivity {
  std::string id;
  int64_t neurons = 0;
  int64_t spikes = 0;        // emitted, over all samples and steps
  double synapticOps = 0.0;  // into this stage, over all samples and steps
};

}  // namespace snn
