#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ConvertedSnn.h"

namespace snn {

// Per hidden stage of a converted network, its SNN firing rate against what the ANN computes
// there: the picture that explains conversion error (Rueckauer et al., Front. Neurosci. 11:682,
// 2017, Fig. 3). With reset by subtraction an IF neuron's rate tends to clip(a / lambda, 0, 1)
// of its ANN activation a; the error left after T steps is the quantisation (at most 1/T per
// layer) plus what the layers before pass on.
struct LayerRateComparison {
  std::string id;
  double lambda = 1.0;
  double meanTarget = 0.0;    // clip(a / lambda, 0, 1), mean over neurons and samples
  double meanRate = 0.0;      // spikes per step
  double meanAbsError = 0.0;  // mean |rate - clip(a / lambda, 0, 1)|
  double correlation = 0.0;   // Pearson, over neurons and samples
};

// Runs `n` samples (row-major, pixels in [0, 1]) through the ANN and the converted network for
// `steps` steps (synchronous schedule) and compares every stage but the output one. The ANN
// layer compared is the stage's activation (or, for a pooling stage, the pool itself).
std::vector<LayerRateComparison> compareLayerRates(const AnnSpec& ann, const ConvertedSnn& snn,
                                                   const float* samples, int64_t n, int steps,
                                                   int threads);

}  // namespace snn
