#include "EnergyJson.h"

namespace snn {

nlohmann::ordered_json substrateJson(const SubstrateEnergy& s) {
  nlohmann::ordered_json j;
  j["title"] = s.title;
  if (!s.chip.empty()) j["chip"] = s.chip;
  j["assumption"] = s.assumption;
  j["total_j"] = s.total();
  j["per_inference_j"] = s.perInference();
  j["per_second_w"] = s.perSimulatedSecond();
  j["inferences"] = s.inferences;
  if (s.accuracy)
    j["accuracy"] = *s.accuracy;
  else if (!s.accuracyNote.empty())
    j["accuracy"] = nullptr;
  if (!s.accuracyNote.empty()) j["accuracy_note"] = s.accuracyNote;
  nlohmann::ordered_json ops = nlohmann::ordered_json::object();
  for (const auto& [name, n] : s.ops) ops[name] = n;
  j["ops"] = std::move(ops);
  nlohmann::ordered_json parts = nlohmann::ordered_json::object();
  for (const std::string& kind : energyKinds())
    if (const double v = s.kindTotal(kind); v != 0) parts[kind] = v;
  j["parts"] = std::move(parts);
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  for (const EnergyLayer& l : s.layers) {
    nlohmann::ordered_json lj;
    lj["id"] = l.id;
    lj["total_j"] = l.total();
    for (const std::string& kind : energyKinds())
      if (auto it = l.joules.find(kind); it != l.joules.end()) lj[kind + "_j"] = it->second;
    layers.push_back(std::move(lj));
  }
  j["layers"] = std::move(layers);
  nlohmann::ordered_json formulas = nlohmann::ordered_json::object();
  for (const auto& [kind, text] : s.formulas) formulas[kind] = text;
  j["formulas"] = std::move(formulas);
  return j;
}

nlohmann::ordered_json energyConstantsJson(const std::vector<EnergyConstant>& constants) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const EnergyConstant& c : constants)
    out.push_back({{"key", c.key},
                   {"value", c.value},
                   {"unit", c.unit},
                   {"meaning", c.meaning},
                   {"source", c.source},
                   {"assumption", c.assumption},
                   {"overridden", c.overridden}});
  return out;
}

nlohmann::ordered_json operationCountsJson(const OperationCounts& c) {
  nlohmann::ordered_json out;
  out["steps"] = c.steps;
  out["dt_ms"] = c.dt;
  out["simulated_s"] = c.simulatedSeconds();
  out["samples"] = c.samples;
  out["synaptic_ops"] = c.totalSynapticOps();
  out["spikes"] = c.totalSpikes();
  out["neuron_updates"] = c.totalNeuronUpdates();
  nlohmann::ordered_json pops = nlohmann::ordered_json::object();
  for (const PopulationCounts& p : c.populations)
    pops[p.id] = {{"size", p.size},
                  {"spikes", p.spikes},
                  {"neuron_updates", p.neuronUpdates},
                  {"state_bytes_read", p.stateBytesRead()},
                  {"state_bytes_written", p.stateBytesWritten()}};
  out["populations"] = std::move(pops);
  nlohmann::ordered_json projs = nlohmann::ordered_json::object();
  for (const ProjectionCounts& p : c.projections) {
    nlohmann::ordered_json j = {{"synapses", p.synapses},
                                {"synaptic_ops", p.synapticOps},
                                {"active_steps", p.activeSteps},
                                {"weight_bytes_read", p.weightBytesRead()},
                                {"target_bytes_written", p.targetBytesWritten()}};
    if (p.onCrossbar) {
      const CrossbarCounters& d = p.device;
      j["crossbar"] = {{"id", p.crossbar},
                       {"array_reads", d.arrayReads},
                       {"row_activations", d.rowActivations},
                       {"cell_reads", p.cellReads()},
                       {"dac_conversions", d.dacConversions},
                       {"adc_conversions", d.adcConversions},
                       {"programming_pulses", d.programmingPulses.total()},
                       {"update_pulses", d.updatePulses.total()},
                       {"verify_reads", d.verifyReads}};
    }
    if (p.plastic) {
      const PlasticityCounts& l = p.plasticity;
      j["plasticity"] = {{"depressions", l.depressions},
                         {"potentiations", l.potentiations},
                         {"weight_updates", l.weightUpdates()},
                         {"trace_updates", l.traceUpdates},
                         {"normalizations", l.normalizations},
                         {"bytes_read", p.learningBytesRead()},
                         {"bytes_written", p.learningBytesWritten()}};
    }
    projs[p.id] = std::move(j);
  }
  out["projections"] = std::move(projs);
  return out;
}

nlohmann::ordered_json energyReportJson(const EnergyReport& report) {
  nlohmann::ordered_json out;
  nlohmann::ordered_json substrates = nlohmann::ordered_json::object();
  for (const SubstrateEnergy& s : report.substrates) substrates[s.name] = substrateJson(s);
  out["substrates"] = std::move(substrates);
  out["constants"] = energyConstantsJson(report.constants);
  return out;
}

}  // namespace snn
