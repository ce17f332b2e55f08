#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "ConvertedSnn.h"
#include "ann/AnnLayer.h"

namespace snn {

// The stage's linear operation (dense, conv2d or avg_pool2d) as an ANN layer, bias included.
std::unique_ptr<AnnLayer> makeStageOperation(const SnnStage& stage);
// Synapses of the stage's operation per input neuron, on average (taps on padding excluded).
double stageFanOut(const SnnStage& stage);

// Runs a converted network of IF neurons on a mini-batch at once: each step, every layer's
// input current is one product over the whole batch (the core/ann layers: im2col + GEMM for
// conv2d, GEMM for dense, on the 0/1 spike tensors), then the IF update of all neurons
//   v += I;  spike where v > threshold;  v -= threshold (reset by subtraction) or v = 0.
// Under direct-current input the first layer's current is the same every step and is computed
// once per batch.
//
// Two schedules:
//   - synchronous (default): a spike crosses every layer within the step, as the SNN toolbox
//     and SpikingJelly step converted networks; T steps give every layer T steps of input.
//   - pipelined: layer l sees the spikes layer l-1 emitted in the step before, exactly as the
//     general Simulator delivers spikes (a projection's spikes arrive in the next step).
//     The tests run both this and the Simulator on the written project, spike for spike.
class SnnBatchEvaluator {
 public:
  explicit SnnBatchEvaluator(const ConvertedSnn& snn, int threads = 1, uint64_t seed = 1);
  ~SnnBatchEvaluator();

  void setPipelined(bool on) { pipelined_ = on; }

  // Runs `n` samples (row-major, n x C*H*W, pixels in [0, 1]) for `steps` steps each, in
  // batches; writes the predicted class of each sample into `predicted`. Adds what happened to
  // activity() (spikes and synaptic operations per stage).
  void evaluate(const float* samples, int64_t n, int steps, int32_t* predicted,
                int64_t batchSize = 250);

  // Per stage, summed over every evaluate() since construction or resetActivity().
  const std::vector<StageActivity>& activity() const { return activity_; }
  void resetActivity();

  // Of the last batch, after its last step: stage s's spike counts per neuron and sample
  // (Tensor layout), and its membrane potentials.
  const Tensor& spikeCounts(int stage) const { return counts_[static_cast<size_t>(stage)]; }
  const Tensor& membrane(int stage) const { return v_[static_cast<size_t>(stage)]; }

 private:
  void runBatch(const float* samples, int64_t n, int steps);
  void drive(size_t s, const Tensor& in);  // current_[s] = the stage's operation on `in`
  void integrate(size_t s);                // IF update of stage s from current_[s]

  const ConvertedSnn& snn_;
  int threads_;
  bool pipelined_ = false;
  std::mt19937_64 rng_;
  std::vector<std::unique_ptr<AnnLayer>> flatten_;  // per stage, or null
  std::vector<std::unique_ptr<AnnLayer>> ops_;
  std::vector<double> fanOut_;  // synapses per presynaptic neuron, on average
  Tensor input_, flat_;
  std::vector<Tensor> current_, v_, spikes_, counts_;
  std::vector<StageActivity> activity_;
};

}  // namespace snn
