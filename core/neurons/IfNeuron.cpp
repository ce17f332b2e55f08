#include "IfNeuron.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "CommonParams.h"
#include "LifNeuron.h"
#include "Propagators.h"

namespace snn {

namespace {
constexpr double kNoLeak = std::numeric_limits<double>::infinity();
}

const ModelInfo& IfNeuron::modelInfo() {
  static const ModelInfo info = [] {
    namespace cp = common_params;
    ModelInfo m;
    m.name = "if";
    m.displayName = "Integrate-and-fire (non-leaky)";
    m.meaning = "Perfect integrator with threshold; reset to a value or by subtraction";
    m.equation =
        "cm dv/dt = i_exc + i_inh + i_offset\n"
        "v > v_thresh: spike; reset 'value': v = v_reset, 'subtract': v -= v_thresh - v_reset";
    m.reference = "Rueckauer et al., Front. Neurosci. 11:682 (2017)";
    const ParamInfo reset{
        .name = "reset",
        .kind = ParamKind::Choice,
        .meaning = "After a spike: set v to v_reset, or subtract (v_thresh - v_reset)",
        .choices = {"value", "subtract"}};
    m.params = {cp::cm(),   cp::vReset(0.0), cp::vThresh(1.0), cp::tRef(0.0), cp::tauSynExc(),
                cp::tauSynInh(), cp::iOffset(), reset};
    m.stateVars = {{"v", "mV", "Membrane potential", "v_reset", 0.0}, cp::iExc(), cp::iInh()};
    return m;
  }();
  return info;
}

IfNeuron::IfNeuron(int64_t size, ResolvedParams params)
    : NeuronGroup(modelInfo(), size, std::move(params)),
      v_(addState("v")),
      iExc_(stateVector("i_exc")),
      iInh_(stateVector("i_inh")),
      refractory_(static_cast<size_t>(size), 0) {}

void IfNeuron::prepare(double dt) {
  namespace pr = propagators;
  dt_ = dt;
  const ResolvedParams& p = params();
  const int64_t n = size();
  perNeuron_ = !allUniform(p, {"cm", "v_reset", "v_thresh", "t_ref", "tau_syn_exc",
                               "tau_syn_inh", "i_offset"});
  subtract_ = p.choice("reset") == "subtract";
  const bool u = !perNeuron_;
  auto at = [&p](const char* name) { return [&p, name](int64_t i) { return p.at(name, i); }; };
  p20_ = NeuronConstant::compute(n, u, [&](int64_t i) {
    return pr::constantCurrentGain(dt, kNoLeak, p.at("cm", i));
  });
  p21e_ = NeuronConstant::compute(n, u, [&](int64_t i) {
    return pr::synapticCurrentGain(dt, kNoLeak, p.at("tau_syn_exc", i), p.at("cm", i));
  });
  p21i_ = NeuronConstant::compute(n, u, [&](int64_t i) {
    return pr::synapticCurrentGain(dt, kNoLeak, p.at("tau_syn_inh", i), p.at("cm", i));
  });
  p11e_ = NeuronConstant::compute(n, u, [&](int64_t i) {
    return pr::synapticDecay(dt, p.at("tau_syn_exc", i));
  });
  p11i_ = NeuronConstant::compute(n, u, [&](int64_t i) {
    return pr::synapticDecay(dt, p.at("tau_syn_inh", i));
  });
  vReset_ = NeuronConstant::compute(n, u, at("v_reset"));
  vThresh_ = NeuronConstant::compute(n, u, at("v_thresh"));
  iOffset_ = NeuronConstant::compute(n, u, at("i_offset"));
  refSteps_ = NeuronConstant::compute(n, u, [&](int64_t i) {
    return refractorySteps(p.at("t_ref", i), dt);
  });
}

void IfNeuron::resetState() {
  NeuronGroup::resetState();
  std::fill(refractory_.begin(), refractory_.end(), 0);
}

template <bool PerNeuron, bool Subtract>
void IfNeuron::integrate(int64_t begin, int64_t end) {
  using C = NeuronConstantView<PerNeuron>;
  const C p20(p20_), p21e(p21e_), p21i(p21i_), p11e(p11e_), p11i(p11i_);
  const C vReset(vReset_), vThresh(vThresh_), iOffset(iOffset_), refSteps(refSteps_);
  Real* __restrict v = v_.data();
  Real* __restrict ie = iExc_.data();
  Real* __restrict ii = iInh_.data();
  const Real* __restrict ext = externalCurrent();
  int32_t* __restrict ref = refractory_.data();
  uint8_t* __restrict spiked = spiked_.data();
  // The state arrays are distinct vectors; GCC ignores __restrict on locals, so say it here.
#pragma GCC ivdep
  for (int64_t i = begin; i < end; ++i) {
    const Real vOld = v[i];
    const Real vFree = vOld + p20[i] * (iOffset[i] + ext[i]) + p21e[i] * ie[i] + p21i[i] * ii[i];
    ie[i] *= p11e[i];
    ii[i] *= p11i[i];
    // A spike in step n sets the counter to R = t_ref/dt; the updates of steps n+1 .. n+R-1
    // keep v, and the neuron integrates and may fire again from step n+R on (Brian2's
    // not_refractory = timestep(t - lastspike) >= timestep(t_ref), evaluated before the update).
    const int32_t rNext = ref[i] > 0 ? ref[i] - 1 : 0;
    const Real vNew = rNext > 0 ? vOld : vFree;
    const bool spike = (vNew > vThresh[i]) & (rNext == 0);
    const Real vAfter = Subtract ? vNew - (vThresh[i] - vReset[i]) : vReset[i];
    v[i] = spike ? vAfter : vNew;
    ref[i] = spike ? static_cast<int32_t>(refSteps[i]) : rNext;
    spiked[i] = spike;
  }
}

void IfNeuron::update(int64_t, int64_t begin, int64_t end, std::vector<int32_t>& spikes) {
  if (subtract_)
    perNeuron_ ? integrate<true, true>(begin, end) : integrate<false, true>(begin, end);
  else
    perNeuron_ ? integrate<true, false>(begin, end) : integrate<false, false>(begin, end);
  collectSpikes(begin, end, spikes);
}

double IfNeuron::steadyStateRate(int64_t i, double current) const {
  // Charging (v_thresh - v_reset) at slope I/cm; subtraction keeps the rate exactly linear.
  const ResolvedParams& p = params();
  const double total = current + p.at("i_offset", i);
  if (total <= 0.0) return 0.0;
  const double chargeMs = (p.at("v_thresh", i) - p.at("v_reset", i)) * p.at("cm", i) / total;
  return 1000.0 / (p.at("t_ref", i) + std::max(chargeMs, 0.0));
}

}  // namespace snn
