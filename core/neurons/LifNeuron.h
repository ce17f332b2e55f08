#pragma once

#include <limits>

#include "NeuronConstant.h"
#include "NeuronGroup.h"

namespace snn {

// Leaky integrate-and-fire neuron with exponentially decaying current synapses (PyNN's
// IF_curr_exp, NEST's iaf_psc_exp; Lapicque 1907, in the form of Tuckwell 1988):
//
//   cm dv/dt = -cm (v - v_rest)/tau_m + i_exc + i_inh + i_offset + i_ext
//   di_exc/dt = -i_exc/tau_syn_exc,  di_inh/dt = -i_inh/tau_syn_inh
//   v > v_thresh: spike; v = v_reset ("value") or v -= v_thresh - v_reset ("subtract");
//   v held for t_ref.
//
// Integrated exactly (Rotter & Diesmann 1999): prepare() precomputes the propagators so a step
// only multiplies and adds. The same kernel steps the non-leaky IfNeuron (tau_m infinite) and the
// AdaptiveLifNeuron (a rising threshold), so the three cannot drift apart.
class LifNeuron : public NeuronGroup {
 public:
  static const ModelInfo& modelInfo();

  LifNeuron(int64_t size, ResolvedParams params);
  void prepare(double dt) override;
  void resetState() override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;
  double steadyStateRate(int64_t neuron, double current) const override;
  bool canDecayFreely() const override;
  // Exact integration cannot blow up, but a membrane driven without bound (a non-leaky IF under
  // a constant negative current, runaway inhibitory weights) can: a kilovolt is far beyond any
  // meaningful value.
  double divergenceBound() const override { return 1e6; }
  void decayFreely(int64_t steps) override;

 protected:
  struct Variant {
    bool leaky = true;      // false: IfNeuron, no tau_m or v_rest
    bool adaptive = false;  // true: AdaptiveLifNeuron, threshold v_thresh + theta
  };
  LifNeuron(const ModelInfo& info, int64_t size, ResolvedParams params, Variant variant);

 private:
  template <bool PerNeuron, bool Adaptive, bool Subtract, bool External>
  void integrate(int64_t begin, int64_t end);
  // tau_m and v_rest of neuron i (infinite and 0 for the non-leaky variant).
  double tauM(int64_t i) const;
  double vRest(int64_t i) const;

  std::vector<Real>& v_;
  std::vector<Real>& iExc_;
  std::vector<Real>& iInh_;
  std::vector<int32_t> refractory_;  // steps left in the refractory period
  bool perNeuron_ = false;
  bool quietAtRest_ = true;  // every neuron stays below threshold without input
  bool subtract_ = false;
  const Variant variant_;
  NeuronConstant p22_, p20_, p21e_, p21i_, p11e_, p11i_;
  NeuronConstant vRest_, vReset_, vThresh_, iOffset_, refSteps_;
  // Adaptive threshold (AdaptiveLifNeuron only).
  std::vector<Real>* theta_ = nullptr;
  NeuronConstant thetaDecay_, thetaPlus_;
};

// Refractory period in steps, rounded as Brian2 does (a period a hair under k steps counts as k).
// A period of 2^31 - 1 steps or more (t_ref = 1e9 ms at dt = 0.1) is kRefractoryForRun: the
// neuron stays refractory for the rest of the run, which is what such a period means for any run
// shorter than 2^31 steps.
int32_t refractorySteps(double tRef, double dt);
inline constexpr int32_t kRefractoryForRun = std::numeric_limits<int32_t>::max();

}  // namespace snn
