#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "ParamValue.h"

namespace snn {

// What shape of value a parameter or field takes, and which ParamValue alternative holds it.
enum class ParamKind {
  PerNeuron,    // a number, a per-element array or a distribution (ValueSpec)
  Sequence,     // a list of numbers shared by the population (Sequence)
  SpikeTrains,  // one list of spike times per neuron (SpikeTrains)
  Choice,       // one of a fixed set of words (std::string)
  Scalar,       // one number (ValueSpec, Scalar kind)
  Text,         // a word or a path, e.g. a dataset (std::string)
  Flag,         // on or off (ValueSpec 1 or 0)
  Reference,    // the id of another object of the project (std::string)
  Shape,        // channels x height x width, or nothing (Sequence of 3 whole numbers, or empty)
  Table,        // structured rows only the project file holds (e.g. a synapse list)
};

// "per_neuron", "choice", ...: the kind's name in `snnwb-cli models --json` and the docs.
const char* paramKindName(ParamKind kind);

// What a change of the field does to a network that is running.
enum class RunEffect {
  Structural,  // the network must be compiled again
  Live,        // the running network takes it between two chunks
  NotRun,      // not part of what runs (the canvas layout, the training set-up)
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
  RunEffect effect = RunEffect::Structural;
  // Choice: what the inspector shows for each word, in the same order (empty: the words).
  std::vector<std::string> choiceLabels;

  // "must be > 0 ms", "must be in [0, 1]", "must be between 1 and 100" (whole numbers),
  // "must be > 0 ms and <= 10 ms", or "" when every finite value is allowed.
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
