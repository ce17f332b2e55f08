#include "ConversionEnergy.h"

#include "energy/EnergyConstants.h"

namespace snn {

OperationCounts conversionCounts(const ConvertedSnn& snn, const ConversionResult& result) {
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
  return counts;
}

void applyConversionAccuracies(EnergyReport& report, double annAccuracy, double snnAccuracy) {
  for (SubstrateEnergy& s : report.substrates) {
    if (s.name.rfind("ann_", 0) == 0) {
      s.accuracy = annAccuracy;
      s.accuracyNote = "the source ANN (fp32; the int8 bar shows the same figure)";
    } else if (s.name == "crossbar") {
      s.accuracy.reset();
      s.accuracyNote =
          "the converted network is not mapped onto crossbars: the crossbar bar is "
          "a hypothetical mapping, its accuracy unmeasured";
    } else {
      s.accuracy = snnAccuracy;
      s.accuracyNote = "the converted SNN at this T (ideal synapses)";
    }
  }
}

EnergyReport conversionEnergy(const ConvertedSnn& snn, const AnnSpec& ann,
                              const ConversionResult& result, const EnergySpec& energy) {
  const OperationCounts counts = conversionCounts(snn, result);
  EnergyTable table;
  table.setAll(energy.constants);
  EnergyReport report = energyFromCounts(counts, table, EnergyOptions{energy.chip});
  useSourceAnn(report, ann, result.testSamples, table);
  applyConversionAccuracies(report, result.annAccuracy, result.snnAccuracy);
  return report;
}

}  // namespace snn
