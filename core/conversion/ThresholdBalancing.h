#pragma once

#include <cstdint>
#include <vector>

#include "ConvertedSnn.h"
#include "data/Dataset.h"

namespace snn {

// Threshold balancing (Sengupta et al., "Going deeper in spiking neural networks: VGG and
// residual architectures", Front. Neurosci. 13:95, 2019, Spike-Norm): layer by layer, from the
// input, the converted network so far runs `steps` steps on the first `samples` calibration
// images and the layer's threshold is set to the largest input current (bias included) any of
// its neurons received in one step. Here thresholds stay 1 and the layer's lambda becomes that
// largest current in ANN units: its weights and bias are divided by it (and the next layer's
// weights multiplied, so the rates keep their meaning). Stages marked in `trained` (qcfs) keep
// their trained lambda; pooling layers of IF neurons keep their input's; the output layer only
// passes the scale on.
void balanceThresholds(ConvertedSnn& snn, const Dataset& calibration, int64_t samples, int steps,
                       int threads, const std::vector<bool>& trained = {});

}  // namespace snn
