#pragma once

#include "NeuronConstant.h"
#include "NeuronGroup.h"

namespace snn {

// Integrate-and-fire neuron of discrete-time tools that fire several spikes per step: Sinabs's
// IAF with its defaults (MultiSpike, MembraneSubtract, min_v_mem; sinabs/layers/iaf.py,
// sinabs/activation/spike_generation.py, reset_mechanism.py), the layer Sinabs builds for a NIR
// IF node (sinabs/nir.py: from_nir). Synapses are instantaneous (delta): a spike's weight, in mV,
// adds to v in the next step's update, as NEST's iaf_psc_delta. Each step:
//
//   v += (sum of the weights arrived) + v_step
//   k  = v > 0 ? trunc(v / v_thresh) : 0     spikes this step (k >= 1 exactly when v >= v_thresh)
//   v -= k v_thresh;  v = max(v, v_min)
//
// The k spikes of a step are emitted as k copies of the neuron's index, so a target receives the
// weight k times, as Sinabs multiplies it by the spike count.
class MultiSpikeIfNeuron : public NeuronGroup {
 public:
  static const ModelInfo& modelInfo();
  // More spikes than this in one step is taken as a diverged run (v set to infinity, which the
  // divergence watch reports), never silently clipped.
  static constexpr int64_t kMaxSpikesPerStep = 65535;

  MultiSpikeIfNeuron(int64_t size, ResolvedParams params);
  void prepare(double dt) override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;

 private:
  std::vector<Real>& v_;
  std::vector<Real>& iExc_;
  std::vector<Real>& iInh_;
  std::vector<int32_t> count_;  // spikes of each neuron in the present step
  NeuronConstant vThresh_, vMin_, vStep_;
};

}  // namespace snn
