#include "FsEvaluator.h"

#include <algorithm>
#include <chrono>

#include "InputNormalisation.h"
#include "SnnBatchEvaluator.h"
#include "StageForward.h"

namespace snn {

std::vector<FsFit> fsStageCodes(const ConvertedSnn& snn, int steps,
                                const FsCoefficients* reluCode) {
  std::vector<FsFit> fits;
  for (const SnnStage& s : snn.stages) {
    if (s.activation == AnnLayerType::Silu || s.activation == AnnLayerType::Sigmoid) {
      fits.push_back(fitFsCode(fsActivation(s.activation), steps, s.inputLow, s.inputHigh));
      continue;
    }
    FsFit relu;
    relu.code = reluCode ? *reluCode : fsReluCoefficients(steps, 1.0f);
    relu.lo = 0.0;
    relu.hi = 1.0;
    relu.error = fsFitError(relu.code, fsActivation(AnnLayerType::Relu), 0.0, 1.0);
    fits.push_back(std::move(relu));
  }
  return fits;
}

std::vector<FsCoefficients> fsStageCoefficients(const ConvertedSnn& snn, int steps,
                                                const FsCoefficients* reluCode) {
  std::vector<FsCoefficients> codes;
  for (const FsFit& f : fsStageCodes(snn, steps, reluCode)) codes.push_back(f.code);
  return codes;
}

FsOutputs runFs(const ConvertedSnn& snn, const std::vector<FsCoefficients>& codes,
                const float* samples, int64_t n, int threads) {
  FsOutputs r;
  std::vector<std::unique_ptr<StageForward>> ops;
  std::vector<double> fanOut;
  AnnShape previous = snn.input;
  for (const SnnStage& s : snn.stages) {
    ops.push_back(std::make_unique<StageForward>(s, previous));
    fanOut.push_back(stageFanOut(s));
    r.activity.push_back({s.id, s.out.size(), 0, 0.0});
    previous = s.out;
  }
  r.classes = static_cast<int>(snn.stages.back().out.size());
  r.membrane.resize(static_cast<size_t>(n * r.classes));
  Tensor input, values[2];
  const int64_t batch = 250, perSample = snn.input.size();
  for (int64_t b0 = 0; b0 < n; b0 += batch) {
    const int64_t m = std::min(batch, n - b0);
    input.setSamples(samples + b0 * perSample, snn.input, m);
    normaliseInput(input, snn.inputMean, snn.inputStd);
    const Tensor* in = &input;
    for (size_t s = 0; s < snn.stages.size(); ++s) {
      Tensor& out = values[s & 1];
      ops[s]->forward(*in, out, threads);  // the membrane each FS neuron starts from
      if (!snn.stages[s].output) {
        const FsCoefficients& code = codes[s];
        int64_t fired = 0;
        float* v = out.data();
        for (int64_t i = 0; i < out.size(); ++i) {
          int spikes = 0;
          v[i] = fsNeuronOutput(code, v[i], &spikes);
          fired += spikes;
        }
        r.activity[s].spikes += fired;
        if (s + 1 < snn.stages.size())
          r.activity[s + 1].synapticOps += double(fired) * fanOut[s + 1];
      }
      in = &out;
    }
    for (int64_t b = 0; b < m; ++b)  // flat output: features x batch
      for (int c = 0; c < r.classes; ++c)
        r.membrane[static_cast<size_t>((b0 + b) * r.classes + c)] = in->data()[c * m + b];
    r.activity[0].synapticOps += double(m * perSample) * fanOut[0];
  }
  return r;
}

ConversionResult evaluateFs(const ConvertedSnn& snn, const Dataset& test, int64_t n, int steps,
                            int threads, const FsCoefficients* reluCode) {
  n = std::min(n, test.size());
  ConversionResult r;
  r.method = "fs";
  r.timesteps = steps;
  r.testSamples = n;
  const std::vector<FsFit> fits = fsStageCodes(snn, steps, reluCode);
  std::vector<FsCoefficients> codes;
  for (size_t s = 0; s < fits.size(); ++s) {
    codes.push_back(fits[s].code);
    if (!snn.stages[s].output)
      r.fsFits.push_back({snn.stages[s].id, snn.stages[s].activation, fits[s].lo, fits[s].hi,
                          fits[s].error.maxAbs, fits[s].error.rms});
  }
  const auto start = std::chrono::steady_clock::now();
  const FsOutputs out = runFs(snn, codes, test.images.data(), n, threads);
  r.simSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int64_t right = 0;
  for (int64_t b = 0; b < n; ++b) {
    const float* row = out.membrane.data() + b * out.classes;
    const auto best = std::max_element(row, row + out.classes) - row;
    right += best == test.labels[static_cast<size_t>(b)];
  }
  r.activity = out.activity;
  r.snnAccuracy = n > 0 ? double(right) / double(n) : 0.0;
  int64_t neurons = 0, spikes = 0;
  for (const StageActivity& a : r.activity) neurons += a.neurons, spikes += a.spikes;
  r.spikesPerNeuron = n > 0 ? double(spikes) / (double(neurons) * double(n)) : 0.0;
  return r;
}

}  // namespace snn
