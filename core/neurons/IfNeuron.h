#pragma once

#include "LifNeuron.h"

namespace snn {

// Non-leaky integrate-and-fire neuron (perfect integrator), the neuron of rate-based ANN-to-SNN
// conversion (Rueckauer et al., Front. Neurosci. 11:682, 2017):
//
//   cm dv/dt = i_exc + i_inh + i_offset + i_ext
//   v > v_thresh: spike; reset "value": v = v_reset, "subtract": v -= (v_thresh - v_reset)
//
// Reset by subtraction keeps the charge above threshold, so the rate stays proportional to the
// input (the conversion error of reset-to-value is gone). Stepped by LifNeuron's kernel with an
// infinite membrane time constant.
class IfNeuron : public LifNeuron {
 public:
  static const ModelInfo& modelInfo();
  IfNeuron(int64_t size, ResolvedParams params);
};

}  // namespace snn
