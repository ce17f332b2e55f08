#include "RateConverter.h"

#include <algorithm>
#include <cmath>

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

std::vector<StagePlan> planStages(const AnnSpec& ann) {
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

ConvertedSnn convertToRate(const AnnSpec& ann, const Dataset& calibration,
                           int64_t calibrationSamples, const RateConversionOptions& options) {
  if (!ann.mean.empty() || !ann.std.empty())
    throw SpecError(Diagnostic{ObjectKind::Ann, "", "mean",
                               "input normalisation is not converted yet: fold it into the "
                               "first layer or train without it"});
  for (const AnnLayerSpec& layer : ann.layers)
    if (annLayerHasWeights(layer.type) && layer.weight.empty())
      throw SpecError(Diagnostic{ObjectKind::AnnLayer, layer.id, "weight",
                                 "is empty: the ANN is not trained yet (snnwb-cli train "
                                 "--method ann, or import a trained model), so there is nothing "
                                 "to convert"});
  const std::vector<AnnShape> shapes = inferAnnShapes(ann);
  const std::vector<StagePlan> plan = planStages(ann);
  ConvertedSnn snn;
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
    if (act && act->type == AnnLayerType::Qcfs) {
      lambda = act->threshold;
      stage.initialV = 0.5f;
    } else if (!pool || act) {
      if (n < 1)
        throw SpecError(Diagnostic{ObjectKind::Ann, "", "calibration_samples",
                                   "needs at least one calibration sample (layer '" + op.id +
                                       "' is normalised by its activations)"});
      std::vector<float>& a = activations[s];
      lambda = options.norm == LayerNorm::Max
                   ? (a.empty() ? 0.0 : *std::max_element(a.begin(), a.end()))
                   : positivePercentile(a, options.percentile);
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
  return snn;
}

}  // namespace snn
