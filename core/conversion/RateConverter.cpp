#include "RateConverter.h"

#include <algorithm>
#include <cmath>

#include "InputNormalisation.h"
#include "PoolFolding.h"
#include "ThresholdBalancing.h"
#include "ann/AnnModel.h"
#include "model/Diagnostic.h"

namespace snn {

namespace {

[[noreturn]] void refuse(const AnnLayerSpec& layer, const std::string& field,
                         const std::string& why) {
  throw SpecError(Diagnostic{ObjectKind::AnnLayer, layer.id, field, why});
}

// One IF layer to be: the weighted (or pooling) ANN layer and the activation after it.
struct StagePlan {
  int op = -1;          // index of the dense / conv2d / pool layer
  int activation = -1;  // index of its relu / qcfs, or -1
  int measured = -1;    // the layer whose outputs give lambda
};

std::vector<StagePlan> planStages(const AnnSpec& ann, bool smooth) {
  std::vector<StagePlan> plan;
  for (int i = 0; i < static_cast<int>(ann.layers.size()); ++i) {
    const AnnLayerSpec& l = ann.layers[static_cast<size_t>(i)];
    switch (l.type) {
      case AnnLayerType::Dense:
      case AnnLayerType::Conv2d:
      case AnnLayerType::AvgPool2d:
      case AnnLayerType::MaxPool2d:
        plan.push_back({i, -1, i});
        break;
      case AnnLayerType::Relu:
      case AnnLayerType::Qcfs:
        if (plan.empty() || plan.back().activation >= 0)
          refuse(l, "type", "an activation must follow a dense, conv2d or pooling layer");
        plan.back().activation = plan.back().measured = i;
        break;
      case AnnLayerType::Silu:
      case AnnLayerType::Sigmoid:
        if (smooth) {
          if (plan.empty() || plan.back().activation >= 0)
            refuse(l, "type", "an activation must follow a dense, conv2d or pooling layer");
          plan.back().activation = i;  // measured: the op's outputs, the activation's inputs
          break;
        }
        refuse(l, "type",
               std::string(annLayerTypeName(l.type)) +
                   " has no rate equivalent with IF neurons: rate conversion needs relu (use "
                   "--method fs)");
      case AnnLayerType::Flatten:
      case AnnLayerType::Softmax:  // the class is the same without it
        break;
    }
  }
  if (plan.empty())
    throw SpecError(Diagnostic{ObjectKind::Ann, "", "layers", "has no layer to convert"});
  return plan;
}

// Each average-pooling stage (no activation of its own) goes into the dense or conv2d stage
// after it, when that composition is exact for the project's connectors; the rest stay layers
// of IF neurons, with a note.
void foldPoolingStages(ConvertedSnn& snn) {
  std::vector<SnnStage> kept;
  for (size_t s = 0; s < snn.stages.size(); ++s) {
    SnnStage& stage = snn.stages[s];
    const bool pool = stage.op.type == AnnLayerType::AvgPool2d && !stage.output;
    if (pool && s + 1 < snn.stages.size()) {
      SnnStage& next = snn.stages[s + 1];
      const bool weighted =
          next.op.type == AnnLayerType::Dense || next.op.type == AnnLayerType::Conv2d;
      if (weighted && !next.pool &&
          foldPool(stage.op, stage.in, stage.out, next.op, next.out).has_value()) {
        next.pool = stage.op;
        next.poolIn = stage.in;
        continue;
      }
      snn.notes.push_back("pooling '" + stage.id +
                          "' stays a layer of IF neurons (it does not fold exactly into the "
                          "next layer): one more quantisation and step of latency");
    }
    kept.push_back(std::move(stage));
  }
  snn.stages = std::move(kept);
}

// The input normalisation: folded into the first layer where exact (any input coding);
// otherwise fed by the direct-current encoder as normalised currents; refused for Poisson
// input, which cannot spike at a negative rate.
void takeInputNormalisation(AnnSpec& ann, InputCoding input, ConvertedSnn& snn) {
  const auto channels = static_cast<size_t>(ann.input.channels);
  for (const auto& [field, values] : {std::pair{"mean", &ann.mean}, std::pair{"std", &ann.std}})
    if (values->size() != channels)
      throw SpecError(Diagnostic{ObjectKind::Ann, "", field,
                                 "needs one value per input channel (" + std::to_string(channels) +
                                     "), has " + std::to_string(values->size())});
  for (float s : ann.std)
    if (!(s > 0.0f)) throw SpecError(Diagnostic{ObjectKind::Ann, "", "std", "must be positive"});
  const std::string folded = foldInputNormalisation(ann);
  if (!folded.empty()) {
    snn.notes.push_back("input normalisation (mean, std) folded into layer '" + folded +
                        "': its weights divided by std, its bias less W mean / std (exact)");
    return;
  }
  std::string first = "the first layer";
  for (const AnnLayerSpec& l : ann.layers)
    if (l.type != AnnLayerType::Flatten) {
      first = "'" + l.id + "'";
      break;
    }
  if (input == InputCoding::Poisson)
    throw SpecError(Diagnostic{
        ObjectKind::Ann, "", "mean",
        "input normalisation cannot be converted with Poisson input: a normalised pixel can be "
        "negative, which no spike rate is, and " +
            first +
            " cannot absorb it (only a dense layer or a conv2d without padding can); use "
            "direct-current input, or train without mean/std"});
  snn.inputMean = ann.mean;
  snn.inputStd = ann.std;
  snn.notes.push_back(
      "input normalisation (mean, std) fed by the direct-current encoder as "
      "(x - mean) / std, negative currents included (" +
      first + " pads, so it cannot be folded into its weights)");
}

}  // namespace

float positivePercentile(std::vector<float>& values, double q) {
  auto end = std::partition(values.begin(), values.end(), [](float v) { return v > 0.0f; });
  const auto n = static_cast<int64_t>(end - values.begin());
  if (n == 0) return 0.0f;
  const auto k = std::clamp<int64_t>(
      static_cast<int64_t>(std::ceil(q / 100.0 * static_cast<double>(n))) - 1, 0, n - 1);
  std::nth_element(values.begin(), values.begin() + k, end);
  return values[static_cast<size_t>(k)];
}

ConvertedSnn convertToRate(const AnnSpec& source, const Dataset& calibration,
                           int64_t calibrationSamples, const RateConversionOptions& options) {
  AnnSpec ann = source;
  ConvertedSnn snn;
  if (!ann.mean.empty() || !ann.std.empty()) takeInputNormalisation(ann, options.input, snn);
  for (const AnnLayerSpec& layer : ann.layers)
    if (annLayerHasWeights(layer.type) && layer.weight.empty())
      throw SpecError(Diagnostic{ObjectKind::AnnLayer, layer.id, "weight",
                                 "is empty: the ANN is not trained yet (snnwb-cli train "
                                 "--method ann, or import a trained model), so there is nothing "
                                 "to convert"});
  const std::vector<AnnShape> shapes = inferAnnShapes(ann);
  const std::vector<StagePlan> plan = planStages(ann, options.smoothActivations);
  snn.input = ann.input;
  snn.options = options;

  // The activations of every planned layer on the calibration images.
  const int64_t n = std::min(calibrationSamples, calibration.size());
  std::vector<std::vector<float>> activations(plan.size());
  AnnModel model(ann);
  const int64_t batch = 256;
  for (int64_t b0 = 0; b0 < n; b0 += batch) {
    const int64_t m = std::min(batch, n - b0);
    model.forward(calibration.images.row(b0).data(), m);
    for (size_t s = 0; s < plan.size(); ++s) {
      const Tensor& out = model.layerOutput(plan[s].measured);
      activations[s].insert(activations[s].end(), out.data(), out.data() + out.size());
    }
  }

  double lambdaPrev = 1.0;  // pixels are in [0, 1]
  for (size_t s = 0; s < plan.size(); ++s) {
    const AnnLayerSpec& op = ann.layers[static_cast<size_t>(plan[s].op)];
    SnnStage stage;
    stage.id = op.id;
    stage.op = op;
    stage.in = plan[s].op == 0 ? ann.input : shapes[static_cast<size_t>(plan[s].op) - 1];
    stage.out = shapes[static_cast<size_t>(plan[s].op)];
    stage.output = s + 1 == plan.size();
    const bool pool = op.type == AnnLayerType::AvgPool2d || op.type == AnnLayerType::MaxPool2d;
    const AnnLayerSpec* act =
        plan[s].activation >= 0 ? &ann.layers[static_cast<size_t>(plan[s].activation)] : nullptr;
    double lambda = lambdaPrev;
    stage.initialV = static_cast<float>(options.initialV);
    if (act && act->type == AnnLayerType::Qcfs) {
      lambda = act->threshold;
      stage.initialV = 0.5f;
    } else if (act && (act->type == AnnLayerType::Silu || act->type == AnnLayerType::Sigmoid)) {
      lambda = 1.0;  // not normalised: the FS code is fitted to the inputs as they are
      stage.activation = act->type;
      std::vector<float>& a = activations[s];
      if (!a.empty()) {
        auto at = [&a](double q) {
          const auto k = static_cast<size_t>(std::llround(q * double(a.size() - 1)));
          std::nth_element(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(k), a.end());
          return a[k];
        };
        stage.inputLow = at(0.001);
        stage.inputHigh = at(0.999);
      }
      if (!(stage.inputHigh > stage.inputLow)) stage.inputHigh = stage.inputLow + 1.0f;
    } else if (!pool || act) {
      if (n < 1)
        throw SpecError(Diagnostic{ObjectKind::Ann, "", "calibration_samples",
                                   "needs at least one calibration sample (layer '" + op.id +
                                       "' is normalised by its activations)"});
      std::vector<float>& a = activations[s];
      lambda = options.norm == LayerNorm::Percentile
                   ? positivePercentile(a, options.percentile)
                   : (a.empty() ? 0.0 : *std::max_element(a.begin(), a.end()));
      if (!(lambda > 0.0)) lambda = 1.0;  // a silent layer: nothing to scale
    }
    if (op.type == AnnLayerType::MaxPool2d) {
      stage.op.type = AnnLayerType::AvgPool2d;
      stage.op.countIncludePad = true;
      snn.notes.push_back("max_pool2d '" + op.id +
                          "' converted to average pooling of the rates (IF neurons have no "
                          "exact max of rates): the SNN computes another function than the ANN "
                          "and loses accuracy; train with avg_pool2d to avoid it");
    }
    if (pool && (op.padTop || op.padLeft || op.padBottom || op.padRight) && !op.countIncludePad)
      refuse(op, "count_include_pad", "must be 1 when the pool pads (the connector counts zeros)");
    if (pool && lambda != lambdaPrev)
      refuse(op, "type", "a pooling layer followed by an activation is not converted");
    const auto scale = static_cast<float>(lambdaPrev / lambda);
    for (float& w : stage.op.weight.values) w *= scale;
    for (float& b : stage.op.bias.values) b = static_cast<float>(b / lambda);
    stage.lambda = lambda;
    snn.stages.push_back(std::move(stage));
    lambdaPrev = lambda;
  }
  if (options.foldPooling) foldPoolingStages(snn);
  if (options.norm == LayerNorm::Balance) {  // from the max-normalised start
    std::vector<bool> qcfs;                  // trained thresholds stay
    for (const SnnStage& stage : snn.stages) {
      bool trained = false;
      for (size_t i = 0; i + 1 < ann.layers.size(); ++i)
        trained = trained ||
                  (ann.layers[i].id == stage.id && ann.layers[i + 1].type == AnnLayerType::Qcfs);
      qcfs.push_back(trained);
    }
    balanceThresholds(snn, calibration, std::min(n, options.balanceSamples), options.balanceSteps,
                      options.threads, qcfs);
  }
  return snn;
}

}  // namespace snn
