#include "IzhikevichNeuron.h"

#include <algorithm>

#include "CommonParams.h"
#include "Propagators.h"

namespace snn {

namespace {
// The model's currents are in pA (NEST izhikevich, PyNN Izhikevich); the workbench's are in nA.
constexpr double kPicoPerNano = 1000.0;
}  // namespace

const std::array<IzhikevichNeuron::Preset, 7>& IzhikevichNeuron::presets() {
  // Izhikevich, IEEE Trans. Neural Netw. 14:1569 (2003), Fig. 2.
  static const std::array<Preset, 7> table = {{
      {"regular_spiking", 0.02, 0.2, -65.0, 8.0},
      {"intrinsically_bursting", 0.02, 0.2, -55.0, 4.0},
      {"chattering", 0.02, 0.2, -50.0, 2.0},
      {"fast_spiking", 0.1, 0.2, -65.0, 2.0},
      {"low_threshold_spiking", 0.02, 0.25, -65.0, 2.0},
      {"thalamo_cortical", 0.02, 0.25, -65.0, 0.05},
      {"resonator", 0.1, 0.26, -65.0, 2.0},
  }};
  return table;
}

const IzhikevichNeuron::Preset* IzhikevichNeuron::findPreset(std::string_view name) {
  for (const Preset& p : presets())
    if (p.name == name) return &p;
  return nullptr;
}

const ModelInfo& IzhikevichNeuron::modelInfo() {
  static const ModelInfo info = [] {
    namespace cp = common_params;
    ModelInfo m;
    m.name = "izhikevich";
    m.displayName = "Izhikevich";
    m.meaning = "Two-variable model reproducing cortical firing patterns (RS, FS, CH, IB...)";
    m.equation =
        "dv/dt = 0.04 v^2 + 5 v + 140 - u + I   (I in pA = 1000 x input in nA)\n"
        "du/dt = a (b v - u)\n"
        "v > v_peak: spike, v = c, u += d";
    m.reference = "Izhikevich, IEEE Trans. Neural Netw. 14:1569 (2003)";
    const Preset& rs = presets().front();
    auto coef = [](const char* name, double def, const char* unit, const char* meaning) {
      return ParamInfo{.name = name, .unit = unit, .defaultValue = def, .meaning = meaning};
    };
    ParamInfo preset{
        .name = "preset",
        .kind = ParamKind::Choice,
        .meaning = "Firing type whose a, b, c, d are used unless set explicitly (Izhikevich 2003)"};
    for (const Preset& p : presets()) preset.choices.emplace_back(p.name);
    m.params = {preset,
                {.name = "a",
                 .unit = "1/ms",
                 .defaultValue = rs.a,
                 .min = 0.0,
                 .meaning = "Recovery rate of u"},
                coef("b", rs.b, "", "Sensitivity of u to subthreshold v"),
                coef("c", rs.c, "mV", "Reset value of v after a spike"),
                coef("d", rs.d, "mV/ms", "Jump of u after a spike"),
                coef("v_peak", 30.0, "mV", "Spike cut-off: v is reset when it exceeds this"),
                cp::tauSynExc(),
                cp::tauSynInh(),
                cp::iOffset()};
    m.stateVars = {{"v", "mV", "Membrane potential", "", -65.0},
                   {"u", "mV/ms", "Recovery variable (initially b v)", "", 0.0},
                   cp::iExc(),
                   cp::iInh()};
    return m;
  }();
  return info;
}

IzhikevichNeuron::IzhikevichNeuron(int64_t size, ResolvedParams params)
    : NeuronGroup(modelInfo(), size, std::move(params)),
      v_(addState("v", -65.0)),
      u_(addState("u")),
      iExc_(stateVector("i_exc")),
      iInh_(stateVector("i_inh")) {}

double IzhikevichNeuron::coefficient(std::string_view name, int64_t i) const {
  const ResolvedParams& p = params();
  if (p.isExplicit(name)) return p.at(name, i);
  const Preset* preset = findPreset(p.choice("preset"));
  if (!preset) return p.at(name, i);
  switch (name[0]) {
    case 'a':
      return preset->a;
    case 'b':
      return preset->b;
    case 'c':
      return preset->c;
    default:
      return preset->d;
  }
}

void IzhikevichNeuron::prepare(double dt) {
  dt_ = dt;
  const ResolvedParams& p = params();
  const int64_t n = size();
  const bool u =
      allUniform(p, {"a", "b", "c", "d", "v_peak", "tau_syn_exc", "tau_syn_inh", "i_offset"});
  a_ = NeuronConstant::compute(n, u, [&](int64_t i) { return coefficient("a", i); });
  b_ = NeuronConstant::compute(n, u, [&](int64_t i) { return coefficient("b", i); });
  c_ = NeuronConstant::compute(n, u, [&](int64_t i) { return coefficient("c", i); });
  d_ = NeuronConstant::compute(n, u, [&](int64_t i) { return coefficient("d", i); });
  vPeak_ = NeuronConstant::compute(n, u, [&](int64_t i) { return p.at("v_peak", i); });
  iOffset_ = NeuronConstant::compute(n, u, [&](int64_t i) { return p.at("i_offset", i); });
  p11e_ = NeuronConstant::compute(
      n, u, [&](int64_t i) { return propagators::synapticDecay(dt, p.at("tau_syn_exc", i)); });
  p11i_ = NeuronConstant::compute(
      n, u, [&](int64_t i) { return propagators::synapticDecay(dt, p.at("tau_syn_inh", i)); });
}

void IzhikevichNeuron::resetState() {
  NeuronGroup::resetState();
  std::fill(v_.begin(), v_.end(), -65.0);
  for (int64_t i = 0; i < size(); ++i)
    u_[static_cast<size_t>(i)] = b_.at(i) * v_[static_cast<size_t>(i)];
}

void IzhikevichNeuron::update(int64_t, int64_t begin, int64_t end, std::vector<int32_t>& spikes) {
  const Real dt = static_cast<Real>(dt_);
  const Real* ext = externalCurrent();
  for (int64_t i = begin; i < end; ++i) {
    const Real v = v_[i];
    const Real u = u_[i];
    const Real input =
        static_cast<Real>(kPicoPerNano) * (iOffset_.at(i) + ext[i] + iExc_[i] + iInh_[i]);
    // Both derivatives from the state at the start of the step (Euler, as Brian2 does).
    Real vNew = v + dt * (0.04 * v * v + 5.0 * v + 140.0 - u + input);
    Real uNew = u + dt * (a_.at(i) * (b_.at(i) * v - u));
    iExc_[i] *= p11e_.at(i);
    iInh_[i] *= p11i_.at(i);
    const bool spike = vNew > vPeak_.at(i);
    if (spike) {
      vNew = c_.at(i);
      uNew += d_.at(i);
    }
    v_[i] = vNew;
    u_[i] = uNew;
    spiked_[i] = spike;
  }
  collectSpikes(begin, end, spikes);
}

}  // namespace snn
