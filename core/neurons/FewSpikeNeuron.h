#pragma once

#include <functional>
#include <string>

#include "NeuronGroup.h"

namespace snn {

// Few-spike (FS) neuron (Stöckl & Maass, "Optimized spiking neurons can classify images with
// high accuracy through temporal coding with two spikes", Nat. Mach. Intell. 3:230, 2021).
// Time runs in windows of K steps (phase t = step mod K, the same for every fs population).
// During a window the neuron sums its input into a; at the window's start that sum becomes its
// membrane v and it codes it in K steps:
//   a += dt/cm d_in(t-1 mod K) (i_exc + i_inh),   at t = 1 mod K also a += dt/cm (i_ext + i_offset)
//   t = 0: v = a, a = 0
//   v >= T(t): spike, v -= h(t)
// A spike at phase t carries d(t): the simulator delivers it with its synapse's weight at phase
// t + 1, where the receiving fs neuron scales its synaptic input by d_in(t), its input_weights:
// the presynaptic population's d (by default its own spike_weights, for layers sharing one
// code). So all fs inputs of a population must come from populations with the same d. Constant
// currents (a direct-current input, i_offset) count once per window, at phase 1 (a current
// that changes within a window is sampled there). With delta synapses (a spike's weight reaches a
// in the next step), layer l codes in window l + 1 what the input showed in window 0: a network of
// L fs layers answers after (L + 1) K steps, and a new input can enter every K steps.
class FewSpikeNeuron : public NeuronGroup {
 public:
  static const ModelInfo& modelInfo();
  FewSpikeNeuron(int64_t size, ResolvedParams params);

  void prepare(double dt) override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;

 private:
  std::vector<Real>& v_;
  std::vector<Real>& a_;
  std::vector<Real>& iExc_;
  std::vector<Real>& iInh_;
  int k_ = 1;
  std::vector<Real> threshold_, reset_, weight_;  // T(t), h(t), d(t)
  std::vector<Real> inputWeight_;                 // d(t) of the presynaptic population
  std::vector<Real> gain_, offset_;               // dt/cm, and i_offset dt/cm, per neuron
};

// The checks between fs parameters the schema cannot express: k is one whole number for the
// population, and thresholds, resets and spike_weights each hold k values (or none: the ReLU
// code).
void checkFewSpikeParams(const ResolvedParams& params,
                         const std::function<void(const std::string&, const std::string&)>& report);

}  // namespace snn
