#pragma once

#include "NeuronConstant.h"
#include "NeuronGroup.h"

namespace snn {

// The Hodgkin-Huxley squid giant axon (Hodgkin & Huxley, J. Physiol. 117:500, 1952), in the
// modern sign convention with rest near -65 mV (Dayan & Abbott, Theoretical Neuroscience, 5.6):
//
//   cm dv/dt = -g_na m^3 h (v - e_na) - g_k n^4 (v - e_k) - g_leak (v - e_leak) + I
//   dx/dt = alpha_x(v) (1 - x) - beta_x(v) x,   x in {m, h, n}
//
// Units: a patch of 1e-3 cm^2, so 1 uF/cm^2 is 1 nF, 120 mS/cm^2 is 120 uS and 10 uA/cm^2 is 10 nA.
// A spike is an upward crossing of v_thresh; there is no reset. Integrated by exponential Euler
// (each variable's linearised equation solved exactly over the step, as Brian2's
// "exponential_euler"; for the gates this is the Rush-Larsen scheme), stable at dt 0.01-0.1 ms.
class HodgkinHuxleyNeuron : public NeuronGroup {
 public:
  static const ModelInfo& modelInfo();

  // The 1952 rate functions (1/ms) of v (mV).
  static double alphaM(double v);
  static double betaM(double v);
  static double alphaH(double v);
  static double betaH(double v);
  static double alphaN(double v);
  static double betaN(double v);

  HodgkinHuxleyNeuron(int64_t size, ResolvedParams params);
  void prepare(double dt) override;
  void resetState() override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;
  // The sodium and potassium reversal potentials bound v within about +-120 mV (Hodgkin &
  // Huxley 1952); beyond 10 V the integration has diverged.
  double divergenceBound() const override { return 1e4; }

 private:
  std::vector<Real>& v_;
  std::vector<Real>& m_;
  std::vector<Real>& h_;
  std::vector<Real>& n_;
  std::vector<Real>& iExc_;
  std::vector<Real>& iInh_;
  std::vector<uint8_t> above_;  // v was above v_thresh at the end of the last step
  NeuronConstant cm_, gNa_, gK_, gLeak_, eNa_, eK_, eLeak_, vThresh_, iOffset_, p11e_, p11i_;
};

}  // namespace snn
