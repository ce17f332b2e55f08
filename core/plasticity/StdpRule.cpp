#include "StdpRule.h"

#include <cmath>
#include <variant>

#include "model/StepCount.h"

namespace snn {

namespace {

// Constants from the literature, with their sources.
namespace literature {
// Song, Miller & Abbott, Nat. Neurosci. 3:919 (2000), as Brian2's STDP example sets them:
// taupre = taupost = 20 ms, dApre = 0.01 gmax, dApost = -1.05 dApre taupre/taupost.
constexpr double kTauPlusMs = 20.0;
constexpr double kTauMinusMs = 20.0;
constexpr double kAPlus = 0.01;
constexpr double kAMinus = 0.0105;
// Diehl & Cook, Front. Comput. Neurosci. 9:99 (2015), Brian code: weight-dependence exponent
// exp_ee_pre = exp_ee_post = 0.2; input weights normalised before every sample, which is shown
// for 350 ms followed by 150 ms of rest.
constexpr double kDiehlCookMu = 0.2;
constexpr double kDiehlCookSampleMs = 350.0 + 150.0;
}  // namespace literature

double number(const PlasticitySpec& spec, const ParamInfo& info) {
  if (auto it = spec.params.find(info.name); it != spec.params.end())
    if (const ValueSpec* v = std::get_if<ValueSpec>(&it->second)) return v->scalar;
  return info.defaultValue;
}

std::string word(const PlasticitySpec& spec, const ParamInfo& info) {
  if (auto it = spec.params.find(info.name); it != spec.params.end())
    if (const std::string* s = std::get_if<std::string>(&it->second)) return *s;
  return info.choices.front();
}

}  // namespace

const ModelInfo& StdpRule::info() {
  static const ModelInfo info = [] {
    namespace lit = literature;
    ModelInfo m;
    m.name = "stdp";
    m.displayName = "Pair STDP (traces)";
    m.meaning =
        "Spike-timing-dependent plasticity: pre before post strengthens, post before pre weakens";
    m.equation =
        "dx/dt = -x/tau_plus (pre trace), dy/dt = -y/tau_minus (post trace)\n"
        "pre spike: w -= a_minus (w_max - w_min) y f-(w);  post spike: w += a_plus (w_max - w_min) "
        "x f+(w)\n"
        "u = (w - w_min)/(w_max - w_min); f+ = 1 | 1-u | (1-u)^mu_plus, f- = 1 | u | u^mu_minus";
    m.reference =
        "Song, Miller & Abbott, Nat. Neurosci. 3:919 (2000); Morrison et al., Biol. Cybern. 98:459 "
        "(2008); Diehl & Cook, Front. Comput. Neurosci. 9:99 (2015)";
    m.defaultSize = 0;
    m.params = {
        {.name = "tau_plus",
         .unit = "ms",
         .defaultValue = lit::kTauPlusMs,
         .min = 0.0,
         .minInclusive = false,
         .meaning = "Decay time constant of the presynaptic trace (potentiation window)"},
        {.name = "tau_minus",
         .unit = "ms",
         .defaultValue = lit::kTauMinusMs,
         .min = 0.0,
         .minInclusive = false,
         .meaning = "Decay time constant of the postsynaptic trace (depression window)"},
        {.name = "a_plus",
         .defaultValue = lit::kAPlus,
         .min = 0.0,
         .meaning =
             "Potentiation of one pre-then-post pair at dt -> 0, as a fraction of w_max - w_min"},
        {.name = "a_minus",
         .defaultValue = lit::kAMinus,
         .min = 0.0,
         .meaning =
             "Depression of one post-then-pre pair at dt -> 0, as a fraction of w_max - w_min"},
        {.name = "w_min", .unit = "nA", .defaultValue = 0.0, .meaning = "Lower weight bound"},
        {.name = "w_max", .unit = "nA", .defaultValue = 1.0, .meaning = "Upper weight bound"},
        {.name = "weight_dependence",
         .kind = ParamKind::Choice,
         .meaning = "How a change scales with the weight: additive (hard bounds), multiplicative "
                    "(soft bounds) or power_law",
         .choices = {"additive", "multiplicative", "power_law"}},
        {.name = "mu_plus",
         .defaultValue = lit::kDiehlCookMu,
         .min = 0.0,
         .meaning = "power_law: exponent of (1 - u) in potentiation (Diehl & Cook: 0.2)"},
        {.name = "mu_minus",
         .defaultValue = lit::kDiehlCookMu,
         .min = 0.0,
         .meaning = "power_law: exponent of u in depression (Diehl & Cook: 0.2)"},
        {.name = "interaction",
         .kind = ParamKind::Choice,
         .meaning = "all_to_all: a spike adds 1 to its trace; nearest: it sets the trace to 1",
         .choices = {"all_to_all", "nearest"}},
        {.name = "norm_total",
         .unit = "nA",
         .defaultValue = 0.0,
         .min = 0.0,
         .meaning = "Sum each target's incoming weights are scaled to (0: no normalisation)"},
        {.name = "norm_every",
         .unit = "ms",
         .defaultValue = lit::kDiehlCookSampleMs,
         .min = 0.0,
         .minInclusive = false,
         .meaning = "Period of the normalisation (Diehl & Cook: every sample, 350 + 150 ms)"},
    };
    return m;
  }();
  return info;
}

StdpRule StdpRule::fromSpec(const PlasticitySpec& spec, double dt) {
  const ModelInfo& m = info();
  auto get = [&](const char* name) { return number(spec, *m.findParam(name)); };
  StdpRule r;
  r.tauPlus = get("tau_plus");
  r.tauMinus = get("tau_minus");
  r.aPlus = get("a_plus");
  r.aMinus = get("a_minus");
  r.wMin = get("w_min");
  r.wMax = get("w_max");
  r.muPlus = get("mu_plus");
  r.muMinus = get("mu_minus");
  const std::string dependence = word(spec, *m.findParam("weight_dependence"));
  r.dependence = dependence == "multiplicative" ? Dependence::Multiplicative
                 : dependence == "power_law"    ? Dependence::PowerLaw
                                                : Dependence::Additive;
  r.interaction = word(spec, *m.findParam("interaction")) == "nearest" ? Interaction::Nearest
                                                                       : Interaction::AllToAll;
  r.normTotal = get("norm_total");
  // Checked: a period beyond any run never comes (no float -> int overflow).
  r.normSteps = r.normTotal > 0.0
                    ? std::max<int64_t>(1, stepsOrNever(get("norm_every"), dt).value_or(kNeverStep))
                    : 0;
  r.preDecay = static_cast<float>(std::exp(-dt / r.tauPlus));
  r.postDecay = static_cast<float>(std::exp(-dt / r.tauMinus));
  const double range = r.wMax - r.wMin;
  r.lo_ = static_cast<float>(r.wMin);
  r.hi_ = static_cast<float>(r.wMax);
  r.range_ = static_cast<float>(range);
  r.invRange_ = static_cast<float>(1.0 / range);
  r.plus_ = static_cast<float>(r.aPlus * range);
  r.minus_ = static_cast<float>(r.aMinus * range);
  r.muPlusF_ = static_cast<float>(r.muPlus);
  r.muMinusF_ = static_cast<float>(r.muMinus);
  return r;
}

template <StdpRule::Dependence D>
float StdpRule::potentiated(float w, float x) const {
  float f = 1.0f;
  if constexpr (D == Dependence::Multiplicative) f = std::max(0.0f, (hi_ - w) * invRange_);
  if constexpr (D == Dependence::PowerLaw)
    f = std::pow(std::max(0.0f, (hi_ - w) * invRange_), muPlusF_);
  return std::clamp(w + plus_ * x * f, lo_, hi_);
}

template <StdpRule::Dependence D>
float StdpRule::depressed(float w, float y) const {
  float f = 1.0f;
  if constexpr (D == Dependence::Multiplicative) f = std::max(0.0f, (w - lo_) * invRange_);
  if constexpr (D == Dependence::PowerLaw)
    f = std::pow(std::max(0.0f, (w - lo_) * invRange_), muMinusF_);
  return std::clamp(w - minus_ * y * f, lo_, hi_);
}

template <StdpRule::Dependence D>
void StdpRule::depressAll(float* __restrict weight, const int32_t* __restrict target, int64_t begin,
                          int64_t end, const float* __restrict postTrace) const {
  for (int64_t k = begin; k < end; ++k) weight[k] = depressed<D>(weight[k], postTrace[target[k]]);
}

template <StdpRule::Dependence D>
void StdpRule::depressRow(float* __restrict weight, const float* __restrict postTrace,
                          int64_t n) const {
  for (int64_t k = 0; k < n; ++k) weight[k] = depressed<D>(weight[k], postTrace[k]);
}

template <StdpRule::Dependence D>
void StdpRule::potentiateAll(float* __restrict weight, const int64_t* __restrict synapse,
                             const int32_t* __restrict pre, int64_t n,
                             const float* __restrict preTrace) const {
  for (int64_t m = 0; m < n; ++m) {
    float& w = weight[synapse[m]];
    w = potentiated<D>(w, preTrace[pre[m]]);
  }
}

void StdpRule::depress(float* weight, const int32_t* target, int64_t begin, int64_t end,
                       const float* postTrace) const {
  switch (dependence) {
    case Dependence::Additive:
      return depressAll<Dependence::Additive>(weight, target, begin, end, postTrace);
    case Dependence::Multiplicative:
      return depressAll<Dependence::Multiplicative>(weight, target, begin, end, postTrace);
    case Dependence::PowerLaw:
      return depressAll<Dependence::PowerLaw>(weight, target, begin, end, postTrace);
  }
}

void StdpRule::depressContiguous(float* weight, const float* postTrace, int64_t n) const {
  switch (dependence) {
    case Dependence::Additive:
      return depressRow<Dependence::Additive>(weight, postTrace, n);
    case Dependence::Multiplicative:
      return depressRow<Dependence::Multiplicative>(weight, postTrace, n);
    case Dependence::PowerLaw:
      return depressRow<Dependence::PowerLaw>(weight, postTrace, n);
  }
}

void StdpRule::potentiate(float* weight, const int64_t* synapse, const int32_t* pre, int64_t n,
                          const float* preTrace) const {
  switch (dependence) {
    case Dependence::Additive:
      return potentiateAll<Dependence::Additive>(weight, synapse, pre, n, preTrace);
    case Dependence::Multiplicative:
      return potentiateAll<Dependence::Multiplicative>(weight, synapse, pre, n, preTrace);
    case Dependence::PowerLaw:
      return potentiateAll<Dependence::PowerLaw>(weight, synapse, pre, n, preTrace);
  }
}

float StdpRule::updated(float w, float trace, bool potentiation) const {
  const int32_t zero = 0;
  const int64_t first = 0;
  if (potentiation)
    potentiate(&w, &first, &zero, 1, &trace);
  else
    depress(&w, &zero, 0, 1, &trace);
  return w;
}

}  // namespace snn
