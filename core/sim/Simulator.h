#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "ChunkRecorder.h"
#include "CompiledNetwork.h"
#include "DivergenceWatch.h"
#include "SimulationChunk.h"
#include "energy/OperationCounts.h"
#include "model/ParamValue.h"

namespace snn {

// Steps a CompiledNetwork. The step order is Brian2's default schedule and is written out in
// stepOnce(); a chunk of steps runs in one OpenMP parallel region where each worker thread owns
// a fixed range of every population's neurons (block-aligned, see threadBounds), updates them,
// and adds everybody's spikes into its own targets. One barrier per step separates the two.
// Plasticity (step 6) keeps to the same split: presynaptic traces are written by their neuron's
// owner before the barrier, synapses and postsynaptic traces by their target's owner after it
// (PlasticSynapses). The same project and seed give the same spikes and weights whatever the
// number of threads.
//
// Owned and called by one thread at a time (the CLI's main thread, or the GUI's simulation
// worker thread); it is not itself thread-safe.
class Simulator {
 public:
  explicit Simulator(std::unique_ptr<CompiledNetwork> network);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Advances `steps` steps and returns what the monitors recorded on the way. A membrane
  // potential that becomes NaN, infinite or runs beyond its model's bound stops the run after
  // that step: throws SpecError naming the population, the step and the neuron (the state is
  // then garbage until reset()).
  SimulationChunk run(int64_t steps);
  // Back to step 0: initial state drawn again from the same seed, inputs and delays cleared,
  // learned weights back to their initial values.
  void reset();

  // Advances `steps` steps of silence (no source fires: the rest between training samples) in
  // closed form where it can: each population decays exactly (NeuronGroup::decayFreely), traces
  // decay, due weight normalisations happen, and the step counter moves on. A neuron that would
  // reach threshold on the way does not fire, so callers first simulate long enough for the
  // input in flight to settle. Falls back to simulating the steps when a population cannot decay
  // in closed form, a current source drives it, or delayed input may be in flight.
  void skipSilence(int64_t steps);

  // Plasticity on (default) or off, between chunks; weights are then frozen. Switching it back
  // on starts the traces from zero.
  void setPlasticityEnabled(bool enabled);
  bool plasticityEnabled() const { return plasticityEnabled_; }

  int64_t currentStep() const { return step_; }
  double timeMs() const { return static_cast<double>(step_) * net_->dt; }
  const CompiledNetwork& network() const { return *net_; }
  CompiledNetwork& network() { return *net_; }
  // Spikes of each population since the last reset.
  const std::vector<int64_t>& totalSpikes() const { return totalSpikes_; }

  // Changes one parameter of a population between chunks (e.g. a Poisson rate or i_offset).
  // Throws SpecError naming the population and field if the value is not acceptable.
  void setParameter(std::string_view population, std::string_view param, const ParamValue& value);

  // Changes the weight of every synapse of a projection between chunks, without rewiring: a
  // scalar, or a distribution drawn as compiling would. Throws SpecError naming the projection
  // and field if the value is not acceptable or the projection's weights cannot change this way
  // (per-synapse weights, or plastic ones: those need a recompile).
  void setProjectionWeight(std::string_view projection, const ValueSpec& weight);

  // Applies a change of a field that a running network takes live (its schema's effect:
  // project/FieldSchemas.h) between chunks: a population's "params.*", a projection's "weight",
  // a crossbar's live and refold fields (periphery, read noise, wires, tiles, drift time).
  // Throws SpecError naming the object and field when this network cannot take it so (the
  // field is not live, or the compiled projection's weights are per synapse or learned): the
  // caller then compiles the changed project instead.
  void applyLiveChange(ObjectKind kind, std::string_view id, std::string_view field,
                       const ParamValue& value);

  // Starts recording a state variable of some neurons from the next chunk on, without
  // recompiling: the GUI's membrane probes, chosen while a run goes on. Returns the monitor's
  // index in network().monitors (a removed one's slot is reused). Throws SpecError naming the
  // field if the population, the variable or a neuron does not exist.
  int addStateMonitor(const MonitorSpec& spec);
  // Stops recording a monitor added by addStateMonitor; it no longer appears in chunks.
  void removeStateMonitor(int monitor);

  // Records every spike of every population from the next chunk on (on), or only what the
  // spike monitors ask for (off, the default): a trainer's occasional look at one presentation,
  // without recompiling. Recording never changes what the network does.
  void setRecordAllSpikes(bool on) { recorder_.setRecordAll(on); }

  // Exact operation counts since the last reset (SimulatorCounts.cpp): synaptic operations per
  // projection, neuron updates and spikes per population, crossbar reads, conversions and pulses.
  // Counting is on by default and costs about one add per spike and projection; off only for
  // the benchmark that measures that cost (bench/energy_counting.cpp).
  OperationCounts operationCounts() const;
  void setCountingEnabled(bool on) { counting_ = on; }
  bool countingEnabled() const { return counting_; }

 private:
  struct Worker;

  void stepOnce(Worker& w, int64_t step);
  void driveCurrents(Worker& w, int64_t step);
  void updatePopulations(Worker& w, int64_t step);
  void updatePreTraces(Worker& w, int64_t step);
  void propagateSpikes(Worker& w, int64_t step);
  void countCrossbarRows(size_t projection);  // crossbarRows_' synapses, on one thread
  void clearCounts();
  template <bool kCount>
  void propagateProjection(Worker& w, const CompiledProjection& proj, size_t index, int64_t step);
  void stepCrossbars(int64_t step);
  void readCurrentCrossbars(int64_t step);  // one thread: reads, then device-pulse plasticity
  void learnOnCrossbar(CompiledProjection& proj, int64_t step);
  void addCrossbarOutput(Worker& w, const CompiledProjection& proj, int64_t step);
  void applyCrossbarChange(std::string_view id, std::string_view field, const ParamValue& value);
  void deliverDelayed(Worker& w, int64_t step);
  void applyPlasticity(Worker& w, int64_t step);  // SimulatorPlasticity.cpp, with its counts
  void preparePlasticityCounts();
  void countCrossbarLearning(size_t projection, int64_t step);

  void advance(int64_t first, int64_t steps);  // the steps, in the parallel region
  // Shows the samples due at `step` (before the step runs); returns the next step with an event.
  int64_t applyFeeds(int64_t step);

  std::unique_ptr<CompiledNetwork> net_;
  std::vector<Worker> workers_;
  std::vector<bool> receivesCurrent_;  // per population: targeted by a current source
  std::vector<int64_t> totalSpikes_;
  int64_t step_ = 0;
  bool plasticityEnabled_ = true;
  bool hasPlasticity_ = false;
  bool hasCrossbars_ = false;          // spiking projections on crossbars
  bool hasCurrentCrossbars_ = false;   // current sources driving crossbars
  Eigen::VectorXd crossbarInputs_;     // a current source's outputs
  std::vector<int32_t> crossbarRows_;  // the step's spikes of a crossbar's pre population
  ChunkRecorder recorder_;
  DivergenceWatch watch_;
  int64_t lastStep_ = 0;  // the last step of the present advance()
  bool counting_ = true;
  int64_t countedSteps_ = 0;                    // simulated since reset
  int64_t skippedSteps_ = 0;                    // advanced in closed form since reset
  int64_t samplesShown_ = 0;                    // dataset samples presented since reset
  std::vector<std::vector<int64_t>> inDegree_;  // per plastic projection: inputs of each target
};

}  // namespace snn
