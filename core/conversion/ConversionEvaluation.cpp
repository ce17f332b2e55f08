#include "ConversionEvaluation.h"

#include <algorithm>
#include <chrono>

#include "SnnBatchEvaluator.h"
#include "ann/AnnModel.h"

namespace snn {

namespace {
double accuracy(const std::vector<int32_t>& predicted, const Dataset& test) {
  int64_t right = 0;
  for (size_t i = 0; i < predicted.size(); ++i) right += predicted[i] == test.labels[i];
  return predicted.empty() ? 0.0 : static_cast<double>(right) / double(predicted.size());
}
}  // namespace

double annTestAccuracy(const AnnSpec& ann, const Dataset& test, int64_t n, int threads) {
  n = std::min(n, test.size());
  AnnModel model(ann);
  model.setThreads(threads);
  std::vector<int32_t> predicted(static_cast<size_t>(n));
  model.predict(test.images.data(), n, predicted.data());
  return accuracy(predicted, test);
}

ConversionResult evaluateConverted(const ConvertedSnn& snn, const Dataset& test, int64_t n,
                                   int timesteps, int threads) {
  n = std::min(n, test.size());
  ConversionResult r;
  r.timesteps = timesteps;
  r.testSamples = n;
  SnnBatchEvaluator eval(snn, threads);
  std::vector<int32_t> predicted(static_cast<size_t>(n));
  const auto start = std::chrono::steady_clock::now();
  eval.evaluate(test.images.data(), n, timesteps, predicted.data());
  r.simSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.snnAccuracy = accuracy(predicted, test);
  r.activity = eval.activity();
  int64_t neurons = 0, spikes = 0;
  for (const StageActivity& a : r.activity) neurons += a.neurons, spikes += a.spikes;
  r.spikesPerNeuron =
      n > 0 ? static_cast<double>(spikes) / (static_cast<double>(neurons) * double(n)) : 0.0;
  return r;
}

}  // namespace snn
