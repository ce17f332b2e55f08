#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "model/NetworkSpec.h"
#include "model/ParamSchema.h"

namespace snn {

// Trace-based pair STDP (Song, Miller & Abbott, Nat. Neurosci. 3:919, 2000; in trace form,
// Morrison, Diesmann & Gerstner, Biol. Cybern. 98:459, 2008), the rule a projection names as
// {"plasticity": {"rule": "stdp", "params": {...}}}. Each synapse i -> j keeps no state of its
// own; presynaptic neuron i has a trace x_i, postsynaptic neuron j a trace y_j:
//
//   dx/dt = -x/tau_plus,  dy/dt = -y/tau_minus,  each jumps at its neuron's spike
//           (x += 1 for all-to-all interaction, x = 1 for nearest-spike interaction)
//   pre spike:   w -= a_minus (w_max - w_min) y_j f-(w)      (depression)
//   post spike:  w += a_plus  (w_max - w_min) x_i f+(w)      (potentiation)
//   then w is clamped to [w_min, w_max].
//
// With u = (w - w_min)/(w_max - w_min) the weight dependence is (Gütig et al., J. Neurosci.
// 23:3697, 2003; Diehl & Cook, Front. Comput. Neurosci. 9:99, 2015 use the power law):
//   additive:        f+ = 1,                f- = 1
//   multiplicative:  f+ = 1 - u,            f- = u            (soft bounds)
//   power_law:       f+ = (1 - u)^mu_plus,  f- = u^mu_minus   (mu = 0: additive, 1: multiplicative)
// so a_plus and a_minus are fractions of the weight range, whatever the weights' unit. A single
// pair with post - pre = dt > 0 changes w by a_plus R f+ exp(-dt/tau_plus), with dt < 0 by
// -a_minus R f- exp(dt/tau_minus); a pre and a post spike in the same step count as dt = 0+
// (Brian2's order: the pre pathway runs first).
//
// Optional normalisation (Diehl & Cook): every norm_every ms, and once when the network is built,
// each target's incoming weights are scaled so that they sum to norm_total.
class StdpRule {
 public:
  enum class Dependence { Additive, Multiplicative, PowerLaw };
  enum class Interaction { AllToAll, Nearest };

  // The schema: every parameter with its unit, default, range and meaning.
  static const ModelInfo& info();
  // The rule a (validated) plasticity spec describes, for time step dt (ms).
  static StdpRule fromSpec(const PlasticitySpec& spec, double dt);

  double tauPlus = 20.0;   // ms
  double tauMinus = 20.0;  // ms
  double aPlus = 0.01;
  double aMinus = 0.0105;
  double wMin = 0.0;
  double wMax = 1.0;
  double muPlus = 0.0;
  double muMinus = 0.0;
  Dependence dependence = Dependence::Additive;
  Interaction interaction = Interaction::AllToAll;
  double normTotal = 0.0;  // 0: no normalisation
  int64_t normSteps = 0;   // normalisation period in steps (0: none)

  float preDecay = 1.0f;   // exp(-dt/tau_plus)
  float postDecay = 1.0f;  // exp(-dt/tau_minus)

  // A trace at the step its neuron spikes.
  float bump(float trace) const {
    return interaction == Interaction::Nearest ? 1.0f : trace + 1.0f;
  }

  // Depression of synapses [begin, end) of a presynaptic neuron that fired: each reads the trace
  // of its target, postTrace[target[k]].
  void depress(float* weight, const int32_t* target, int64_t begin, int64_t end,
               const float* postTrace) const;
  // The same for a row whose targets are consecutive: weight[k] reads postTrace[k], k < n.
  void depressContiguous(float* weight, const float* postTrace, int64_t n) const;
  // Potentiation of the n synapses synapse[0..n) into a postsynaptic neuron that fired: each reads
  // the trace of its source, preTrace[pre[m]].
  void potentiate(float* weight, const int64_t* synapse, const int32_t* pre, int64_t n,
                  const float* preTrace) const;

  // One weight after one update, for tests and the formulas above: trace x or y, potentiation or
  // depression.
  float updated(float w, float trace, bool potentiation) const;

 private:
  template <Dependence D>
  float potentiated(float w, float x) const;
  template <Dependence D>
  float depressed(float w, float y) const;
  template <Dependence D>
  void depressAll(float* weight, const int32_t* target, int64_t begin, int64_t end,
                  const float* postTrace) const;
  template <Dependence D>
  void depressRow(float* weight, const float* postTrace, int64_t n) const;
  template <Dependence D>
  void potentiateAll(float* weight, const int64_t* synapse, const int32_t* pre, int64_t n,
                     const float* preTrace) const;

  float lo_ = 0.0f, hi_ = 1.0f, range_ = 1.0f, invRange_ = 1.0f;
  float plus_ = 0.01f, minus_ = 0.0105f;  // a_plus R, a_minus R
  float muPlusF_ = 0.0f, muMinusF_ = 0.0f;
};

}  // namespace snn
