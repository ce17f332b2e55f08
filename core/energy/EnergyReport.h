#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "EnergyConstants.h"

namespace snn {

// The kinds of energy a substrate spends, in the order a stacked bar shows them.
// compute: MACs / accumulates;  memory: weight and state reads and writes;  neuron: neuron
// updates and spikes;  learning: plasticity's weight and trace updates with their memory;
// cells: crossbar device reads (V^2 G t);  adc, dac: conversions;  periphery: the rest of a
// crossbar tile;  programming: SET / RESET pulses (programming and in-situ learning).
const std::vector<std::string>& energyKinds();

// Energy of one layer (a projection, a population or an ANN layer), joules by kind.
struct EnergyLayer {
  std::string id;
  std::map<std::string, double> joules;  // kind -> J
  double total() const;
};

// One way of running the network: an ANN on a CMOS accelerator, the SNN on a chip, crossbars.
struct SubstrateEnergy {
  std::string name;        // "ann_fp32", "snn_chip", "crossbar"...
  std::string title;       // "ANN on a 45 nm CMOS accelerator, fp32"
  std::string assumption;  // what the figure assumes, in a sentence or two
  std::string chip;        // snn_chip: the chip's key
  int64_t inferences = 1;
  double simulatedSeconds = 0.0;
  std::vector<std::pair<std::string, double>> ops;  // operation name -> count
  std::vector<EnergyLayer> layers;
  std::map<std::string, std::string> formulas;  // kind -> "synaptic ops x chip.loihi.synop"
  std::optional<double> accuracy;               // when the caller measured one
  std::string accuracyNote;  // how it was measured, or why there is none (then accuracy is empty)

  double total() const;
  double perInference() const { return inferences > 0 ? total() / double(inferences) : total(); }
  // Watts: joules per simulated second (0 when no time was simulated).
  double perSimulatedSecond() const {
    return simulatedSeconds > 0 ? total() / simulatedSeconds : 0.0;
  }
  double kindTotal(const std::string& kind) const;
};

struct EnergyReport {
  std::vector<SubstrateEnergy> substrates;
  std::vector<EnergyConstant> constants;  // as used (overrides applied)

  const SubstrateEnergy* find(const std::string& name) const;
};

}  // namespace snn
