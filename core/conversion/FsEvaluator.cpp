#include "FsEvaluator.h"

#include <algorithm>
#include <chrono>

#include "SnnBatchEvaluator.h"
#include "ann/FlattenLayer.h"

namespace snn {

ConversionResult evaluateFs(const ConvertedSnn& snn, const Dataset& test, int64_t n, int steps,
                            int threads) {
  n = std::min(n, test.size());
  ConversionResult r;
  r.method = "fs";
  r.timesteps = steps;
  r.testSamples = n;
  const FsCoefficients code = fsReluCoefficients(steps, 1.0f);
  std::vector<std::unique_ptr<AnnLayer>> ops, flatten;
  AnnShape previous = snn.input;
  for (const SnnStage& s : snn.stages) {
    flatten.push_back(previous == s.in ? nullptr
                                       : std::make_unique<FlattenLayer>(AnnLayerSpec{}, previous));
    ops.push_back(makeStageOperation(s));
    r.activity.push_back({s.id, s.out.size(), 0, 0.0});
    previous = s.out;
  }
  const auto start = std::chrono::steady_clock::now();
  Tensor input, flat, values[2];
  const int64_t batch = 250, perSample = snn.input.size();
  int64_t right = 0;
  for (int64_t b0 = 0; b0 < n; b0 += batch) {
    const int64_t m = std::min(batch, n - b0);
    input.setSamples(test.images.row(b0).data(), snn.input, m);
    const Tensor* in = &input;
    for (size_t s = 0; s < snn.stages.size(); ++s) {
      Tensor& out = values[s & 1];
      if (flatten[s]) {
        flatten[s]->forward(*in, flat, threads);
        in = &flat;
      }
      ops[s]->forward(*in, out, threads);  // the membrane each FS neuron starts from
      if (!snn.stages[s].output) {
        int64_t fired = 0;
        float* v = out.data();
        for (int64_t i = 0; i < out.size(); ++i) {
          int spikes = 0;
          v[i] = fsNeuronOutput(code, v[i], &spikes);
          fired += spikes;
        }
        r.activity[s].spikes += fired;
        if (s + 1 < snn.stages.size())
          r.activity[s + 1].synapticOps += double(fired) * stageFanOut(snn.stages[s + 1]);
      }
      in = &out;
    }
    const int classes = static_cast<int>(in->shape().size());
    for (int64_t b = 0; b < m; ++b) {
      int best = 0;
      for (int c = 1; c < classes; ++c)
        if (in->data()[c * m + b] > in->data()[best * m + b]) best = c;
      right += best == test.labels[static_cast<size_t>(b0 + b)];
    }
    r.activity[0].synapticOps += double(m * perSample) * stageFanOut(snn.stages[0]);
  }
  r.simSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.snnAccuracy = n > 0 ? double(right) / double(n) : 0.0;
  int64_t neurons = 0, spikes = 0;
  for (const StageActivity& a : r.activity) neurons += a.neurons, spikes += a.spikes;
  r.spikesPerNeuron = n > 0 ? double(spikes) / (double(neurons) * double(n)) : 0.0;
  return r;
}

}  // namespace snn
