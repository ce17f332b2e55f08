#include "FewSpikeNeuron.h"

#include <algorithm>
#include <cmath>

#include "CommonParams.h"

namespace snn {

const ModelInfo& FewSpikeNeuron::modelInfo() {
  static const ModelInfo info = [] {
    namespace cp = common_params;
    ModelInfo m;
    m.name = "fs";
    m.displayName = "Few-spike (FS) neuron";
    m.meaning =
        "Codes a window's summed input in K steps with per-step threshold, reset and "
        "spike weight";
    m.equation =
        "phase t = step mod k; a += dt/cm d_in(t-1) (i_exc + i_inh), at t = 1 also dt/cm (i_ext + "
        "i_offset)\n"
        "t = 0: v = a, a = 0;  v >= T(t): spike, v -= h(t);  a spike at phase t carries d(t)";
    m.reference = "Stöckl & Maass, Nat. Mach. Intell. 3:230 (2021)";
    const ParamInfo k{.name = "k",
                      .defaultValue = 4,
                      .min = 1,
                      .max = 64,
                      .meaning = "Steps per window (K): the steps the neuron codes its input in",
                      .integer = true};
    auto sequence = [](const char* name, const char* meaning) {
      return ParamInfo{.name = name, .kind = ParamKind::Sequence, .meaning = meaning};
    };
    m.params = {k,
                sequence("thresholds", "T(t): the threshold at phase t; k values (none: 2^-(t+1))"),
                sequence("resets",
                         "h(t): subtracted from v after a spike at phase t; k values (none: "
                         "2^-(t+1))"),
                sequence("spike_weights",
                         "d(t): what a spike at phase t carries (applied by the receiving fs "
                         "population, which shares the code); k values (none: 2^-(t+1))"),
                sequence("input_weights",
                         "d(t) of the presynaptic fs population: scales the synaptic input "
                         "arriving at phase t + 1; k values (none: this population's "
                         "spike_weights)"),
                cp::cm(),
                cp::iOffset()};
    m.stateVars = {{"v", "mV", "Membrane potential being coded in this window", "", 0.0},
                   {"a", "mV", "Input summed in this window (coded in the next)", "", 0.0},
                   cp::iExc(),
                   cp::iInh()};
    return m;
  }();
  return info;
}

FewSpikeNeuron::FewSpikeNeuron(int64_t size, ResolvedParams params)
    : NeuronGroup(modelInfo(), size, std::move(params)),
      v_(addState("v")),
      a_(addState("a")),
      iExc_(stateVector("i_exc")),
      iInh_(stateVector("i_inh")) {}

void FewSpikeNeuron::prepare(double dt) {
  dt_ = dt;
  const ResolvedParams& p = params();
  k_ = std::max(1, static_cast<int>(p.scalar("k")));
  // An empty list is the closed-form ReLU code T(t) = h(t) = d(t) = 2^-(t+1) (Stöckl & Maass
  // 2021): x in [0, 1) is coded by its binary expansion.
  auto coefficients = [this, &p](const char* name) {
    const Sequence& s = p.sequence(name);
    std::vector<Real> out(static_cast<size_t>(k_), 0.0);
    for (size_t t = 0; t < out.size(); ++t)
      out[t] = s.empty() ? std::ldexp(Real(1), -static_cast<int>(t) - 1)
                         : static_cast<Real>(t < s.size() ? s[t] : 0.0);
    return out;
  };
  threshold_ = coefficients("thresholds");
  reset_ = coefficients("resets");
  weight_ = coefficients("spike_weights");
  inputWeight_ = p.sequence("input_weights").empty() ? weight_ : coefficients("input_weights");
  gain_.resize(static_cast<size_t>(size()));
  offset_.resize(static_cast<size_t>(size()));
  for (int64_t i = 0; i < size(); ++i) {
    gain_[static_cast<size_t>(i)] = static_cast<Real>(dt / p.at("cm", i));
    offset_[static_cast<size_t>(i)] =
        static_cast<Real>(p.at("i_offset", i)) * gain_[static_cast<size_t>(i)];
  }
}

void FewSpikeNeuron::update(int64_t step, int64_t begin, int64_t end,
                            std::vector<int32_t>& spikes) {
  const auto phase = static_cast<size_t>(step % k_);
  const Real dIn = inputWeight_[(phase + static_cast<size_t>(k_) - 1) % static_cast<size_t>(k_)];
  const Real threshold = threshold_[phase], reset = reset_[phase];
  // Constant currents count once per window, at its second step (phase 1; with k = 1 every
  // step is a window): exact, where adding 1/k of them every step would round.
  const bool constantPhase = phase == static_cast<size_t>(1 % k_);
  const Real* ext = hasExternalInput() ? externalCurrent() : nullptr;
  Real* __restrict v = v_.data();
  Real* __restrict a = a_.data();
  Real* __restrict ie = iExc_.data();
  Real* __restrict ii = iInh_.data();
  SpikeFlag* __restrict spiked = spiked_.data();
  for (int64_t i = begin; i < end; ++i) {
    const Real g = gain_[static_cast<size_t>(i)];
    a[i] += g * dIn * (ie[i] + ii[i]);
    if (constantPhase) a[i] += offset_[static_cast<size_t>(i)] + (ext ? g * ext[i] : Real(0));
    ie[i] = ii[i] = 0;  // delta synapses: a spike's weight arrives once
    if (phase == 0) {
      v[i] = a[i];
      a[i] = 0;
    }
    const bool spike = v[i] >= threshold;
    v[i] -= spike ? reset : Real(0);
    spiked[i] = spike;
  }
  collectSpikes(begin, end, spikes);
}

void checkFewSpikeParams(
    const ResolvedParams& p,
    const std::function<void(const std::string&, const std::string&)>& report) {
  if (!p.isUniform("k")) {
    report("params.k", "must be one number for the whole population (its window length)");
    return;
  }
  const auto k = static_cast<size_t>(p.scalar("k"));
  for (const char* name : {"thresholds", "resets", "spike_weights", "input_weights"})
    if (!p.sequence(name).empty() && p.sequence(name).size() != k)
      report(std::string("params.") + name,
             "has " + std::to_string(p.sequence(name).size()) + " values but k is " +
                 std::to_string(k) + " (one per step of the window, or none for the ReLU code)");
}

}  // namespace snn
