#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <vector>

#include "SurrogateFunction.h"

namespace snn {

// The discrete-time membrane of one LIF (or IF) population in the units surrogate training
// works in: u = (v - v_rest) / (v_thresh - v_rest), so u rests at 0 and spikes above 1.
// SurrogateModel derives it from the project so that it steps exactly like the engine's neuron
// with dt (DESIGN.md, "Simulation semantics"; see SurrogateModel.h for the mapping).
struct LifDynamics {
  float beta = 0.95f;         // decay per step, exp(-dt / tau_m); 1 for the non-leaky IF
  bool subtractReset = true;  // after a spike: u -= resetAmount; else u = resetValue
  float resetValue = 0.0f;    // (v_reset - v_rest) / (v_thresh - v_rest)
  float resetAmount = 1.0f;   // (v_thresh - v_reset) / (v_thresh - v_rest)
};

// How backpropagation through time treats the spike, shared by all layers of a network.
struct BpttOptions {
  SurrogateFunction surrogate;
  // Stop the gradient through the reset (snnTorch's Leaky and SpyTorch do; Zenke & Vogels 2021
  // found it trains better): the reset then only gates the membrane's memory.
  bool detachReset = true;
  // Tests only: the forward pass emits surrogate.integral(u - 1) instead of a 0/1 spike, which
  // makes the network differentiable so finite differences can check backward().
  bool smoothForward = false;
  int threads = 1;
};

// One fully connected layer of LIF neurons, trained by backpropagation through time with a
// surrogate spike derivative (Neftci, Mostafa & Zenke 2019). Per step t and neuron:
//
//   I[t] = W x + b                (ConstantCurrent: the same input x at every step)
//   I[t] = W s_in[t - 1] + b      (DelayedSpikes: a spike reaches the next layer one step later,
//                                  as in the engine, where propagation is visible next step)
//   U[t] = beta u[t - 1] + I[t],  S[t] = H(U[t] - 1)
//   u[t] = U[t] - resetAmount S[t]   or   U[t] (1 - S[t]) + resetValue S[t]
//
// Batches are matrix columns: a buffer of neurons x (steps * batch) holds step t of sample b in
// column t * batch + b, so the input of all steps is one GEMM and a step is a contiguous block.
// Because the layers are feed-forward, a whole layer runs over all steps before the next one,
// and with constant input W x is computed once per sample instead of once per step: the same
// numbers the per-step loop of snnTorch's tutorial 5 computes, T - 1 times fewer products.
//
// Buffers are sized once by reserve(); forward() and backward() allocate nothing of their own
// (Eigen's GEMM may use a scratch buffer per product, never per step). Used by one thread at a
// time; it spreads its own work over BpttOptions::threads OpenMP threads.
class DenseLifLayer {
 public:
  enum class InputKind { ConstantCurrent, DelayedSpikes };
  using Matrix = Eigen::MatrixXf;  // column-major
  using Map = Eigen::Map<Eigen::MatrixXf>;
  using ConstMap = Eigen::Map<const Eigen::MatrixXf>;

  DenseLifLayer(int64_t inputs, int64_t neurons, InputKind kind, LifDynamics dynamics);

  int64_t inputs() const { return inputs_; }
  int64_t neurons() const { return neurons_; }
  InputKind inputKind() const { return kind_; }
  const LifDynamics& dynamics() const { return dynamics_; }

  // neurons x inputs: weights()(post, pre); the column-major storage is pre-major, the order of
  // a project's per-synapse weight array.
  Matrix& weights() { return weights_; }
  const Matrix& weights() const { return weights_; }
  Eigen::VectorXf& bias() { return bias_; }
  const Eigen::VectorXf& bias() const { return bias_; }
  const Matrix& weightGrad() const { return weightGrad_; }
  const Eigen::VectorXf& biasGrad() const { return biasGrad_; }
  Matrix& weightGrad() { return weightGrad_; }
  Eigen::VectorXf& biasGrad() { return biasGrad_; }

  // Sizes the buffers for up to `batch` samples of `steps` steps; `membraneLoss` also makes room
  // for a gradient of the loss with respect to the membrane (output layers).
  void reserve(int64_t batch, int64_t steps, bool membraneLoss);

  // input: ConstantCurrent: inputs x batch; DelayedSpikes: inputs x (steps * batch), the spikes of
  // the layer below. The input must stay unchanged until backward() has run.
  void forward(const float* input, int64_t batch, const BpttOptions& options);

  // Of the last forward(): membrane U before reset, and spikes S; neurons x (steps * batch).
  ConstMap membrane() const;
  ConstMap spikes() const;
  const float* spikeData() const { return spikes_.data(); }
  int64_t batch() const { return batch_; }
  int64_t steps() const { return steps_; }

  // Gradients of the loss with respect to S and (if reserved) U, neurons x (steps * batch):
  // filled by the loss or by the layer above before backward().
  Map spikeGrad();
  Map membraneGrad();
  float* spikeGradData() { return spikeGrad_.data(); }

  // Backward through time for the last forward() with the same input: sets weightGrad() and
  // biasGrad() and, if inputGrad is not null (DelayedSpikes only), writes the gradient with
  // respect to the input spikes there (inputs x (steps * batch)). Overwrites membrane().
  void backward(const float* input, const BpttOptions& options, float* inputGrad);

  // Where the forward pass's product W x comes from: null, the layer's own weights (a GEMM); or
  // an emulated device (a crossbar: CrossbarLayer), which gets `columns` input columns
  // (inputs x columns, column-major) and writes neurons x columns. backward() always uses
  // weights(): forward through the device, backward in software (Cramer et al., PNAS 2022).
  using Product = std::function<void(const float* input, int64_t columns, float* out)>;
  void setProduct(Product product) { product_ = std::move(product); }
  bool hasDeviceProduct() const { return static_cast<bool>(product_); }

  // Spike-fed layers of at most 32 neurons compute the gradient for the layer below with a
  // plain loop instead of GEMM (the same sums in another order); tests switch this off to
  // check the GEMM path as well.
  void setNarrowKernels(bool on) { narrowKernels_ = on; }

 private:
  bool narrow() const;
  template <bool Subtract, bool Smooth>
  void recur(const float* current, int64_t currentStride, const BpttOptions& options);
  template <SurrogateKind Kind, bool Subtract, bool Detach, bool Constant>
  void recurBack(const BpttOptions& options);

  int64_t inputs_ = 0;
  int64_t neurons_ = 0;
  InputKind kind_;
  LifDynamics dynamics_;
  Matrix weights_, weightGrad_;
  Eigen::VectorXf bias_, biasGrad_;

  int64_t capacityBatch_ = 0, steps_ = 0, batch_ = 0;
  // neurons x (steps * batch) each, used as the first neurons * steps * batch_ elements.
  std::vector<float> current_;   // W x (+ b): one block (ConstantCurrent) or one per step
  std::vector<float> membrane_;  // U; backward() overwrites it with dL/dI
  std::vector<float> spikes_;
  std::vector<float> spikeGrad_;
  std::vector<float> membraneGrad_;
  std::vector<float> state_;        // u after reset, neurons x batch
  std::vector<float> currentGrad_;  // ConstantCurrent: sum over steps of dL/dI, neurons x batch
  std::vector<float> transposed_;   // narrow layers: W^T, inputs x neurons
  bool narrowKernels_ = true;
  Product product_;
};

}  // namespace snn
