#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crossbar/CrossbarCounters.h"

namespace snn {

// What one population did in a run, counted exactly by the simulator.
struct PopulationCounts {
  std::string id;
  int64_t size = 0;
  bool integrates = true;      // a neuron model (sources emit spikes or currents, take no input)
  int stateVariables = 0;      // per neuron, each a Real (8 bytes)
  uint64_t spikes = 0;         // emitted
  uint64_t neuronUpdates = 0;  // neuron state updates: size x simulated steps (neuron models)

  // Every update reads and writes each state variable once.
  uint64_t stateBytesRead() const { return neuronUpdates * uint64_t(stateVariables) * 8; }
  uint64_t stateBytesWritten() const { return stateBytesRead(); }
};

// What a projection's plasticity rule did in a run (pair STDP, core/plasticity; on a crossbar,
// PulseStdpSynapses, whose device pulses are counted in ProjectionCounts::device.updatePulses).
// Counted by the simulator where it calls the rule (SimulatorPlasticity.cpp), so that all-to-all
// with P pre and Q post spikes over T steps gives exactly: depressions = P x post size,
// potentiations = Q x pre size, trace updates = T x (pre size + post size) + P + Q.
struct PlasticityCounts {
  uint64_t depressions = 0;     // synapse updates on presynaptic spikes (its row)
  uint64_t potentiations = 0;   // synapse updates on postsynaptic spikes (its inputs)
  uint64_t traceUpdates = 0;    // pre and post traces decayed each step, bumped on each spike
  uint64_t normalizations = 0;  // passes of Diehl & Cook's normalisation over every synapse

  uint64_t weightUpdates() const { return depressions + potentiations; }
  PlasticityCounts& operator-=(const PlasticityCounts& o) {
    depressions -= o.depressions;
    potentiations -= o.potentiations;
    traceUpdates -= o.traceUpdates;
    normalizations -= o.normalizations;
    return *this;
  }
};

// What one projection did in a run.
struct ProjectionCounts {
  std::string id;
  std::string pre, post;  // population ids
  int64_t preSize = 0, postSize = 0;
  int64_t synapses = 0;
  bool fromCurrentSource = false;  // ops are then multiply-accumulates of a current, not adds
  // One per delivered spike per synapse (the row length of each spiking pre neuron in the CSR
  // matrix); for a current source, one per synapse of each source neuron with a non-zero current
  // in a step.
  uint64_t synapticOps = 0;
  // Steps in which at least one pre neuron spiked (or drove a non-zero current): the steps in
  // which a crossbar carrying this projection would be read.
  uint64_t activeSteps = 0;
  // Bytes read per synaptic op: the weight (float), the target index (int32) and, when delays
  // differ, the delay (uint16). Each op also reads and writes the target's current (a Real).
  int bytesPerSynapse = 8;

  uint64_t weightBytesRead() const { return synapticOps * uint64_t(bytesPerSynapse); }
  uint64_t targetBytesWritten() const { return synapticOps * 8; }

  // Plasticity (a rule on the projection). Bytes as StdpSynapses touches them: a depression
  // reads the weight (float), its target index (int32) and the target's post trace (float) and
  // writes the weight; a potentiation reads the weight, the synapse index (int64), its source
  // (int32) and the source's pre trace, and writes the weight; a trace update reads and writes
  // one float; a normalisation reads every weight twice (sum, then scale) with its target index
  // and writes it once. On a crossbar the weight writes are the devices' pulses instead.
  bool plastic = false;
  PlasticityCounts plasticity;
  uint64_t learningBytesRead() const {
    const auto& l = plasticity;
    return l.depressions * 12 + l.potentiations * 20 + l.traceUpdates * 4 +
           l.normalizations * uint64_t(synapses) * 12;
  }
  uint64_t learningBytesWritten() const {
    const auto& l = plasticity;
    return (onCrossbar ? 0 : l.weightUpdates() * 4 + l.normalizations * uint64_t(synapses) * 4) +
           l.traceUpdates * 4;
  }

  // Set when a crossbar carries the projection (counters since the network was compiled or
  // reset, including the programming that made it).
  bool onCrossbar = false;
  std::string crossbar;            // its id
  CrossbarCounters device;         // array reads, row activations, DAC / ADC conversions, pulses
  int64_t columns = 0;             // physical columns: a driven row reads this many devices
  double readVoltage = 0.2;        // V
  double readPulseWidth = 10e-9;   // s
  double meanConductanceUs = 0.0;  // µS, mean read conductance of its devices
  uint64_t cellReads() const { return device.rowActivations * uint64_t(columns); }
};

// Exact operation counts of one run (since the simulator was built or reset).
struct OperationCounts {
  double dt = 0.1;           // ms
  int64_t steps = 0;         // steps simulated (steps skipped in closed form are not counted)
  int64_t skippedSteps = 0;  // steps of silence advanced in closed form (Simulator::skipSilence)
  int64_t samples = 0;       // dataset samples presented (0: the run was not fed a dataset)
  std::vector<PopulationCounts> populations;
  std::vector<ProjectionCounts> projections;

  double simulatedSeconds() const { return double(steps + skippedSteps) * dt / 1000.0; }
  // The run's inferences: samples presented, or 1 for a run without a dataset.
  int64_t inferences() const { return samples > 0 ? samples : 1; }
  uint64_t totalSynapticOps() const;
  uint64_t totalSpikes() const;
  uint64_t totalNeuronUpdates() const;
  uint64_t totalWeightUpdates() const;  // by plasticity rules
};

// What happened between two counts of the same simulator (`earlier` taken before `later`):
// every count subtracted, descriptions kept from `later`. When the simulator was reset in
// between (later has fewer steps, or a different network), `later` itself.
OperationCounts countsBetween(const OperationCounts& later, const OperationCounts& earlier);

}  // namespace snn
