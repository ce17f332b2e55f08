#include "HodgkinHuxleyNeuron.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "CommonParams.h"
#include "Propagators.h"

namespace snn {

namespace {
// x / (1 - exp(-x/k)), continuous at x = 0 where it tends to k.
double vtrap(double x, double k) {
  const double r = x / k;
  if (std::abs(r) < 1e-6) return k * (1.0 + 0.5 * r);
  return x / -std::expm1(-r);
}

ParamInfo param(const char* name, const char* unit, double def, const char* meaning,
                bool positive = false) {
  return {.name = name,
          .unit = unit,
          .defaultValue = def,
          .min = positive ? 0.0 : -std::numeric_limits<double>::infinity(),
          .meaning = meaning};
}

// Steady state of a gate at v.
double gateInfinity(double alpha, double beta) {
  return alpha / (alpha + beta);
}

// Exponential-Euler step of a gate: dx/dt = alpha (1 - x) - beta x solved exactly for fixed v.
Real gateStep(Real x, double alpha, double beta, double dt) {
  const double inf = gateInfinity(alpha, beta);
  return static_cast<Real>(inf + (x - inf) * std::exp(-dt * (alpha + beta)));
}
}  // namespace

// Rate functions of Hodgkin & Huxley 1952 (shifted to rest at -65 mV), Dayan & Abbott eq. 5.22ff.
double HodgkinHuxleyNeuron::alphaM(double v) {
  return 0.1 * vtrap(v + 40.0, 10.0);
}
double HodgkinHuxleyNeuron::betaM(double v) {
  return 4.0 * std::exp(-(v + 65.0) / 18.0);
}
double HodgkinHuxleyNeuron::alphaH(double v) {
  return 0.07 * std::exp(-(v + 65.0) / 20.0);
}
double HodgkinHuxleyNeuron::betaH(double v) {
  return 1.0 / (1.0 + std::exp(-(v + 35.0) / 10.0));
}
double HodgkinHuxleyNeuron::alphaN(double v) {
  return 0.01 * vtrap(v + 55.0, 10.0);
}
double HodgkinHuxleyNeuron::betaN(double v) {
  return 0.125 * std::exp(-(v + 65.0) / 80.0);
}

const ModelInfo& HodgkinHuxleyNeuron::modelInfo() {
  static const ModelInfo info = [] {
    namespace cp = common_params;
    ModelInfo m;
    m.name = "hh";
    m.displayName = "Hodgkin-Huxley";
    m.meaning = "Sodium, potassium and leak conductances of the squid giant axon (1952)";
    m.equation =
        "cm dv/dt = -g_na m^3 h (v - e_na) - g_k n^4 (v - e_k) - g_leak (v - e_leak) + I\n"
        "dx/dt = alpha_x(v) (1 - x) - beta_x(v) x,  x = m, h, n\n"
        "spike: v crosses v_thresh upwards";
    m.reference = "Hodgkin & Huxley, J. Physiol. 117:500 (1952)";
    // Hodgkin & Huxley 1952 for a 1e-3 cm^2 patch; reversal potentials as in Dayan & Abbott.
    m.params = {cp::cm(1.0),
                param("g_na", "uS", 120.0, "Maximal sodium conductance", true),
                param("g_k", "uS", 36.0, "Maximal potassium conductance", true),
                param("g_leak", "uS", 0.3, "Leak conductance", true),
                param("e_na", "mV", 50.0, "Sodium reversal potential"),
                param("e_k", "mV", -77.0, "Potassium reversal potential"),
                param("e_leak", "mV", -54.387, "Leak reversal potential"),
                param("v_thresh", "mV", 0.0, "A spike is counted when v crosses this upwards"),
                cp::tauSynExc(),
                cp::tauSynInh(),
                cp::iOffset()};
    m.stateVars = {{"v", "mV", "Membrane potential", "", -65.0},
                   {"m", "", "Sodium activation (initially at steady state)", "", 0.0},
                   {"h", "", "Sodium inactivation (initially at steady state)", "", 0.0},
                   {"n", "", "Potassium activation (initially at steady state)", "", 0.0},
                   cp::iExc(),
                   cp::iInh()};
    return m;
  }();
  return info;
}

HodgkinHuxleyNeuron::HodgkinHuxleyNeuron(int64_t size, ResolvedParams params)
    : NeuronGroup(modelInfo(), size, std::move(params)),
      v_(addState("v", -65.0)),
      m_(addState("m")),
      h_(addState("h")),
      n_(addState("n")),
      iExc_(stateVector("i_exc")),
      iInh_(stateVector("i_inh")),
      above_(static_cast<size_t>(size), 0) {}

void HodgkinHuxleyNeuron::prepare(double dt) {
  dt_ = dt;
  const ResolvedParams& p = params();
  const int64_t n = size();
  const bool u = allUniform(p, {"cm", "g_na", "g_k", "g_leak", "e_na", "e_k", "e_leak", "v_thresh",
                                "tau_syn_exc", "tau_syn_inh", "i_offset"});
  auto at = [&p](const char* name) { return [&p, name](int64_t i) { return p.at(name, i); }; };
  cm_ = NeuronConstant::compute(n, u, at("cm"));
  gNa_ = NeuronConstant::compute(n, u, at("g_na"));
  gK_ = NeuronConstant::compute(n, u, at("g_k"));
  gLeak_ = NeuronConstant::compute(n, u, at("g_leak"));
  eNa_ = NeuronConstant::compute(n, u, at("e_na"));
  eK_ = NeuronConstant::compute(n, u, at("e_k"));
  eLeak_ = NeuronConstant::compute(n, u, at("e_leak"));
  vThresh_ = NeuronConstant::compute(n, u, at("v_thresh"));
  iOffset_ = NeuronConstant::compute(n, u, at("i_offset"));
  p11e_ = NeuronConstant::compute(
      n, u, [&](int64_t i) { return propagators::synapticDecay(dt, p.at("tau_syn_exc", i)); });
  p11i_ = NeuronConstant::compute(
      n, u, [&](int64_t i) { return propagators::synapticDecay(dt, p.at("tau_syn_inh", i)); });
}

void HodgkinHuxleyNeuron::resetState() {
  NeuronGroup::resetState();
  std::fill(v_.begin(), v_.end(), -65.0);
  const double v0 = -65.0;
  std::fill(m_.begin(), m_.end(), static_cast<Real>(gateInfinity(alphaM(v0), betaM(v0))));
  std::fill(h_.begin(), h_.end(), static_cast<Real>(gateInfinity(alphaH(v0), betaH(v0))));
  std::fill(n_.begin(), n_.end(), static_cast<Real>(gateInfinity(alphaN(v0), betaN(v0))));
  std::fill(above_.begin(), above_.end(), 0);
}

void HodgkinHuxleyNeuron::update(int64_t, int64_t begin, int64_t end,
                                 std::vector<int32_t>& spikes) {
  const double dt = dt_;
  const Real* ext = externalCurrent();
  for (int64_t i = begin; i < end; ++i) {
    const double v = v_[i];
    const double m = m_[i], h = h_[i], n = n_[i];
    const double input = iOffset_.at(i) + ext[i] + iExc_[i] + iInh_[i];
    // Membrane: linear in v for fixed gates, so exact over the step with the gates held.
    const double gNa = gNa_.at(i) * m * m * m * h;
    const double gK = gK_.at(i) * n * n * n * n;
    const double gTotal = gNa + gK + gLeak_.at(i);
    const double vInf =
        (gNa * eNa_.at(i) + gK * eK_.at(i) + gLeak_.at(i) * eLeak_.at(i) + input) / gTotal;
    const double vNew = vInf + (v - vInf) * std::exp(-dt * gTotal / cm_.at(i));
    // Gates from the voltage at the start of the step (all variables updated simultaneously).
    m_[i] = gateStep(static_cast<Real>(m), alphaM(v), betaM(v), dt);
    h_[i] = gateStep(static_cast<Real>(h), alphaH(v), betaH(v), dt);
    n_[i] = gateStep(static_cast<Real>(n), alphaN(v), betaN(v), dt);
    v_[i] = static_cast<Real>(vNew);
    iExc_[i] *= p11e_.at(i);
    iInh_[i] *= p11i_.at(i);
    const bool above = vNew > vThresh_.at(i);
    spiked_[i] = above && !above_[i];
    above_[i] = above;
  }
  collectSpikes(begin, end, spikes);
}

}  // namespace snn
