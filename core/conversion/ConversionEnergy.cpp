#include "ConversionEnergy.h"

#include "energy/EnergyConstants.h"

namespace snn {

EnergyReport conversionEnergy(const ConvertedSnn& snn, const AnnSpec& ann,
                              const ConversionResult& result, const EnergySpec& energy) {
  OperationCounts counts;
  counts.dt = 1.0;
  counts.samples = result.testSamples;
  counts.steps = int64_t(result.timesteps) * result.testSamples;
  int64_t preSize = snn.input.size();
  std::string pre = "input";
  for (const StageActivity& stage : result.activity) {
    PopulationCounts p;
    p.id = stage.id;
    p.size = stage.neurons;
    p.stateVariables = 1;  // an IF neuron's membrane
    p.spikes = static_cast<uint64_t>(stage.spikes);
    p.neuronUpdates = static_cast<uint64_t>(stage.neurons) * static_cast<uint64_t>(counts.steps);
    counts.populations.push_back(p);
    ProjectionCounts c;
    c.id = stage.id;
    c.pre = pre;
    c.post = stage.id;
    c.preSize = preSize;
    c.postSize = stage.neurons;
    c.synapses = preSize * stage.neurons;
    c.synapticOps = static_cast<uint64_t>(stage.synapticOps);
    c.activeSteps = static_cast<uint64_t>(counts.steps);
    counts.projections.push_back(c);
    pre = stage.id;
    preSize = stage.neurons;
  }
  EnergyTable table;
  table.setAll(energy.constants);
  EnergyReport report = energyFromCounts(counts, table, EnergyOptions{energy.chip});
  useSourceAnn(report, ann, result.testSamples, table);
  return report;
}

}  // namespace snn
