#pragma once

#include "NeuronConstant.h"
#include "NeuronGroup.h"

namespace snn {

// Non-leaky integrate-and-fire neuron (perfect integrator), the neuron of rate-based ANN-to-SNN
// conversion (Rueckauer et al., Front. Neurosci. 11:682, 2017):
//
//   cm dv/dt = i_exc + i_inh + i_offset + i_ext
//   v > v_thresh: spike; reset "value": v = v_reset, "subtract": v -= (v_thresh - v_reset)
//
// Reset by subtraction keeps the charge above threshold, so the rate stays proportional to the
// input (the conversion error of reset-to-value is gone). Exact integration as LifNeuron.
class IfNeuron : public NeuronGroup {
 public:
  static const ModelInfo& modelInfo();

  IfNeuron(int64_t size, ResolvedParams params);
  void prepare(double dt) override;
  void resetState() override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;
  double steadyStateRate(int64_t neuron, double current) const override;

 private:
  template <bool PerNeuron, bool Subtract>
  void integrate(int64_t begin, int64_t end);

  std::vector<Real>& v_;
  std::vector<Real>& iExc_;
  std::vector<Real>& iInh_;
  std::vector<int32_t> refractory_;
  bool perNeuron_ = false;
  bool subtract_ = false;
  NeuronConstant p20_, p21e_, p21i_, p11e_, p11i_;
  NeuronConstant vReset_, vThresh_, iOffset_, refSteps_;
};

}  // namespace snn
