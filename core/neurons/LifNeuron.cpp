#include "LifNeuron.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "CommonParams.h"
#include "Propagators.h"

namespace snn {

const ModelInfo& LifNeuron::modelInfo() {
  static const ModelInfo info = [] {
    namespace cp = common_params;
    ModelInfo m;
    m.name = "lif";
    m.displayName = "Leaky integrate-and-fire";
    m.meaning = "Leaky integrator with a threshold and reset; exponential current synapses";
    m.equation =
        "cm dv/dt = -cm (v - v_rest)/tau_m + i_exc + i_inh + i_offset\n"
        "di_exc/dt = -i_exc/tau_syn_exc,  di_inh/dt = -i_inh/tau_syn_inh\n"
        "v > v_thresh: spike; reset 'value': v = v_reset, 'subtract': v -= v_thresh - v_reset;\n"
        "held for t_ref";
    m.reference =
        "Lapicque 1907; exact integration: Rotter & Diesmann, Biol. Cybern. 81:381 (1999)";
    const ParamInfo tauM{.name = "tau_m",
                         .unit = "ms",
                         .defaultValue = 20.0,
                         .min = 0.0,
                         .minInclusive = false,
                         .meaning = "Membrane time constant"};
    const ParamInfo vRest{.name = "v_rest",
                          .unit = "mV",
                          .defaultValue = -65.0,
                          .meaning = "Resting potential the membrane decays to"};
    // Reset by subtraction is the LIF of directly trained networks (snnTorch's Leaky default;
    // Neftci, Mostafa & Zenke 2019), so a network trained that way runs here unchanged.
    const ParamInfo reset{
        .name = "reset",
        .kind = ParamKind::Choice,
        .meaning = "After a spike: set v to v_reset, or subtract (v_thresh - v_reset)",
        .choices = {"value", "subtract"}};
    m.params = {tauM,       cp::cm(),        vRest,           cp::vReset(),  cp::vThresh(),
                cp::tRef(), cp::tauSynExc(), cp::tauSynInh(), cp::iOffset(), reset};
    m.stateVars = {{"v", "mV", "Membrane potential", "v_rest", 0.0}, cp::iExc(), cp::iInh()};
    return m;
  }();
  return info;
}

int32_t refractorySteps(double tRef, double dt) {
  // Checked: t_ref has no upper bound, and a double beyond int32 is undefined behaviour to cast
  // (on x86 it became INT32_MIN and switched the period off).
  const double steps = std::floor((tRef + 1e-3 * dt) / dt);
  if (!(steps < static_cast<double>(kRefractoryForRun))) return kRefractoryForRun;
  return steps > 0.0 ? static_cast<int32_t>(steps) : 0;
}

LifNeuron::LifNeuron(int64_t size, ResolvedParams params)
    : LifNeuron(modelInfo(), size, std::move(params), Variant{}) {}

LifNeuron::LifNeuron(const ModelInfo& info, int64_t size, ResolvedParams params, Variant variant)
    : NeuronGroup(info, size, std::move(params)),
      v_(addState("v")),
      iExc_(stateVector("i_exc")),
      iInh_(stateVector("i_inh")),
      refractory_(static_cast<size_t>(size), 0),
      variant_(variant) {
  if (variant_.adaptive) theta_ = &addState("theta");
}

double LifNeuron::tauM(int64_t i) const {
  return variant_.leaky ? params().at("tau_m", i) : std::numeric_limits<double>::infinity();
}

double LifNeuron::vRest(int64_t i) const {
  return variant_.leaky ? params().at("v_rest", i) : 0.0;
}

void LifNeuron::prepare(double dt) {
  namespace pr = propagators;
  dt_ = dt;
  const ResolvedParams& p = params();
  const int64_t n = size();
  perNeuron_ = !allUniform(p, {"cm", "v_reset", "v_thresh", "t_ref", "tau_syn_exc", "tau_syn_inh",
                               "i_offset"}) ||
               (variant_.leaky && !allUniform(p, {"tau_m", "v_rest"})) ||
               (variant_.adaptive && !allUniform(p, {"theta_plus", "tau_theta"}));
  subtract_ = p.choice("reset") == "subtract";
  const bool u = !perNeuron_;
  auto at = [&p](const char* name) { return [&p, name](int64_t i) { return p.at(name, i); }; };
  p22_ = NeuronConstant::compute(n, u, [&](int64_t i) { return pr::membraneDecay(dt, tauM(i)); });
  p20_ = NeuronConstant::compute(
      n, u, [&](int64_t i) { return pr::constantCurrentGain(dt, tauM(i), p.at("cm", i)); });
  p21e_ = NeuronConstant::compute(n, u, [&](int64_t i) {
    return pr::synapticCurrentGain(dt, tauM(i), p.at("tau_syn_exc", i), p.at("cm", i));
  });
  p21i_ = NeuronConstant::compute(n, u, [&](int64_t i) {
    return pr::synapticCurrentGain(dt, tauM(i), p.at("tau_syn_inh", i), p.at("cm", i));
  });
  p11e_ = NeuronConstant::compute(
      n, u, [&](int64_t i) { return pr::synapticDecay(dt, p.at("tau_syn_exc", i)); });
  p11i_ = NeuronConstant::compute(
      n, u, [&](int64_t i) { return pr::synapticDecay(dt, p.at("tau_syn_inh", i)); });
  vRest_ = NeuronConstant::compute(n, u, [&](int64_t i) { return vRest(i); });
  vReset_ = NeuronConstant::compute(n, u, at("v_reset"));
  vThresh_ = NeuronConstant::compute(n, u, at("v_thresh"));
  iOffset_ = NeuronConstant::compute(n, u, at("i_offset"));
  refSteps_ = NeuronConstant::compute(
      n, u, [&](int64_t i) { return refractorySteps(p.at("t_ref", i), dt); });
  // Without input v relaxes towards v_rest + i_offset tau_m / cm (a non-leaky membrane drifts
  // unless i_offset is 0); below threshold, a silent interval can be jumped over in closed form
  // (decayFreely).
  quietAtRest_ = true;
  for (int64_t i = 0; i < n; ++i) {
    const double drift = p.at("i_offset", i);
    quietAtRest_ = quietAtRest_ && (variant_.leaky ? vRest(i) + drift * tauM(i) / p.at("cm", i) <
                                                         p.at("v_thresh", i)
                                                   : drift == 0.0);
  }
  if (variant_.adaptive) {
    thetaDecay_ = NeuronConstant::compute(
        n, u, [&](int64_t i) { return pr::membraneDecay(dt, p.at("tau_theta", i)); });
    thetaPlus_ = NeuronConstant::compute(n, u, at("theta_plus"));
  }
}

void LifNeuron::resetState() {
  NeuronGroup::resetState();
  std::fill(refractory_.begin(), refractory_.end(), 0);
}

template <bool PerNeuron, bool Adaptive, bool Subtract, bool External>
void LifNeuron::integrate(int64_t begin, int64_t end) {
  using C = NeuronConstantView<PerNeuron>;
  const C p22(p22_), p20(p20_), p21e(p21e_), p21i(p21i_), p11e(p11e_), p11i(p11i_);
  const C vRest(vRest_), vReset(vReset_), vThresh(vThresh_), iOffset(iOffset_), refSteps(refSteps_);
  const C thetaDecay(thetaDecay_), thetaPlus(thetaPlus_);
  Real* __restrict theta = Adaptive ? theta_->data() : nullptr;
  Real* __restrict v = v_.data();
  Real* __restrict ie = iExc_.data();
  Real* __restrict ii = iInh_.data();
  const Real* __restrict ext = externalCurrent();
  int32_t* __restrict ref = refractory_.data();
  SpikeFlag* __restrict spiked = spiked_.data();
  // The state arrays are distinct vectors; GCC ignores __restrict on locals, so say it here.
#pragma GCC ivdep
  for (int64_t i = begin; i < end; ++i) {
    const Real vOld = v[i];
    // The external current is read only when a current source drives this population: the
    // update is bound by memory traffic.
    const Real vFree = vRest[i] + p22[i] * (vOld - vRest[i]) +
                       p20[i] * (External ? iOffset[i] + ext[i] : iOffset[i]) + p21e[i] * ie[i] +
                       p21i[i] * ii[i];
    ie[i] *= p11e[i];
    ii[i] *= p11i[i];
    // A spike in step n sets the counter to R = t_ref/dt; the updates of steps n+1 .. n+R-1
    // keep v, and the neuron integrates and may fire again from step n+R on (Brian2's
    // not_refractory = timestep(t - lastspike) >= timestep(t_ref), evaluated before the update).
    // kRefractoryForRun does not count down (branch-free, so the loop still vectorises).
    const int32_t rNext = ref[i] - ((ref[i] > 0) & (ref[i] != kRefractoryForRun));
    const Real vNew = rNext > 0 ? vOld : vFree;
    Real threshold = vThresh[i];
    Real th = 0.0;
    if constexpr (Adaptive) {
      th = theta[i] * thetaDecay[i];
      threshold += th;
    }
    const bool spike = (vNew > threshold) & (rNext == 0);
    const Real vAfter = Subtract ? vNew - (vThresh[i] - vReset[i]) : vReset[i];
    v[i] = spike ? vAfter : vNew;
    ref[i] = spike ? static_cast<int32_t>(refSteps[i]) : rNext;
    if constexpr (Adaptive) theta[i] = spike ? th + thetaPlus[i] : th;
    spiked[i] = spike;
  }
}

void LifNeuron::update(int64_t, int64_t begin, int64_t end, std::vector<int32_t>& spikes) {
  // One kernel per combination, chosen once per step; the common case (shared parameters, fixed
  // threshold, reset to a value, no current source) keeps every constant in a register.
  using Kernel = void (LifNeuron::*)(int64_t, int64_t);
  static constexpr Kernel kernels[16] = {&LifNeuron::integrate<false, false, false, false>,
                                         &LifNeuron::integrate<false, false, false, true>,
                                         &LifNeuron::integrate<false, false, true, false>,
                                         &LifNeuron::integrate<false, false, true, true>,
                                         &LifNeuron::integrate<false, true, false, false>,
                                         &LifNeuron::integrate<false, true, false, true>,
                                         &LifNeuron::integrate<false, true, true, false>,
                                         &LifNeuron::integrate<false, true, true, true>,
                                         &LifNeuron::integrate<true, false, false, false>,
                                         &LifNeuron::integrate<true, false, false, true>,
                                         &LifNeuron::integrate<true, false, true, false>,
                                         &LifNeuron::integrate<true, false, true, true>,
                                         &LifNeuron::integrate<true, true, false, false>,
                                         &LifNeuron::integrate<true, true, false, true>,
                                         &LifNeuron::integrate<true, true, true, false>,
                                         &LifNeuron::integrate<true, true, true, true>};
  const int index = (perNeuron_ ? 8 : 0) + (variant_.adaptive ? 4 : 0) + (subtract_ ? 2 : 0) +
                    (hasExternalInput() ? 1 : 0);
  (this->*kernels[index])(begin, end);
  collectSpikes(begin, end, spikes);
}

bool LifNeuron::canDecayFreely() const {
  return quietAtRest_;
}

void LifNeuron::decayFreely(int64_t steps) {
  // The exact propagators of prepare() for h = the free part of the interval (a composition of
  // exact steps is the exact solution over their sum): a refractory neuron holds v for the rest of
  // its period while its currents decay, then relaxes.
  namespace pr = propagators;
  const ResolvedParams& p = params();
  static const std::vector<double> kNoLeak = {std::numeric_limits<double>::infinity()};
  static const std::vector<double> kZero = {0.0};
  const std::vector<double>& tauM = variant_.leaky ? p.values("tau_m") : kNoLeak;
  const std::vector<double>& cm = p.values("cm");
  const std::vector<double>& vRest = variant_.leaky ? p.values("v_rest") : kZero;
  const std::vector<double>& iOffset = p.values("i_offset");
  const std::vector<double>& tauE = p.values("tau_syn_exc");
  const std::vector<double>& tauI = p.values("tau_syn_inh");
  auto at = [](const std::vector<double>& v, size_t i) { return v.size() == 1 ? v[0] : v[i]; };
  struct Over {  // propagators over h
    double membrane, constant, gainE, gainI, decayE, decayI;
  };
  auto over = [&](size_t i, double h) {
    const double tm = at(tauM, i), c = at(cm, i), te = at(tauE, i), ti = at(tauI, i);
    // A synaptic time constant of 0 is a current lasting one step.
    auto gain = [&](double tauSyn) {
      return tauSyn > 0.0 ? pr::synapticCurrentGain(h, tm, tauSyn, c)
                          : pr::constantCurrentGain(dt_, tm, c) * pr::membraneDecay(h - dt_, tm);
    };
    return Over{pr::membraneDecay(h, tm), pr::constantCurrentGain(h, tm, c), gain(te), gain(ti),
                pr::synapticDecay(h, te), pr::synapticDecay(h, ti)};
  };
  const double whole = static_cast<double>(steps) * dt_;
  const Over shared = over(0, whole);  // every non-refractory neuron's, when parameters are shared
  for (size_t i = 0; i < v_.size(); ++i) {
    // A counter c holds the next c - 1 updates (see integrate).
    const bool forRun = refractory_[i] == kRefractoryForRun;
    const int64_t held = forRun ? steps : std::min<int64_t>(std::max(refractory_[i] - 1, 0), steps);
    double ie = iExc_[i], ii = iInh_[i], v = v_[i];
    if (held > 0) {
      ie *= pr::synapticDecay(static_cast<double>(held) * dt_, at(tauE, i));
      ii *= pr::synapticDecay(static_cast<double>(held) * dt_, at(tauI, i));
    }
    if (held < steps) {
      const Over o =
          held == 0 && !perNeuron_ ? shared : over(i, static_cast<double>(steps - held) * dt_);
      const double rest = at(vRest, i);
      v = rest + o.membrane * (v - rest) + o.constant * at(iOffset, i) + o.gainE * ie +
          o.gainI * ii;
      ie *= o.decayE;
      ii *= o.decayI;
    }
    v_[i] = v;
    iExc_[i] = ie;
    iInh_[i] = ii;
    if (!forRun)
      refractory_[i] = static_cast<int32_t>(std::max<int64_t>(refractory_[i] - steps, 0));
  }
  if (variant_.adaptive) {
    const std::vector<double>& tauTheta = p.values("tau_theta");
    const double uniformDecay = pr::membraneDecay(whole, tauTheta[0]);
    for (size_t i = 0; i < theta_->size(); ++i)
      (*theta_)[i] *= tauTheta.size() == 1 ? uniformDecay : pr::membraneDecay(whole, tauTheta[i]);
  }
}

double LifNeuron::steadyStateRate(int64_t i, double current) const {
  // Closed form of the f-I curve: time to charge from v_reset to v_thresh towards
  // v_inf = v_rest + I tau_m / cm (at slope I / cm without a leak), plus the refractory period.
  // Without a leak and with reset by subtraction the rate is exactly linear in the current.
  const ResolvedParams& p = params();
  const double total = current + p.at("i_offset", i);
  const double vReset = p.at("v_reset", i), vThresh = p.at("v_thresh", i), cm = p.at("cm", i);
  double charge = 0.0;
  if (!variant_.leaky) {
    if (total <= 0.0) return 0.0;
    charge = std::max(vThresh - vReset, 0.0) * cm / total;
  } else {
    const double vInf = vRest(i) + total * tauM(i) / cm;
    if (vInf <= vThresh) return 0.0;
    charge = vReset >= vThresh ? 0.0 : tauM(i) * std::log((vInf - vReset) / (vInf - vThresh));
  }
  return 1000.0 / (p.at("t_ref", i) + charge);
}

}  // namespace snn
