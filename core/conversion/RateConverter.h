#pragma once

#include <cstdint>

#include "ConvertedSnn.h"
#include "data/Dataset.h"

namespace snn {

// Rate conversion of a feed-forward ReLU network (dense, conv2d, avg_pool2d, max_pool2d, flatten,
// relu or qcfs, softmax at the end) to layers of IF neurons (Rueckauer et al., Front. Neurosci.
// 11:682, 2017). Each weighted layer and its activation become one layer of IF neurons with
// threshold 1; its weights are scaled by lambda_prev / lambda and its bias (a constant current)
// by 1 / lambda, where lambda is the layer's activation scale:
//   - relu layers: the largest (LayerNorm::Max, Diehl et al. 2015) or the p-th percentile
//     (Rueckauer et al. 2017) of the ANN's positive activations on `calibrationSamples` images;
//   - qcfs layers: their trained threshold, with the membrane starting at half the threshold
//     (Bu et al., ICLR 2022), which makes T = L steps reproduce the quantised ANN;
//   - average pooling: folded into the next dense or conv2d layer (options.foldPooling, the
//     default): the pooled spikes drive that layer with no neurons between, as pooling is
//     linear (SnnStage::pool; PoolFolding). Otherwise, or where it does not fold exactly, a
//     layer of IF neurons at the scale of its input (averaging cannot exceed it), weight 1.
// Max pooling has no exact rate equivalent with IF neurons: it is converted to average pooling
// of the rates (stated in the notes, with the warning that the SNN then computes another
// function and loses accuracy; retrain with average pooling instead).
//
// With options.smoothActivations (FS conversion), silu and sigmoid layers are accepted with
// lambda 1 and their input range recorded (SnnStage::inputLow/High) for fitting an FS code.
//
// Throws SpecError naming the ANN layer and field for what it cannot convert (silu or sigmoid
// without smoothActivations: rate conversion needs ReLU; count_include_pad = 0 with padding).
//
// An input normalisation (ann.mean/std) is folded into the first layer where that is exact (a
// dense layer, or a conv2d without padding; InputNormalisation.h), for any input coding.
// Otherwise direct-current input feeds the normalised pixels (ConvertedSnn::inputMean/Std), and
// Poisson input is refused (SpecError on the ANN's "mean": no rate is negative).
ConvertedSnn convertToRate(const AnnSpec& ann, const Dataset& calibration,
                           int64_t calibrationSamples, const RateConversionOptions& options);

// The q-th percentile (0..100) of the positive values among `values` (nearest rank), or 0 if
// none is positive. Reorders `values`.
float positivePercentile(std::vector<float>& values, double q);

}  // namespace snn
