#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "PlasticityRule.h"
#include "StdpRule.h"

namespace snn {

// Pair STDP (StdpRule) on the floating-point weights of one projection, in the simulator's
// ownership model (PlasticityRule):
//  - the presynaptic trace of neuron i is written only by the worker that owns i, in phase A
//    (updatePreTraces), into the buffer of the step's parity; every worker reads it after the
//    barrier, while a faster worker may already write the next step's buffer;
//  - a synapse, and the postsynaptic trace of its target, are written only by the worker that
//    owns the target, in phase B (decayPostTraces, onPreSpike, onPostSpike, normalize); a post
//    spike finds the synapses into its neuron through an index of each target's inputs.
// Updates reach a synapse in a fixed order (pre spikes in neuron order, then post spikes), so
// floating-point results do not depend on the split. Nothing here allocates after construction.
class StdpSynapses : public PlasticityRule {
 public:
  StdpSynapses(const StdpRule& rule, const SynapseMatrix& synapses);

  const StdpRule& rule() const { return rule_; }

  // Phase A, owner of presynaptic neurons [begin, end): decay their traces one step into the
  // buffer of `step`, and bump those that spiked (`spikes`, sorted, all within the range).
  void updatePreTraces(int64_t step, int64_t begin, int64_t end,
                       std::span<const int32_t> spikes) override;
  // Phase B, owner of targets [begin, end).
  void decayPostTraces(int64_t begin, int64_t end) override;
  // Depression of the synapses of presynaptic neuron `pre` into targets of part `part`.
  void onPreSpike(SynapseMatrix& m, int part, int32_t pre) const override;
  // Potentiation of every synapse into `post`, which spiked at `step`; then its trace jumps.
  void onPostSpike(SynapseMatrix& m, int64_t step, int32_t post) override;
  // Whether the incoming weights are normalised at the end of `step`.
  bool normalizesAfter(int64_t step) const override {
    return rule_.normSteps > 0 && (step + 1) % rule_.normSteps == 0;
  }
  // Scales the incoming weights of targets [begin, end) (those of part `part`) to sum to
  // norm_total; targets whose inputs sum to 0 are left alone.
  void normalize(SynapseMatrix& m, int part, int64_t begin, int64_t end) override;
  // Weights start normalised when the rule normalises.
  void prepare(SynapseMatrix& m) override { normalizeAll(m); }
  void skipSilence(SynapseMatrix& m, int64_t nextStep, int64_t steps) override;
  void clearTraces() override;

  // All targets at once (single-threaded).
  void normalizeAll(SynapseMatrix& m);
  // Steps nextStep .. nextStep + steps - 1 without spikes: every trace decays in closed form.
  void decayTraces(int64_t nextStep, int64_t steps);

 protected:  // a rule carried out on devices (PulseStdpSynapses) shares the traces and index
  StdpRule rule_;
  std::array<std::vector<float>, 2> preTrace_;  // by step parity
  std::vector<float> postTrace_;
  // Inputs of each target: synapses inSynapse_[inStart_[j] .. inStart_[j + 1]) with sources
  // inPre_[...], in increasing source order.
  std::vector<int64_t> inStart_;
  std::vector<int64_t> inSynapse_;
  std::vector<int32_t> inPre_;
  std::vector<double> normSum_;  // per target; each worker touches only its own targets
};

}  // namespace snn
