#pragma once

#include <map>
#include <string>

namespace snn {

// The optional "energy" block of a project: which chip and substrate its energy estimates show
// first, and the constants it changes (core/energy/EnergyConstants: key -> value in the
// constant's unit). Its schema: energyFields() in core/energy/EnergyFields.h.
struct EnergySpec {
  std::string chip = "loihi";          // the digital neuromorphic chip of "snn_chip"
  std::string substrate = "snn_chip";  // the substrate of the live meter and the first bar
  std::map<std::string, double> constants;

  bool operator==(const EnergySpec&) const = default;
};

}  // namespace snn
