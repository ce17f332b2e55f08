#include "ConversionDiagnostics.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "FsCoding.h"
#include "FsEvaluator.h"
#include "InputNormalisation.h"
#include "SnnBatchEvaluator.h"
#include "ann/AnnModel.h"
#include "ann/FlattenLayer.h"

namespace snn {

namespace {

// The layer's pairs, both tensors in the same Tensor layout (channel-major over the batch), and
// the mean absolute difference over all of them.
LayerDiagnostics pairUp(const SnnStage& stage, const Tensor& ann, const Tensor& snn, float snnScale,
                        float snnOffset, std::string measure, size_t maxPoints) {
  LayerDiagnostics d;
  d.id = stage.id;
  d.shape = stage.out;
  d.lambda = stage.lambda;
  d.measure = std::move(measure);
  const int64_t size = std::min(ann.size(), snn.size());
  const auto inverseLambda = static_cast<float>(1.0 / stage.lambda);
  const int64_t stride =
      std::max<int64_t>(1, (size + int64_t(maxPoints) - 1) / std::max<int64_t>(1, maxPoints));
  double error = 0.0;
  for (int64_t i = 0; i < size; ++i) {
    const float a = ann.data()[i] * inverseLambda;
    const float s = (snn.data()[i] - snnOffset) * snnScale;
    error += std::abs(double(a) - s);
    if (i % stride == 0) {
      d.annActivation.push_back(a);
      d.snnValue.push_back(s);
    }
  }
  d.meanAbsError = size > 0 ? error / double(size) : 0.0;
  return d;
}

const Tensor& annOutput(AnnModel& model, const AnnSpec& ann, const SnnStage& stage) {
  const int index = measuredAnnLayer(ann, stage);
  if (index < 0) throw std::invalid_argument("conversion: no ANN layer '" + stage.id + "'");
  return model.layerOutput(index);
}

}  // namespace

int measuredAnnLayer(const AnnSpec& ann, const SnnStage& stage) {
  for (size_t i = 0; i < ann.layers.size(); ++i) {
    if (ann.layers[i].id != stage.id) continue;
    if (i + 1 < ann.layers.size() && (ann.layers[i + 1].type == AnnLayerType::Relu ||
                                      ann.layers[i + 1].type == AnnLayerType::Qcfs))
      return static_cast<int>(i + 1);
    return static_cast<int>(i);
  }
  return -1;
}

ConversionDiagnostics rateDiagnostics(const ConvertedSnn& snn, const AnnSpec& ann,
                                      const float* samples, int64_t n, int timesteps,
                                      size_t maxPoints, int threads) {
  ConversionDiagnostics out;
  out.method = "rate";
  out.timesteps = timesteps;
  out.samples = n;
  if (n < 1 || timesteps < 1 || snn.stages.empty()) return out;
  AnnModel model(ann);
  model.setThreads(threads);
  model.forward(samples, n);
  SnnBatchEvaluator eval(snn, threads);
  std::vector<int32_t> predicted(static_cast<size_t>(n));
  eval.evaluate(samples, n, timesteps, predicted.data(), n);  // one batch: counts of every sample
  const bool byMembrane = snn.options.readout == OutputReadout::Membrane;
  const auto perStep = static_cast<float>(1.0 / timesteps);
  for (size_t s = 0; s < snn.stages.size(); ++s) {
    const SnnStage& stage = snn.stages[s];
    const Tensor& ann_ = annOutput(model, ann, stage);
    if (stage.output && byMembrane)
      out.layers.push_back(pairUp(stage, ann_, eval.membrane(static_cast<int>(s)), perStep,
                                  stage.initialV * stage.threshold, "membrane", maxPoints));
    else
      out.layers.push_back(pairUp(stage, ann_, eval.spikeCounts(static_cast<int>(s)),
                                  perStep * stage.threshold, 0.0f, "rate", maxPoints));
  }
  return out;
}

ConversionDiagnostics fsDiagnostics(const ConvertedSnn& snn, const AnnSpec& ann,
                                    const float* samples, int64_t n, int steps, size_t maxPoints,
                                    int threads, const FsCoefficients* reluCode) {
  ConversionDiagnostics out;
  out.method = "fs";
  out.timesteps = steps;
  out.samples = n;
  if (n < 1 || steps < 1 || snn.stages.empty()) return out;
  AnnModel model(ann);
  model.setThreads(threads);
  model.forward(samples, n);
  const std::vector<FsCoefficients> codes = fsStageCoefficients(snn, steps, reluCode);
  Tensor input, flat, values[2];
  input.setSamples(samples, snn.input, n);
  normaliseInput(input, snn.inputMean, snn.inputStd);
  const Tensor* in = &input;
  AnnShape previous = snn.input;
  for (size_t s = 0; s < snn.stages.size(); ++s) {
    const SnnStage& stage = snn.stages[s];
    if (!(previous == stage.in)) {
      FlattenLayer(AnnLayerSpec{}, previous).forward(*in, flat, threads);
      in = &flat;
    }
    Tensor& v = values[s & 1];
    makeStageOperation(stage)->forward(*in, v, threads);  // the membrane the FS neurons start from
    if (!stage.output)
      for (int64_t i = 0; i < v.size(); ++i) v.data()[i] = fsNeuronOutput(codes[s], v.data()[i]);
    out.layers.push_back(pairUp(stage, annOutput(model, ann, stage), v, 1.0f, 0.0f,
                                stage.output ? "membrane" : "fs", maxPoints));
    in = &v;
    previous = stage.out;
  }
  return out;
}

}  // namespace snn
