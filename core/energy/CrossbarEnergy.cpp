// The "crossbar" substrate: device reads V^2 G t, ADC and DAC conversions, periphery and pulses.
#include "EnergyModel.h"
#include "LearningEnergy.h"

namespace snn {

namespace {

constexpr double kPico = 1e-12;

void add(EnergyLayer& l, const char* kind, double pj) {
  if (pj != 0) l.joules[kind] += pj * kPico;
}

// pJ of one device read: V^2 G t with G in µS and t in s (V^2 x 1e-6 S x s = J; x 1e12 = pJ).
double cellReadPj(double volts, double microSiemens, double seconds) {
  return volts * volts * microSiemens * 1e-6 * seconds * 1e12;
}

uint64_t spikesOf(const OperationCounts& c, const std::string& population) {
  for (const PopulationCounts& p : c.populations)
    if (p.id == population) return p.spikes;
  return 0;
}

}  // namespace

SubstrateEnergy crossbarEnergy(const OperationCounts& c, const EnergyTable& t) {
  SubstrateEnergy s;
  s.name = "crossbar";
  s.title = "analog crossbars with digital neurons";
  s.inferences = c.inferences();
  s.simulatedSeconds = c.simulatedSeconds();
  double cells = 0, adc = 0, dac = 0, pulses = 0, hypothetical = 0;
  const double overhead = t["xbar.periphery"];
  for (const ProjectionCounts& p : c.projections) {
    EnergyLayer layer{p.id, {}};
    double cellPj = 0, adcN = 0, dacN = 0, pulseN = 0, reads = 0;
    if (p.onCrossbar) {  // the crossbar's own counters and devices
      reads = double(p.cellReads());
      cellPj = reads * cellReadPj(p.readVoltage, p.meanConductanceUs, p.readPulseWidth);
      adcN = double(p.device.adcConversions);
      dacN = double(p.device.dacConversions);
      pulseN = double(p.device.programmingPulses.total() + p.device.updatePulses.total());
    } else {  // mapped hypothetically: differential pairs, read in every active step
      ++hypothetical;
      // A driven row reads all its 2 x post devices, whether the connector drew them or not.
      const double rows = p.fromCurrentSource ? double(p.activeSteps) * double(p.preSize)
                                              : double(spikesOf(c, p.pre));
      reads = rows * 2.0 * double(p.postSize);
      cellPj = reads * cellReadPj(t["xbar.v_read"], t["xbar.g_mean"], t["xbar.read_pulse"] * 1e-9);
      adcN = double(p.activeSteps) * 2.0 * double(p.postSize);
      if (p.fromCurrentSource) dacN = double(p.activeSteps) * double(p.preSize);
    }
    const double adcPj = adcN * t["xbar.adc"], dacPj = dacN * t["xbar.dac"];
    add(layer, "cells", cellPj);
    add(layer, "adc", adcPj);
    add(layer, "dac", dacPj);
    add(layer, "periphery", overhead * (cellPj + adcPj + dacPj));
    add(layer, "programming", pulseN * t["xbar.pulse"]);
    add(layer, "learning", learningPicojoules(p, t));
    cells += reads;
    adc += adcN;
    dac += dacN;
    pulses += pulseN;
    if (!layer.joules.empty()) s.layers.push_back(std::move(layer));
  }
  for (const PopulationCounts& p : c.populations) {
    EnergyLayer layer{p.id, {}};
    add(layer, "neuron", double(p.neuronUpdates) * t["cmos.neuron_update"]);
    if (!layer.joules.empty()) s.layers.push_back(std::move(layer));
  }
  s.ops = {{"cell_reads", cells},
           {"adc_conversions", adc},
           {"dac_conversions", dac},
           {"programming_pulses", pulses},
           {"neuron_updates", double(c.totalNeuronUpdates())}};
  s.assumption = "projections on crossbars from their own counters (programming pulses included); ";
  s.assumption += hypothetical > 0
                      ? "the others mapped hypothetically onto one array each with differential "
                        "pairs, read once per step in which a pre neuron spiked, every column "
                        "through an ADC, devices already programmed; "
                      : "";
  s.assumption += "neurons updated in digital CMOS";
  if (c.totalWeightUpdates() > 0) {
    s.ops.emplace_back("weight_updates", double(c.totalWeightUpdates()));
    s.assumption +=
        "; plasticity's traces and arithmetic in digital CMOS (a hypothetical "
        "crossbar's weight writes too: a real one's are its pulses)";
  }
  s.formulas = {{"cells",
                 "device reads x V^2 x G x t (array.v_read, mean read G, array.read_pulse_width; "
                 "hypothetical: xbar.v_read, xbar.g_mean, xbar.read_pulse)"},
                {"adc", "ADC conversions x xbar.adc"},
                {"dac", "DAC conversions x xbar.dac"},
                {"periphery", "xbar.periphery x (cells + adc + dac)"},
                {"programming", "SET and RESET pulses x xbar.pulse"},
                {"neuron", "neuron updates x cmos.neuron_update"}};
  if (c.totalWeightUpdates() > 0) s.formulas["learning"] = learningFormula();
  return s;
}

}  // namespace snn
