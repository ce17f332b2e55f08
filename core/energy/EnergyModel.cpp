#include "EnergyModel.h"

#include <stdexcept>

#include "LearningEnergy.h"

namespace snn {

namespace {

constexpr double kPico = 1e-12;

double sramPerByte(const EnergyTable& t) {
  return t["cmos.sram_64bit"] / 8.0;
}

EnergyLayer& layerOf(SubstrateEnergy& s, const std::string& id) {
  for (EnergyLayer& l : s.layers)
    if (l.id == id) return l;
  s.layers.push_back({id, {}});
  return s.layers.back();
}

void add(SubstrateEnergy& s, const std::string& id, const std::string& kind, double pj) {
  if (pj != 0) layerOf(s, id).joules[kind] += pj * kPico;
}

SubstrateEnergy base(const OperationCounts& c, std::string name, std::string title) {
  SubstrateEnergy s;
  s.name = std::move(name);
  s.title = std::move(title);
  s.inferences = c.inferences();
  s.simulatedSeconds = c.simulatedSeconds();
  return s;
}

SubstrateEnergy equivalentAnn(const OperationCounts& c, const EnergyTable& t, bool int8) {
  SubstrateEnergy s =
      base(c, int8 ? "ann_int8" : "ann_fp32",
           std::string("ANN with the same connections, 45 nm CMOS, ") + (int8 ? "int8" : "fp32"));
  const auto evaluations = double(c.samples > 0 ? c.samples : c.steps);
  s.assumption = c.samples > 0 ? "every synapse is one MAC per presented sample"
                               : "no dataset: every synapse is one MAC per time step";
  s.assumption += "; each MAC reads its weight from SRAM; activations are one add per neuron";
  const double mac = int8 ? t["cmos.int8_mac"] : t["cmos.fp32_mac"];
  const double act = int8 ? t["cmos.int8_add"] : t["cmos.fp32_add"];
  const double bytes = int8 ? 1 : 4;
  const std::string macKey = int8 ? "cmos.int8_mac" : "cmos.fp32_mac";
  double macs = 0;
  for (const ProjectionCounts& p : c.projections) {
    const double n = double(p.synapses) * evaluations;
    macs += n;
    add(s, p.id, "compute", n * mac);
    add(s, p.id, "memory", n * bytes * sramPerByte(t));
  }
  for (const PopulationCounts& p : c.populations)
    if (p.integrates) add(s, p.id, "neuron", double(p.size) * evaluations * act);
  s.ops = {{"macs", macs}, {"evaluations", evaluations}, {"weight_bytes", macs * bytes}};
  s.formulas = {{"compute", "synapses x evaluations x " + macKey},
                {"memory", "MACs x " + std::to_string(int(bytes)) + " bytes x cmos.sram_64bit / 8"},
                {"neuron", "neurons x evaluations x " +
                               std::string(int8 ? "cmos.int8_add" : "cmos.fp32_add")}};
  return s;
}

// The memory side of a digital SNN: weights and targets per synaptic op, state per update.
void addSnnMemory(SubstrateEnergy& s, const OperationCounts& c, const EnergyTable& t) {
  for (const ProjectionCounts& p : c.projections)
    add(s, p.id, "memory",
        double(p.weightBytesRead() + 2 * p.targetBytesWritten()) * sramPerByte(t));
  for (const PopulationCounts& p : c.populations)
    add(s, p.id, "memory", double(p.stateBytesRead() + p.stateBytesWritten()) * sramPerByte(t));
}

// Plasticity on a digital substrate (a chip's learning engine has no published per-update
// figure in the table: priced as 45 nm CMOS, and the assumption says so).
void addLearning(SubstrateEnergy& s, const OperationCounts& c, const EnergyTable& t) {
  for (const ProjectionCounts& p : c.projections)
    add(s, p.id, "learning", learningPicojoules(p, t));
  if (c.totalWeightUpdates() == 0 && s.kindTotal("learning") == 0) return;
  s.ops.emplace_back("weight_updates", double(c.totalWeightUpdates()));
  s.formulas["learning"] = learningFormula();
}

SubstrateEnergy snnOnCmos(const OperationCounts& c, const EnergyTable& t) {
  SubstrateEnergy s = base(c, "snn_cmos", "SNN on 45 nm CMOS: accumulates instead of MACs");
  s.assumption =
      "one fp32 accumulate (AC) per synaptic operation (a MAC for current inputs), the "
      "SpikingJelly / snnTorch convention; one MAC per neuron update; weights, targets and "
      "state from SRAM";
  for (const ProjectionCounts& p : c.projections)
    add(s, p.id, "compute",
        double(p.synapticOps) * (p.fromCurrentSource ? t["cmos.fp32_mac"] : t["cmos.fp32_add"]));
  for (const PopulationCounts& p : c.populations)
    add(s, p.id, "neuron", double(p.neuronUpdates) * t["cmos.neuron_update"]);
  addSnnMemory(s, c, t);
  s.ops = {{"synaptic_ops", double(c.totalSynapticOps())},
           {"neuron_updates", double(c.totalNeuronUpdates())},
           {"spikes", double(c.totalSpikes())}};
  s.formulas = {
      {"compute", "synaptic ops x cmos.fp32_add (current inputs: x cmos.fp32_mac)"},
      {"neuron", "neuron updates x cmos.neuron_update"},
      {"memory", "(weight + index bytes + 16 per op, state bytes) x cmos.sram_64bit / 8"}};
  addLearning(s, c, t);
  return s;
}

SubstrateEnergy snnOnChip(const OperationCounts& c, const EnergyTable& t,
                          const NeuromorphicChip& chip) {
  SubstrateEnergy s = base(c, "snn_chip", "SNN on " + chip.name);
  s.chip = chip.key;
  s.assumption = chip.name + "'s published figure per synaptic operation (" + chip.basis + ")";
  s.assumption += chip.neuronUpdate.empty() && chip.neuronMs.empty()
                      ? "; neuron updates included in it"
                      : "; neuron updates priced separately";
  for (const ProjectionCounts& p : c.projections)
    add(s, p.id, "compute", double(p.synapticOps) * t[chip.synop]);
  for (const PopulationCounts& p : c.populations) {
    double pj = 0;
    if (!chip.neuronUpdate.empty()) pj += double(p.neuronUpdates) * t[chip.neuronUpdate];
    if (!chip.spike.empty()) pj += double(p.spikes) * t[chip.spike];
    if (!chip.neuronMs.empty()) pj += double(p.neuronUpdates) * c.dt * t[chip.neuronMs];
    add(s, p.id, "neuron", pj);
  }
  s.ops = {{"synaptic_ops", double(c.totalSynapticOps())},
           {"neuron_updates", double(c.totalNeuronUpdates())},
           {"spikes", double(c.totalSpikes())}};
  s.formulas["compute"] = "synaptic ops x " + chip.synop;
  std::string neuron;
  if (!chip.neuronUpdate.empty()) neuron += "neuron updates x " + chip.neuronUpdate;
  if (!chip.spike.empty()) neuron += " + spikes x " + chip.spike;
  if (!chip.neuronMs.empty()) neuron += "neuron updates x dt (ms) x " + chip.neuronMs;
  if (!neuron.empty()) s.formulas["neuron"] = neuron;
  addLearning(s, c, t);
  if (s.formulas.count("learning")) s.assumption += "; plasticity priced as 45 nm CMOS";
  return s;
}

}  // namespace

EnergyReport energyFromCounts(const OperationCounts& counts, const EnergyTable& table,
                              const EnergyOptions& options) {
  const NeuromorphicChip* chip = findChip(options.chip);
  if (!chip)
    throw std::invalid_argument("unknown chip '" + options.chip + "' (known: " + chipKeys() + ")");
  EnergyReport r;
  r.substrates.push_back(equivalentAnn(counts, table, false));
  r.substrates.push_back(equivalentAnn(counts, table, true));
  r.substrates.push_back(snnOnCmos(counts, table));
  r.substrates.push_back(snnOnChip(counts, table, *chip));
  r.substrates.push_back(crossbarEnergy(counts, table));
  r.constants = table.constants();
  return r;
}

SubstrateEnergy annEnergy(const AnnSpec& spec, int64_t inferences, const EnergyTable& t,
                          bool int8) {
  SubstrateEnergy s;
  s.name = int8 ? "ann_int8" : "ann_fp32";
  s.title = std::string("the ANN on a 45 nm CMOS accelerator, ") + (int8 ? "int8" : "fp32");
  s.assumption = "MACs and adds from the layer formulas; each MAC reads its weight from SRAM";
  s.inferences = inferences;
  const double mac = int8 ? t["cmos.int8_mac"] : t["cmos.fp32_mac"];
  const double addPj = int8 ? t["cmos.int8_add"] : t["cmos.fp32_add"];
  const double bytes = int8 ? 1 : 4;
  double macs = 0, adds = 0;
  for (const AnnLayerOps& l : annOperationCounts(spec)) {
    const auto n = double(inferences);
    macs += double(l.macs) * n;
    adds += double(l.adds) * n;
    EnergyLayer layer{l.id, {}};
    if (l.macs) layer.joules["compute"] = double(l.macs) * n * mac * kPico;
    if (l.adds) layer.joules["compute"] += double(l.adds) * n * addPj * kPico;
    if (l.macs) layer.joules["memory"] = double(l.macs) * n * bytes * sramPerByte(t) * kPico;
    s.layers.push_back(std::move(layer));
  }
  s.ops = {{"macs", macs}, {"adds", adds}};
  s.formulas = {{"compute", std::string("MACs x ") + (int8 ? "cmos.int8_mac" : "cmos.fp32_mac") +
                                " + adds x " + (int8 ? "cmos.int8_add" : "cmos.fp32_add")},
                {"memory", "MACs x weight bytes x cmos.sram_64bit / 8"}};
  return s;
}

void useSourceAnn(EnergyReport& report, const AnnSpec& ann, int64_t inferences,
                  const EnergyTable& table) {
  for (SubstrateEnergy& s : report.substrates) {
    if (s.name != "ann_fp32" && s.name != "ann_int8") continue;
    const double seconds = s.simulatedSeconds;
    s = annEnergy(ann, inferences, table, s.name == "ann_int8");
    s.simulatedSeconds = seconds;
  }
}

}  // namespace snn
