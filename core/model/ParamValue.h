#pragma once

#include <string>
#include <variant>
#include <vector>

#include "ValueSpec.h"

namespace snn {

// A list of numbers shared by the whole population (e.g. a current step's switching times).
using Sequence = std::vector<double>;
// One list of spike times (ms) per neuron.
using SpikeTrains = std::vector<std::vector<double>>;

// The value of one model parameter as written in a project. Which alternative a parameter takes is
// fixed by its schema entry (ParamInfo::kind).
using ParamValue = std::variant<ValueSpec, Sequence, SpikeTrains, std::string>;

}  // namespace snn
