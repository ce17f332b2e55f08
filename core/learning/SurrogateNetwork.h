#pragma once

#include <cstdint>
#include <vector>

#include "AdamOptimizer.h"
#include "ClassificationLoss.h"
#include "DenseLifLayer.h"

namespace snn {

// A feed-forward stack of DenseLifLayers with a classification loss on the last one: one
// mini-batch forward, backward through time, and the parameter list an optimiser updates.
// The first layer takes the input (one column per sample, constant over the steps); every
// other layer takes the spikes of the layer below, one step later. Used by one thread at a time.
class SurrogateNetwork {
 public:
  SurrogateNetwork(std::vector<DenseLifLayer> layers, int64_t steps, BpttOptions options,
                   ClassificationLoss loss, bool trainBias);

  int64_t steps() const { return steps_; }
  int64_t inputs() const { return layers_.front().inputs(); }
  int64_t classes() const { return layers_.back().neurons(); }
  std::vector<DenseLifLayer>& layers() { return layers_; }
  const std::vector<DenseLifLayer>& layers() const { return layers_; }
  BpttOptions& options() { return options_; }
  const ClassificationLoss& loss() const { return loss_; }

  // Sizes every buffer for batches of up to `batch` samples.
  void reserve(int64_t batch);
  // input: inputs() x batch, column-major (one sample per column).
  void forward(const float* input, int64_t batch);
  // Loss of the last forward() (averaged over its samples) and the gradients of every layer.
  double backward(const uint8_t* labels);
  // The class of each sample of the last forward(): most output spikes, lowest index on a tie.
  void predict(int32_t* predicted) const;
  // Weights (and biases when trained) with their gradients, for the optimiser.
  std::vector<AdamOptimizer::Parameter> parameters();

 private:
  std::vector<DenseLifLayer> layers_;
  int64_t steps_;
  BpttOptions options_;
  ClassificationLoss loss_;
  bool trainBias_;
  const float* input_ = nullptr;
  int64_t batch_ = 0;
};

}  // namespace snn
