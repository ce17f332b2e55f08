#pragma once

#include <string>
#include <vector>

#include "model/NetworkSpec.h"

namespace snn {

// The current a population's neurons are given from outside the network, as a step function
// of time: its i_offset plus what current-step sources (PyNN's StepCurrentSource) inject through
// their projections (gain times amplitude, summed over the sources each neuron hears). What the
// membrane plot draws under the membrane, so a class sees the cause next to the effect. Exact:
// read off the project, nothing is recorded.
struct CurrentStep {
  double timeMs = 0.0;     // from this time on...
  double currentNa = 0.0;  // ...the current is this (until the next step)
  bool operator==(const CurrentStep&) const = default;
};

// The steps from t = 0 on, or nothing when the population gets no such current (no current-step
// input, and an i_offset the project leaves unset) or it cannot be
// given as one step function for all neurons (an i_offset or a gain per neuron or drawn, a
// random connector from a source).
std::vector<CurrentStep> injectedCurrent(const Project& project, const std::string& population);

}  // namespace snn
