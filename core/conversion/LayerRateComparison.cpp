#include "LayerRateComparison.h"

#include <algorithm>
#include <cmath>

#include "SnnBatchEvaluator.h"
#include "ann/AnnModel.h"

namespace snn {

namespace {

// The ANN layer whose output the stage's rates encode: the activation after its operation.
int measuredLayer(const AnnSpec& ann, const std::string& id) {
  for (size_t i = 0; i < ann.layers.size(); ++i) {
    if (ann.layers[i].id != id) continue;
    const bool activation =
        i + 1 < ann.layers.size() && (ann.layers[i + 1].type == AnnLayerType::Relu ||
                                      ann.layers[i + 1].type == AnnLayerType::Qcfs);
    return static_cast<int>(activation ? i + 1 : i);
  }
  return -1;
}

}  // namespace

std::vector<LayerRateComparison> compareLayerRates(const AnnSpec& ann, const ConvertedSnn& snn,
                                                   const float* samples, int64_t n, int steps,
                                                   int threads) {
  std::vector<LayerRateComparison> out;
  if (n < 1 || steps < 1) return out;
  SnnBatchEvaluator eval(snn, threads);
  std::vector<int32_t> predicted(static_cast<size_t>(n));
  eval.evaluate(samples, n, steps, predicted.data(), n);
  AnnModel model(ann);
  model.setThreads(threads);
  model.forward(samples, n);
  for (size_t s = 0; s + 1 < snn.stages.size(); ++s) {
    const SnnStage& stage = snn.stages[s];
    const int layer = measuredLayer(ann, stage.id);
    if (layer < 0) continue;
    const Tensor& a = model.layerOutput(layer);
    const Tensor& counts = eval.spikeCounts(static_cast<int>(s));
    if (a.size() != counts.size()) continue;
    LayerRateComparison c{.id = stage.id, .lambda = stage.lambda};
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    const auto m = static_cast<double>(a.size());
    for (int64_t i = 0; i < a.size(); ++i) {
      const double x = std::clamp(double(a.data()[i]) / stage.lambda, 0.0, 1.0);
      const double y = double(counts.data()[i]) / steps;
      sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
      c.meanAbsError += std::abs(y - x);
    }
    c.meanTarget = sx / m;
    c.meanRate = sy / m;
    c.meanAbsError /= m;
    const double cov = sxy / m - c.meanTarget * c.meanRate;
    const double vx = sxx / m - c.meanTarget * c.meanTarget;
    const double vy = syy / m - c.meanRate * c.meanRate;
    c.correlation = vx > 0 && vy > 0 ? cov / std::sqrt(vx * vy) : 0.0;
    out.push_back(c);
  }
  return out;
}

}  // namespace snn
