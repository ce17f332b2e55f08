// Simulator::operationCounts and its helpers: the exact operation counts of a run, for energy
// estimates (core/energy). The hot loops only add row lengths; everything else is derived here.
#include <algorithm>

#include "Simulator.h"
#include "SimulatorWorker.h"

namespace snn {

void Simulator::countCrossbarRows(size_t projection) {
  const SynapseMatrix& m = net_->projections[projection].synapses;
  uint64_t ops = 0;
  for (int32_t i : crossbarRows_) ops += static_cast<uint64_t>(m.rowStart[i + 1] - m.rowStart[i]);
  // Runs on whichever thread took the single section; worker 0's slot of this projection is
  // written by nobody else (the CSR path skips crossbar projections).
  workers_[0].synapticOps[projection] += ops;
  if (!crossbarRows_.empty()) ++workers_[0].activeSteps[projection];
}

void Simulator::clearCounts() {
  for (Worker& w : workers_) {
    std::fill(w.synapticOps.begin(), w.synapticOps.end(), 0);
    std::fill(w.activeSteps.begin(), w.activeSteps.end(), 0);
    std::fill(w.plasticity.begin(), w.plasticity.end(), PlasticityCounts{});
  }
  countedSteps_ = 0;
  skippedSteps_ = 0;
  samplesShown_ = 0;
}

namespace {

void describeCrossbar(const CrossbarSynapses& carrier, ProjectionCounts& out) {
  const CrossbarArray& array = carrier.array();
  out.onCrossbar = true;
  out.crossbar = array.spec().id;
  out.device = array.counters();
  out.columns = array.cols();
  out.readVoltage = array.spec().array.vRead;
  out.readPulseWidth = array.spec().array.readPulseWidth;
  out.meanConductanceUs = array.readConductances().size() > 0 ? array.readConductances().mean() : 0;
}

}  // namespace

OperationCounts Simulator::operationCounts() const {
  OperationCounts c;
  c.dt = net_->dt;
  c.steps = countedSteps_;
  c.skippedSteps = skippedSteps_;
  c.samples = samplesShown_;
  for (size_t p = 0; p < net_->populations.size(); ++p) {
    const CompiledPopulation& pop = net_->populations[p];
    PopulationCounts pc;
    pc.id = pop.id;
    pc.size = pop.group->size();
    pc.integrates = pop.group->role() == ModelRole::Neuron;
    pc.stateVariables = static_cast<int>(pop.group->info().stateVars.size());
    pc.spikes = static_cast<uint64_t>(totalSpikes_[p]);
    pc.neuronUpdates = pc.integrates ? static_cast<uint64_t>(pc.size * countedSteps_) : 0;
    c.populations.push_back(std::move(pc));
  }
  for (size_t p = 0; p < net_->projections.size(); ++p) {
    const CompiledProjection& proj = net_->projections[p];
    ProjectionCounts pc;
    pc.id = proj.id;
    pc.pre = net_->populations[static_cast<size_t>(proj.pre)].id;
    pc.post = net_->populations[static_cast<size_t>(proj.post)].id;
    pc.preSize = proj.synapses.preSize;
    pc.postSize = proj.synapses.postSize;
    pc.synapses = proj.synapses.synapseCount();
    pc.fromCurrentSource = proj.fromCurrentSource;
    pc.bytesPerSynapse = 8 + (proj.synapses.delay.empty() ? 0 : 2);
    for (const Worker& w : workers_) {
      pc.synapticOps += w.synapticOps[p];
      pc.activeSteps += w.activeSteps[p];
      pc.plasticity.depressions += w.plasticity[p].depressions;
      pc.plasticity.potentiations += w.plasticity[p].potentiations;
      pc.plasticity.traceUpdates += w.plasticity[p].traceUpdates;
      pc.plasticity.normalizations += w.plasticity[p].normalizations;
    }
    pc.plastic = proj.plasticity != nullptr;
    if (proj.crossbar) describeCrossbar(*proj.crossbar, pc);
    c.projections.push_back(std::move(pc));
  }
  return c;
}

}  // namespace snn
