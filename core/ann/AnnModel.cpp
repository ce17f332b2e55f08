#include "AnnModel.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "ActivationLayer.h"
#include "AvgPool2dLayer.h"
#include "Conv2dLayer.h"
#include "DenseLayer.h"
#include "FlattenLayer.h"
#include "MaxPool2dLayer.h"
#include "QcfsLayer.h"
#include "SoftmaxCrossEntropy.h"
#include "SoftmaxLayer.h"
#include "model/RandomStreams.h"

namespace snn {

namespace {

// The smallest qcfs threshold training may leave (it divides the input).
constexpr float kMinThreshold = 1e-3f;

std::unique_ptr<AnnLayer> makeLayer(const AnnLayerSpec& spec, const AnnShape& in,
                                    const AnnShape& out) {
  switch (spec.type) {
    case AnnLayerType::Dense:
      return std::make_unique<DenseLayer>(spec, in);
    case AnnLayerType::Conv2d:
      return std::make_unique<Conv2dLayer>(spec, in, out);
    case AnnLayerType::AvgPool2d:
      return std::make_unique<AvgPool2dLayer>(spec, in, out);
    case AnnLayerType::MaxPool2d:
      return std::make_unique<MaxPool2dLayer>(spec, in, out);
    case AnnLayerType::Flatten:
      return std::make_unique<FlattenLayer>(spec, in);
    case AnnLayerType::Relu:
    case AnnLayerType::Silu:
    case AnnLayerType::Sigmoid:
      return std::make_unique<ActivationLayer>(spec, in);
    case AnnLayerType::Softmax:
      return std::make_unique<SoftmaxLayer>(spec, in);
    case AnnLayerType::Qcfs:
      return std::make_unique<QcfsLayer>(spec, in);
  }
  return nullptr;
}

// Uniform in [-bound, bound) from the top 24 bits of a draw: the same numbers with every
// standard library.
void fillUniform(std::vector<float>& values, std::mt19937_64& rng, double bound) {
  for (float& v : values) {
    const double unit = double(rng() >> 40) / double(uint64_t(1) << 24);
    v = static_cast<float>((2.0 * unit - 1.0) * bound);
  }
}

}  // namespace

AnnSpec withInitialisedWeights(const AnnSpec& spec, uint64_t seed) {
  const std::vector<AnnShape> shapes = inferAnnShapes(spec);
  AnnSpec out = spec;
  AnnShape in = spec.input;
  for (size_t i = 0; i < out.layers.size(); ++i) {
    AnnLayerSpec& layer = out.layers[i];
    if (annLayerHasWeights(layer.type) && layer.weight.empty()) {
      layer.weight.shape = annWeightShape(layer, in);
      layer.bias.shape = annBiasShape(layer);
      layer.weight.values.resize(static_cast<size_t>(layer.weight.shapeSize()));
      layer.bias.values.resize(static_cast<size_t>(layer.bias.shapeSize()));
      const int64_t fanIn = layer.weight.shapeSize() / layer.weight.shape.front();
      const double bound = 1.0 / std::sqrt(double(fanIn));
      std::mt19937_64 rng = makeRandomStream(seed, "ann_init", layer.id);
      fillUniform(layer.weight.values, rng, bound);
      fillUniform(layer.bias.values, rng, bound);
    }
    in = shapes[i];
  }
  return out;
}

AnnModel::AnnModel(const AnnSpec& spec, uint64_t seed) : spec_(withInitialisedWeights(spec, seed)) {
  const std::vector<AnnShape> shapes = inferAnnShapes(spec_);
  AnnShape in = spec_.input;
  for (size_t i = 0; i < spec_.layers.size(); ++i) {
    layers_.push_back(makeLayer(spec_.layers[i], in, shapes[i]));
    in = shapes[i];
  }
  activations_.resize(layers_.size() + 1);
}

AnnModel::~AnnModel() = default;
AnnModel::AnnModel(AnnModel&&) noexcept = default;
AnnModel& AnnModel::operator=(AnnModel&&) noexcept = default;

AnnSpec AnnModel::toSpec() const {
  AnnSpec out = spec_;
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i]->store(out.layers[i]);
  return out;
}

const AnnShape& AnnModel::outputShape() const {
  return layers_.empty() ? spec_.input : layers_.back()->outputShape();
}

const Tensor& AnnModel::forward(const float* samples, int64_t batch, int layers) {
  Tensor& x = activations_.front();
  x.setSamples(samples, spec_.input, batch);
  if (!spec_.mean.empty())
    for (int c = 0; c < spec_.input.channels; ++c) {
      const float mean = spec_.mean[static_cast<size_t>(c)];
      const float inv = 1.0f / spec_.std[static_cast<size_t>(c)];
      Eigen::Map<Eigen::ArrayXf> channel(x.plane(c, 0), batch * x.planeSize());
      channel = (channel - mean) * inv;
    }
  lastRun_ = layers < 0 ? layerCount() : std::min(layers, layerCount());
  for (int i = 0; i < lastRun_; ++i)
    layers_[static_cast<size_t>(i)]->forward(activations_[static_cast<size_t>(i)],
                                             activations_[static_cast<size_t>(i) + 1], threads_);
  return activations_[static_cast<size_t>(lastRun_)];
}

void AnnModel::backward(const Tensor& gradOutput, Tensor* gradInput) {
  const Tensor* gradOut = &gradOutput;
  for (int i = lastRun_ - 1; i >= 0; --i) {
    Tensor* gradIn = i > 0 ? &gradients_[i % 2] : gradInput;
    const size_t k = static_cast<size_t>(i);
    layers_[k]->backward(activations_[k], activations_[k + 1], *gradOut, gradIn, threads_);
    gradOut = gradIn;
  }
}

std::vector<ParameterRef> AnnModel::parameters() {
  std::vector<ParameterRef> all;
  for (auto& layer : layers_)
    for (ParameterRef& p : layer->parameters()) all.push_back(p);
  return all;
}

void AnnModel::constrainParameters() {
  for (auto& layer : layers_)
    if (layer->type() == AnnLayerType::Qcfs)
      for (ParameterRef& p : layer->parameters()) *p.value = std::max(*p.value, kMinThreshold);
}

void AnnModel::predict(const float* samples, int64_t n, int32_t* predicted, int64_t batchSize) {
  if (!outputShape().flat())
    throw std::logic_error("AnnModel::predict: the output " + outputShape().toString() +
                           " is not a flat vector of classes");
  const int64_t perSample = spec_.input.size();
  for (int64_t done = 0; done < n;) {
    const int64_t b = std::min(batchSize, n - done);
    argmaxClasses(forward(samples + done * perSample, b), predicted + done);
    done += b;
  }
}

}  // namespace snn
