#include "ThresholdBalancing.h"

#include <algorithm>

#include "SnnBatchEvaluator.h"

namespace snn {

void balanceThresholds(ConvertedSnn& snn, const Dataset& calibration, int64_t samples, int steps,
                       int threads, const std::vector<bool>& trained) {
  const int64_t n = std::min(samples, calibration.size());
  if (n < 1 || steps < 1) return;
  double ratio = 1.0;  // new lambda / old lambda of the layer before
  std::vector<int32_t> predicted(static_cast<size_t>(n));
  for (size_t s = 0; s < snn.stages.size(); ++s) {
    SnnStage& stage = snn.stages[s];
    const bool qcfs = s < trained.size() && trained[s];
    const bool pool = stage.op.type == AnnLayerType::AvgPool2d && !stage.pool;
    if (pool) {  // averages its input: same scale
      stage.lambda *= ratio;
      continue;
    }
    for (float& w : stage.op.weight.values) w = static_cast<float>(w * ratio);
    if (stage.output || qcfs) {  // lambda as it is
      ratio = 1.0;
      continue;
    }
    // The network up to this layer; this layer's input currents are what is measured.
    ConvertedSnn head;
    head.input = snn.input;
    head.options = snn.options;
    head.options.readout = OutputReadout::SpikeCount;
    head.stages.assign(snn.stages.begin(), snn.stages.begin() + static_cast<std::ptrdiff_t>(s) + 1);
    head.stages.back().output = true;
    SnnBatchEvaluator eval(head, threads);
    eval.evaluate(calibration.images.data(), n, steps, predicted.data());
    const double largest = eval.maxInputCurrent(static_cast<int>(s));
    if (!(largest > 0.0)) {
      ratio = 1.0;
      continue;
    }
    for (float& w : stage.op.weight.values) w = static_cast<float>(w / largest);
    for (float& b : stage.op.bias.values) b = static_cast<float>(b / largest);
    stage.lambda *= largest;
    ratio = largest;
  }
}

}  // namespace snn
