#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "ParamValue.h"

namespace snn {

// What shape of value a parameter takes.
enum class ParamKind {
  PerNeuron,    // a number, a per-neuron array or a distribution (ValueSpec)
  Sequence,     // a list of numbers shared by the population
  SpikeTrains,  // one list of spike times per neuron
  Choice,       // one of a fixed set of words
};

// One schema entry: everything the validator and the inspector need to know about a parameter.
struct ParamInfo {
  std::string name;
  std::string unit;  // "ms", "mV", "nA", "nF", "uS", "Hz", "" for dimensionless
  ParamKind kind = ParamKind::PerNeuron;
  double defaultValue = 0.0;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool minInclusive = true;
  bool maxInclusive = true;
  std::string meaning;               // one line, shown as a tooltip
  std::vector<std::string> choices;  // ParamKind::Choice: allowed words, the first is the default
  bool integer = false;              // only whole numbers are meaningful (e.g. a count)

  // "must be > 0", "must be in [0, 1]", or "" when every finite value is allowed.
  std::string rangeText() const;
  bool inRange(double v) const;
  ParamValue defaultParamValue() const;
};

// A state variable a monitor can record and the project can initialise.
struct StateVarInfo {
  std::string name;
  std::string unit;
  std::string meaning;
  // Initial value when the project gives none: the value of this parameter if named, else initial.
  std::string initialFromParam;
  double initial = 0.0;
};

// What role a population plays in a step.
enum class ModelRole {
  Neuron,         // integrates input, emits spikes
  SpikeSource,    // emits spikes, takes no input
  CurrentSource,  // drives targets with a current through its projections, takes no input
};

// The description of a neuron or source model: the inspector, the palette and the validator are
// generated from it.
struct ModelInfo {
  std::string name;         // the key used in project files, e.g. "lif"
  std::string displayName;  // "Leaky integrate-and-fire"
  std::string meaning;      // one line for the palette
  std::string equation;     // the model's equations in plain text
  std::string reference;    // the paper it comes from
  ModelRole role = ModelRole::Neuron;
  std::vector<ParamInfo> params;
  std::vector<StateVarInfo> stateVars;
  int defaultSize = 100;
  bool imageEncoder = false;  // implements ImageEncoder: a dataset can feed it

  const ParamInfo* findParam(std::string_view param) const;
  const StateVarInfo* findStateVar(std::string_view var) const;
  // Comma-separated names, for "unknown parameter 'x' (known: ...)" messages.
  std::string paramNames() const;
  std::string stateVarNames() const;
};

// The reason a value is not acceptable for a parameter of a population of `size` neurons, or
// nothing when it is: shape (kind), length of per-neuron arrays, range, finite numbers, allowed
// words. The validator and the inspector (refusing a bad value at the field) both use it.
std::optional<std::string> checkParamValue(const ParamInfo& info, const ParamValue& value,
                                           int64_t size);

}  // namespace snn
