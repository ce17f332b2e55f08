#include "EnergyReport.h"

namespace snn {

const std::vector<std::string>& energyKinds() {
  static const std::vector<std::string> kinds = {
      "compute", "memory", "neuron", "learning", "cells", "adc", "dac", "periphery", "programming"};
  return kinds;
}

double EnergyLayer::total() const {
  double sum = 0;
  for (const auto& [kind, j] : joules) sum += j;
  return sum;
}

double SubstrateEnergy::total() const {
  double sum = 0;
  for (const EnergyLayer& l : layers) sum += l.total();
  return sum;
}

double SubstrateEnergy::kindTotal(const std::string& kind) const {
  double sum = 0;
  for (const EnergyLayer& l : layers)
    if (auto it = l.joules.find(kind); it != l.joules.end()) sum += it->second;
  return sum;
}

const SubstrateEnergy* EnergyReport::find(const std::string& name) const {
  for (const SubstrateEnergy& s : substrates)
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace snn
