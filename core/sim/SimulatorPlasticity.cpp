// Step 6 of the schedule, plasticity (Simulator::updatePreTraces, applyPlasticity), with its
// operations counted for energy estimates: weight updates (a row segment per presynaptic spike,
// the target's inputs per postsynaptic spike), trace updates and normalisation passes, per
// worker and projection, one add per spike (PlasticityCounts, core/energy/OperationCounts.h).
#include "Simulator.h"
#include "SimulatorWorker.h"

namespace snn {

void Simulator::preparePlasticityCounts() {
  inDegree_.assign(net_->projections.size(), {});
  for (size_t p = 0; p < net_->projections.size(); ++p) {
    const CompiledProjection& proj = net_->projections[p];
    if (!proj.plasticity) continue;
    std::vector<int64_t>& in = inDegree_[p];
    in.assign(static_cast<size_t>(proj.synapses.postSize), 0);
    for (int32_t j : proj.synapses.target) ++in[static_cast<size_t>(j)];
  }
  for (Worker& w : workers_) w.plasticity.assign(net_->projections.size(), {});
}

void Simulator::updatePreTraces(Worker& w, int64_t step) {
  if (!hasPlasticity_ || !plasticityEnabled_) return;
  for (size_t p = 0; p < net_->projections.size(); ++p) {
    CompiledProjection& proj = net_->projections[p];
    if (!proj.plasticity) continue;
    const auto pre = static_cast<size_t>(proj.pre);
    const CompiledPopulation& source = net_->populations[pre];
    const auto& spikes = w.spikes[step & 1][pre];
    const int64_t begin = source.bounds[w.index], end = source.bounds[w.index + 1];
    proj.plasticity->updatePreTraces(step, begin, end, spikes);
    if (counting_)
      w.plasticity[p].traceUpdates += static_cast<uint64_t>(end - begin) + spikes.size();
  }
}

// Brian2's order within the step: the pre pathway (depression, reading the post traces before
// this step's post spikes) runs before the post pathway (potentiation, reading pre traces that
// already hold this step's pre spikes).
void Simulator::applyPlasticity(Worker& w, int64_t step) {
  if (!hasPlasticity_ || !plasticityEnabled_) return;
  for (size_t p = 0; p < net_->projections.size(); ++p) {
    CompiledProjection& proj = net_->projections[p];
    if (!proj.plasticity) continue;
    if (proj.crossbar) {  // crossbars learn in stepCrossbars, on one thread: counted here once
      if (counting_ && w.index == 0 && !proj.fromCurrentSource) countCrossbarLearning(p, step);
      continue;
    }
    PlasticityRule& plastic = *proj.plasticity;
    const CompiledPopulation& post = net_->populations[static_cast<size_t>(proj.post)];
    const int64_t begin = post.bounds[w.index], end = post.bounds[w.index + 1];
    const SynapseMatrix& m = proj.synapses;
    uint64_t depressions = 0, potentiations = 0, postSpikes = 0;
    plastic.decayPostTraces(begin, end);
    for (const Worker& source : workers_)  // worker order = neuron order
      for (int32_t i : source.spikes[step & 1][static_cast<size_t>(proj.pre)]) {
        plastic.onPreSpike(proj.synapses, w.index, i);
        depressions += static_cast<uint64_t>(m.partEnd(i, w.index) - m.partBegin(i, w.index));
      }
    for (int32_t j : w.spikes[step & 1][static_cast<size_t>(proj.post)]) {
      plastic.onPostSpike(proj.synapses, step, j);
      potentiations += static_cast<uint64_t>(inDegree_[p][static_cast<size_t>(j)]);
      ++postSpikes;
    }
    const bool normalizes = plastic.normalizesAfter(step);
    if (normalizes) plastic.normalize(proj.synapses, w.index, begin, end);
    if (!counting_) continue;
    PlasticityCounts& c = w.plasticity[p];
    c.depressions += depressions;
    c.potentiations += potentiations;
    c.traceUpdates += static_cast<uint64_t>(end - begin) + postSpikes;
    if (normalizes && w.index == 0) ++c.normalizations;
  }
}

// What learnOnCrossbar did in `step` (every row that spiked, then every target that spiked, over
// the whole projection): counted by worker 0 after the crossbars' single section.
void Simulator::countCrossbarLearning(size_t p, int64_t step) {
  const CompiledProjection& proj = net_->projections[p];
  const SynapseMatrix& m = proj.synapses;
  PlasticityCounts& c = workers_[0].plasticity[p];
  c.traceUpdates += static_cast<uint64_t>(m.postSize);
  for (const Worker& source : workers_) {
    for (int32_t i : source.spikes[step & 1][static_cast<size_t>(proj.pre)])
      c.depressions += static_cast<uint64_t>(m.rowStart[i + 1] - m.rowStart[i]);
    for (int32_t j : source.spikes[step & 1][static_cast<size_t>(proj.post)]) {
      c.potentiations += static_cast<uint64_t>(inDegree_[p][static_cast<size_t>(j)]);
      ++c.traceUpdates;
    }
  }
  if (proj.plasticity->normalizesAfter(step)) ++c.normalizations;
}

}  // namespace snn
