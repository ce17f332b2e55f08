#include "OperationCounts.h"

namespace snn {

uint64_t OperationCounts::totalSynapticOps() const {
  uint64_t n = 0;
  for (const ProjectionCounts& p : projections) n += p.synapticOps;
  return n;
}

uint64_t OperationCounts::totalSpikes() const {
  uint64_t n = 0;
  for (const PopulationCounts& p : populations) n += p.spikes;
  return n;
}

uint64_t OperationCounts::totalNeuronUpdates() const {
  uint64_t n = 0;
  for (const PopulationCounts& p : populations) n += p.neuronUpdates;
  return n;
}

uint64_t OperationCounts::totalWeightUpdates() const {
  uint64_t n = 0;
  for (const ProjectionCounts& p : projections) n += p.plasticity.weightUpdates();
  return n;
}

namespace {

PulseCounts minus(const PulseCounts& a, const PulseCounts& b) {
  return {a.set - b.set, a.reset - b.reset};
}

}  // namespace

OperationCounts countsBetween(const OperationCounts& later, const OperationCounts& earlier) {
  const bool sameRun = later.populations.size() == earlier.populations.size() &&
                       later.projections.size() == earlier.projections.size() &&
                       later.steps >= earlier.steps && later.skippedSteps >= earlier.skippedSteps;
  if (!sameRun) return later;
  OperationCounts d = later;
  d.steps -= earlier.steps;
  d.skippedSteps -= earlier.skippedSteps;
  d.samples -= earlier.samples;
  for (size_t i = 0; i < d.populations.size(); ++i) {
    d.populations[i].spikes -= earlier.populations[i].spikes;
    d.populations[i].neuronUpdates -= earlier.populations[i].neuronUpdates;
  }
  for (size_t i = 0; i < d.projections.size(); ++i) {
    ProjectionCounts& p = d.projections[i];
    const ProjectionCounts& e = earlier.projections[i];
    p.synapticOps -= e.synapticOps;
    p.activeSteps -= e.activeSteps;
    p.plasticity -= e.plasticity;
    p.device.programmingPulses = minus(p.device.programmingPulses, e.device.programmingPulses);
    p.device.updatePulses = minus(p.device.updatePulses, e.device.updatePulses);
    p.device.verifyReads -= e.device.verifyReads;
    p.device.arrayReads -= e.device.arrayReads;
    p.device.rowActivations -= e.device.rowActivations;
    p.device.dacConversions -= e.device.dacConversions;
    p.device.adcConversions -= e.device.adcConversions;
  }
  return d;
}

}  // namespace snn
