#pragma once

#include "LifNeuron.h"

namespace snn {

// Leaky integrate-and-fire neuron whose threshold rises by theta_plus at every spike and decays
// back with tau_theta: the homeostatic excitatory neuron of Diehl & Cook, Front. Comput. Neurosci.
// 9:99 (2015). Membrane and synapses are exactly those of LifNeuron (current-based here, where
// Diehl & Cook used conductances):
//
//   dtheta/dt = -theta/tau_theta;   v > v_thresh + theta: spike, v = v_reset, theta += theta_plus
class AdaptiveLifNeuron : public LifNeuron {
 public:
  static const ModelInfo& modelInfo();
  AdaptiveLifNeuron(int64_t size, ResolvedParams params);
};

}  // namespace snn
