#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "Real.h"
#include "ResolvedParams.h"
#include "model/NetworkSpec.h"
#include "model/ParamSchema.h"

namespace snn {

// The runtime state of one population, as structure-of-arrays, stepped as a whole. Every model
// derives from it and provides prepare(dt) (precompute step constants) and update() (one step of
// integrate, threshold and reset for a range of neurons). Owned by a CompiledNetwork and used only
// by the thread that runs its Simulator; during a step, each worker thread touches only its own
// neuron range.
class NeuronGroup {
 public:
  using SpikeFlag = uint16_t;

  // Work is split across threads in whole blocks of this many neurons, and random sources keep
  // one random stream per block, so the spikes do not depend on the number of threads.
  static constexpr int64_t kBlockSize = 256;

  NeuronGroup(const ModelInfo& info, int64_t size, ResolvedParams params);
  virtual ~NeuronGroup() = default;
  NeuronGroup(const NeuronGroup&) = delete;
  NeuronGroup& operator=(const NeuronGroup&) = delete;

  const ModelInfo& info() const { return *info_; }
  ModelRole role() const { return info_->role; }
  int64_t size() const { return size_; }
  const ResolvedParams& params() const { return params_; }

  // Recomputes the constants of one step (propagators, thresholds) from params() for step dt.
  virtual void prepare(double dt) = 0;
  // Puts every state variable at the model's default initial value and clears all inputs.
  virtual void resetState();
  // Random sources derive their streams from the run's seed and their population id.
  virtual void seed(uint64_t runSeed, std::string_view populationId);
  // One step for neurons [begin, end): integrate, threshold, reset. Appends the indices of the
  // neurons that spiked, in increasing order. Sources emit their spikes of this step here.
  virtual void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) = 0;
  // Whether decayFreely() can advance every neuron in closed form: a source that is silent, or
  // neurons whose free dynamics are linear and stay below threshold without input.
  virtual bool canDecayFreely() const { return false; }
  // Advances `steps` steps with no input and no spike, in closed form (Simulator::skipSilence,
  // the rest between training samples). Only called when canDecayFreely() is true.
  virtual void decayFreely(int64_t /*steps*/) {}
  // Current sources: the current (nA) neuron `neuron` puts out during `step`. Safe to call from
  // several threads at once.
  virtual Real outputCurrent(int64_t neuron, int64_t step) const;
  // Firing rate (Hz) of neuron `neuron` under a constant input current (nA), without synaptic
  // input: the model's f-I curve, which ANN-to-SNN conversion relies on. NaN where the model has
  // no closed form.
  virtual double steadyStateRate(int64_t neuron, double current) const;

  // The largest |v| (mV) this model's integration reaches when it works; beyond it (or at NaN or
  // infinity) a run has diverged and the simulator stops it. Infinity: only non-finite values.
  virtual double divergenceBound() const;
  // The first neuron in [begin, end) whose membrane potential v is not finite or beyond
  // divergenceBound(), or -1 (also for models without v). One vectorised pass over v.
  int64_t firstDiverged(int64_t begin, int64_t end) const;

  // Replaces one parameter (already validated) and recomputes the step constants.
  void setParameter(const ParamInfo& info, const ParamValue& value, std::mt19937_64& rng);

  // Named state variables (the schema's stateVars), size() elements each.
  bool hasState(std::string_view var) const { return state_.count(var) != 0; }
  std::span<Real> state(std::string_view var);
  std::span<const Real> state(std::string_view var) const;
  void setState(std::string_view var, std::span<const double> values);

  // Where projections add their weights: the excitatory or inhibitory synaptic current (nA).
  // Null for sources.
  Real* synapticCurrent(Receptor r) { return r == Receptor::Excitatory ? iExcData_ : iInhData_; }
  // A current (nA) held over the present step, written by current-source projections before the
  // update and read by it. Null for sources.
  Real* externalCurrent() { return iExt_.empty() ? nullptr : iExt_.data(); }
  // Whether a current source drives this population (set by the simulator); when not, the
  // external current stays 0 and models may skip reading it.
  bool hasExternalInput() const { return hasExternalInput_; }
  void setHasExternalInput(bool driven) { hasExternalInput_ = driven; }
  double dt() const { return dt_; }

 protected:
  // Registers a state variable; called from constructors (the map keeps references stable).
  std::vector<Real>& addState(const std::string& name, Real initial = 0.0f);
  // A registered state variable's storage (i_exc and i_inh are registered by this class).
  std::vector<Real>& stateVector(std::string_view name);
  // Appends to `spikes` the indices in [begin, end) whose spiked_ flag is set.
  void collectSpikes(int64_t begin, int64_t end, std::vector<int32_t>& spikes) const;
  // Zeroes the synaptic and external currents (part of resetState).
  void clearInputs();

  double dt_ = 0.1;
  // 1 where the neuron spiked in the present step. 16 bits rather than 8: with double state a
  // byte flag makes the vectoriser take 64 neurons per iteration, eight registers per array,
  // and spill (CUBA's update was 1.5x slower).
  std::vector<SpikeFlag> spiked_;

 private:
  const ModelInfo* info_;
  int64_t size_;
  ResolvedParams params_;
  std::map<std::string, std::vector<Real>, std::less<>> state_;
  std::vector<Real> iExt_;
  bool hasExternalInput_ = true;
  Real* iExcData_ = nullptr;  // storage of the "i_exc" and "i_inh" state, looked up once
  Real* iInhData_ = nullptr;
  const std::vector<Real>* v_ = nullptr;  // the "v" state, when the model has one
};

}  // namespace snn
