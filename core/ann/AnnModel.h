#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "AnnLayer.h"
#include "Tensor.h"
#include "model/AnnSpec.h"

namespace snn {

// A runnable ANN built from an AnnSpec: forward and backward over mini-batches, every layer's
// activations kept for inspection (conversion reads them for its per-layer normalisation), and
// the trained values written back with toSpec(). Owned and used by one thread; `threads` only
// says how many the BlockPool may use inside a call, and never changes a result.
class AnnModel {
 public:
  // Checks the spec (inferAnnShapes; throws SpecError) and builds the layers. Dense and conv2d
  // layers without weights are initialised as PyTorch does (withInitialisedWeights, `seed`).
  explicit AnnModel(const AnnSpec& spec, uint64_t seed = 1);
  ~AnnModel();
  AnnModel(AnnModel&&) noexcept;
  AnnModel& operator=(AnnModel&&) noexcept;

  // The spec with the current weights and thresholds.
  AnnSpec toSpec() const;
  int layerCount() const { return static_cast<int>(layers_.size()); }
  AnnLayer& layer(int i) { return *layers_[static_cast<size_t>(i)]; }
  const AnnLayer& layer(int i) const { return *layers_[static_cast<size_t>(i)]; }
  const AnnShape& inputShape() const { return spec_.input; }
  const AnnShape& outputShape() const;
  void setThreads(int threads) { threads_ = threads < 1 ? 1 : threads; }
  int threads() const { return threads_; }

  // Runs the first `layers` layers (every layer if < 0) on `batch` samples given one after
  // another in PyTorch's order (batch x C*H*W, as Dataset::images; pixels in [0, 1], the spec's
  // mean/std applied here). Returns the output of the last layer run.
  const Tensor& forward(const float* samples, int64_t batch, int layers = -1);
  // Of the last forward(): the normalised input, and the output of layer i.
  const Tensor& input() const { return activations_.front(); }
  const Tensor& layerOutput(int i) const { return activations_[static_cast<size_t>(i) + 1]; }

  // From dLoss/d(output of the last layer forward() ran), back through those layers: sets
  // every parameter's gradient (see parameters()) and, if wanted, dLoss/d(normalised input).
  void backward(const Tensor& gradOutput, Tensor* gradInput = nullptr);
  // Every trainable tensor with its gradient, layer by layer.
  std::vector<ParameterRef> parameters();
  // Keeps trained values valid after an update: a qcfs threshold stays > 0.
  void constrainParameters();

  // The class (largest output) of each of `n` samples, forward in batches of `batchSize`.
  void predict(const float* samples, int64_t n, int32_t* predicted, int64_t batchSize = 256);

 private:
  AnnSpec spec_;
  std::vector<std::unique_ptr<AnnLayer>> layers_;
  std::vector<Tensor> activations_;  // input, then each layer's output
  Tensor gradients_[2];              // dLoss/d(activation), alternately
  int lastRun_ = 0;                  // layers the last forward() ran
  int threads_ = 1;
};

// The spec with every dense and conv2d layer that has no weight initialised as PyTorch's
// nn.Linear and nn.Conv2d do (reset_parameters: kaiming_uniform_ with a = sqrt(5), i.e. weights
// and biases uniform in +-1/sqrt(fan_in)), each layer from its own random stream of `seed`.
AnnSpec withInitialisedWeights(const AnnSpec& spec, uint64_t seed);

}  // namespace snn
