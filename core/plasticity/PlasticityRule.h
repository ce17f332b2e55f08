#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "synapses/SynapseMatrix.h"

namespace snn {

// The learning state of one plastic projection, stepped by the Simulator as step 6 of the
// schedule. A rule (pair STDP on floating-point weights, or a rule carried out as device pulses
// on a crossbar) implements these hooks in the simulator's ownership model, so runs stay
// race-free and bit-identical whatever the thread count:
//  - phase A, before the step's barrier, the worker that owns presynaptic neurons [begin, end)
//    calls updatePreTraces for them;
//  - phase B, after the barrier, the worker that owns targets [begin, end) (part `part` of the
//    synapse matrix) calls decayPostTraces, then onPreSpike for every presynaptic spike of the
//    step in neuron order, then onPostSpike for its own targets that spiked, then normalize when
//    normalizesAfter(step).
// A rule writes only synapses into the targets of the calling worker. Made by the plasticity
// registry (PlasticityRules.h); owned by a CompiledProjection.
class PlasticityRule {
 public:
  virtual ~PlasticityRule() = default;

  virtual void updatePreTraces(int64_t step, int64_t begin, int64_t end,
                               std::span<const int32_t> spikes) = 0;
  virtual void decayPostTraces(int64_t begin, int64_t end) = 0;
  virtual void onPreSpike(SynapseMatrix& m, int part, int32_t pre) const = 0;
  virtual void onPostSpike(SynapseMatrix& m, int64_t step, int32_t post) = 0;
  virtual bool normalizesAfter(int64_t step) const = 0;
  virtual void normalize(SynapseMatrix& m, int part, int64_t begin, int64_t end) = 0;
  // Whatever the rule does once when the network is built (e.g. Diehl & Cook's normalisation
  // of the initial weights); single-threaded.
  virtual void prepare(SynapseMatrix& m) = 0;
  // Steps nextStep .. nextStep + steps - 1 without any spike, in closed form (the rest between
  // training samples): traces decay, due normalisations happen. Single-threaded.
  virtual void skipSilence(SynapseMatrix& m, int64_t nextStep, int64_t steps) = 0;
  // Traces back to zero (a reset, or plasticity switched back on).
  virtual void clearTraces() = 0;

  // The weights a reset restores: those after prepare().
  void keepInitialWeights(const SynapseMatrix& m) { initialWeight_ = m.weight; }
  const std::vector<float>& initialWeights() const { return initialWeight_; }

 private:
  std::vector<float> initialWeight_;
};

}  // namespace snn
