#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "ConvertedSnn.h"
#include "ann/AnnLayer.h"
#include "ann/Tensor.h"

namespace snn {

class EventStageOperation;
class StageForward;

// The stage's linear operation (dense, conv2d or avg_pool2d) as an ANN layer, bias included
// (without its folded pool: StageForward applies both).
std::unique_ptr<AnnLayer> makeStageOperation(const SnnStage& stage);
// Synapses of the stage's operation per input neuron, on average (taps on padding excluded); a
// folded pool counts as composed with the operation (foldedStage), as the project writes it.
double stageFanOut(const SnnStage& stage);

// Runs a converted network of IF neurons on many samples. Each sample runs all its steps on one
// thread (samples are independent; both cores take samples in turn), its state a few hundred
// kilobytes that stay in cache. Each step, every stage's input current is the bias plus the
// previous stage's spikes scattered through its weights (EventStageOperation: work in
// proportion to the spikes, not to the synapses), then the IF update of all its neurons
//   v += I;  spike where v > threshold;  v -= threshold (reset by subtraction) or v = 0.
// Under direct-current input the first stage's current is the same every step: it is computed
// once per batch through the ANN layers (im2col + GEMM).
//
// Two schedules:
//   - synchronous (default): a spike crosses every layer within the step, as the SNN toolbox
//     and SpikingJelly step converted networks; T steps give every layer T steps of input.
//   - pipelined: layer l sees the spikes layer l-1 emitted in the step before, exactly as the
//     general Simulator delivers spikes (a projection's spikes arrive in the next step).
//     The tests run both this and the Simulator on the written project, spike for spike.
// Poisson input draws each sample's spikes from its own stream (the seed and the sample's
// index), so results do not depend on the thread count.
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
  // The largest input current (bias included) a neuron of the stage received in one step, over
  // the same span (what threshold balancing sets the threshold to).
  float maxInputCurrent(int stage) const { return maxInput_[static_cast<size_t>(stage)]; }

  // Of the last batch, after its last step: stage s's spike counts per neuron and sample
  // (Tensor layout), and its membrane potentials.
  const Tensor& spikeCounts(int stage) const { return counts_[static_cast<size_t>(stage)]; }
  const Tensor& membrane(int stage) const { return v_[static_cast<size_t>(stage)]; }

 private:
  struct Workspace;
  void runBatch(const float* samples, int64_t first, int64_t n, int steps);
  void runSample(Workspace& w, const float* pixels, int64_t b, int64_t sampleIndex, int steps);
  void integrate(size_t s, Workspace& w) const;  // IF update of stage s from its current

  const ConvertedSnn& snn_;
  int threads_;
  uint64_t seed_;
  bool pipelined_ = false;
  std::unique_ptr<StageForward> first_;  // the first stage's constant current (direct input)
  std::vector<std::unique_ptr<EventStageOperation>> ops_;
  std::vector<double> fanOut_;  // synapses per presynaptic neuron, on average
  std::vector<std::unique_ptr<Workspace>> workspaces_;  // per thread
  Tensor input_, constant_;
  std::vector<Tensor> v_, counts_;
  std::vector<StageActivity> activity_;
  std::vector<float> maxInput_;
};

}  // namespace snn
