#include "NetworkFootprint.h"

#include <unistd.h>

#include <algorithm>

namespace snn {

double defaultMemoryBudgetBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long pageSize = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || pageSize <= 0) return 8e9;
  return 0.8 * static_cast<double>(pages) * static_cast<double>(pageSize);
}

NetworkFootprint estimateFootprint(const Project& project) {
  // Per neuron: state, step constants, flags and inputs. Per synapse: target index and weight in
  // the matrix, a delay where delays vary, and the sort buffer while the matrix is built.
  constexpr double kBytesPerNeuron = 96;
  constexpr double kBytesPerSynapse = 24;
  NetworkFootprint f;
  const NetworkSpec& net = project.network;
  const double steps =
      project.experiment.dt > 0 ? project.experiment.duration / project.experiment.dt : 0;
  for (const PopulationSpec& p : net.populations) f.neurons += std::max<int64_t>(p.size, 0);
  for (const ProjectionSpec& proj : net.projections) {
    const PopulationSpec* pre = net.findPopulation(proj.pre);
    const PopulationSpec* post = net.findPopulation(proj.post);
    if (!pre || !post) continue;
    const double np = static_cast<double>(pre->size), nq = static_cast<double>(post->size);
    const ConnectorSpec& c = proj.connector;
    double count = 0;
    switch (c.type) {
      case ConnectorSpec::Type::AllToAll:
        count = np * nq;
        break;
      case ConnectorSpec::Type::OneToOne:
        count = nq;
        break;
      case ConnectorSpec::Type::Random:
        count = c.p * np * nq;
        break;
      case ConnectorSpec::Type::FixedInDegree:
        count = static_cast<double>(c.n) * nq;
        break;
      case ConnectorSpec::Type::FromList:
        count = static_cast<double>(c.list.size());
        break;
    }
    f.synapses += count;
    // A plastic projection also keeps its initial weights and an index of each target's inputs.
    if (proj.plasticity) f.bytes += 16 * count;
    // Delayed spikes wait in a ring of (max delay + 1) current buffers of the target.
    const double maxDelay = proj.delay.kind == ValueSpec::Kind::Normal
                                ? proj.delay.a + 6 * proj.delay.b
                                : proj.delay.highest();
    if (maxDelay > 0 && project.experiment.dt > 0)
      f.bytes += (maxDelay / project.experiment.dt + 2) * nq * 4;
  }
  f.bytes += kBytesPerNeuron * static_cast<double>(f.neurons) + kBytesPerSynapse * f.synapses;
  for (const MonitorSpec& m : net.monitors) {
    const PopulationSpec* target = net.findPopulation(m.target);
    if (!target || m.type != MonitorSpec::Type::State) continue;
    const double traced = m.neurons.empty() ? static_cast<double>(target->size) : m.neurons.size();
    f.bytes += traced * steps / static_cast<double>(std::max<int64_t>(m.every, 1)) * 4;
  }
  return f;
}

}  // namespace snn
