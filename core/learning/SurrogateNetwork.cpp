#include "SurrogateNetwork.h"

#include <stdexcept>

namespace snn {

SurrogateNetwork::SurrogateNetwork(std::vector<DenseLifLayer> layers, int64_t steps,
                                   BpttOptions options, ClassificationLoss loss, bool trainBias)
    : layers_(std::move(layers)),
      steps_(steps),
      options_(options),
      loss_(loss),
      trainBias_(trainBias) {
  if (layers_.empty()) throw std::invalid_argument("SurrogateNetwork needs at least one layer");
  for (size_t l = 1; l < layers_.size(); ++l)
    if (layers_[l].inputs() != layers_[l - 1].neurons() ||
        layers_[l].inputKind() != DenseLifLayer::InputKind::DelayedSpikes)
      throw std::invalid_argument("SurrogateNetwork: layers do not chain");
}

void SurrogateNetwork::reserve(int64_t batch) {
  for (size_t l = 0; l < layers_.size(); ++l)
    layers_[l].reserve(batch, steps_,
                       l + 1 == layers_.size() && loss_.kind != LossKind::SpikeCount);
}

void SurrogateNetwork::forward(const float* input, int64_t batch) {
  input_ = input;
  batch_ = batch;
  const float* x = input;
  for (DenseLifLayer& layer : layers_) {
    layer.forward(x, batch, options_);
    x = layer.spikeData();
  }
}

double SurrogateNetwork::backward(const uint8_t* labels) {
  DenseLifLayer& out = layers_.back();
  Eigen::Map<Eigen::MatrixXf> gradMembrane = out.membraneGrad();
  const double loss =
      loss_.evaluate(out.membrane(), out.spikes(), batch_, labels,
                     gradMembrane.size() ? gradMembrane.data() : nullptr, out.spikeGradData());
  for (size_t l = layers_.size(); l-- > 0;) {
    const float* input = l == 0 ? input_ : layers_[l - 1].spikeData();
    float* inputGrad = l == 0 ? nullptr : layers_[l - 1].spikeGradData();
    layers_[l].backward(input, options_, inputGrad);
  }
  return loss;
}

void SurrogateNetwork::predict(int32_t* predicted) const {
  ClassificationLoss::predict(layers_.back().spikes(), batch_, predicted);
}

std::vector<AdamOptimizer::Parameter> SurrogateNetwork::parameters() {
  std::vector<AdamOptimizer::Parameter> p;
  for (DenseLifLayer& layer : layers_) {
    p.push_back({layer.weights().data(), layer.weightGrad().data(), layer.weights().size()});
    if (trainBias_)
      p.push_back({layer.bias().data(), layer.biasGrad().data(), layer.bias().size()});
  }
  return p;
}

}  // namespace snn
