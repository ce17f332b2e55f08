#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace snn {

// One constant of an energy model, with where it comes from. Energies are in pJ.
struct EnergyConstant {
  std::string key;  // "cmos.fp32_add", "chip.loihi.synop", "xbar.adc"...
  double value = 0.0;
  std::string unit;         // "pJ", "V", "ns", "uS", "1"
  std::string meaning;      // one line
  std::string source;       // the paper (or "assumption: ...", then `assumption` is set)
  bool assumption = false;  // no measured figure behind it: the workbench's stated guess
  bool overridden = false;  // the project changed it (source then says so)
};

// A digital neuromorphic chip as the energy model sees it: which constants price its synaptic
// operations, neuron updates and spikes (empty key: included in the synaptic figure).
struct NeuromorphicChip {
  std::string key;    // "loihi"
  std::string name;   // "Intel Loihi"
  std::string basis;  // whole chip, minimum, or as compared by a third party
  std::string synop;
  std::string neuronUpdate;  // per neuron and step
  std::string spike;         // per emitted spike
  std::string neuronMs;      // per neuron and ms of simulated time (SpiNNaker's system figure)
};

// Every constant with its source (the one table; nothing else in the workbench holds an energy
// figure), in a fixed order.
const std::vector<EnergyConstant>& defaultEnergyConstants();
const std::vector<NeuromorphicChip>& neuromorphicChips();
const NeuromorphicChip* findChip(std::string_view key);
std::string chipKeys();  // "truenorth, loihi, ..." for messages

// The constants a report uses: the defaults with a project's overrides applied.
class EnergyTable {
 public:
  EnergyTable();
  // Throws std::invalid_argument naming the key when it is unknown, or the value is not finite
  // or negative.
  void set(std::string_view key, double value);
  void setAll(const std::map<std::string, double>& overrides);

  const EnergyConstant* find(std::string_view key) const;
  double value(std::string_view key) const;  // throws std::out_of_range for an unknown key
  double operator[](std::string_view key) const { return value(key); }
  const std::vector<EnergyConstant>& constants() const { return constants_; }

 private:
  std::vector<EnergyConstant> constants_;
};

}  // namespace snn
