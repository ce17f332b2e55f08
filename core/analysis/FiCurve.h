#pragma once

#include <string>
#include <vector>

#include "AnalysisRun.h"

namespace snn {

// The f–I curve of a population's neuron model: each current of the sweep is injected as a
// constant i_offset into one neuron of a copy of the population taken out of its network (so the
// curve is the neuron's own, not its network's), and its firing rate is measured after the
// transient. Where the model has a closed form (NeuronGroup::steadyStateRate: LIF, IF and their
// adaptive variant without adaptation) it is given next to each measured point; for the others
// (Izhikevich, Hodgkin–Huxley) the measured curve is the numeric one.
struct FiPoint {
  double currentNa = 0.0;
  double measuredHz = 0.0;
  double closedFormHz = 0.0;  // NaN where the model has no closed form
};

struct FiCurve {
  std::string population;
  std::string model;
  bool hasClosedForm = false;
  std::vector<FiPoint> points;
};

// `currents` in nA. Throws SpecError naming the population when it does not exist, is not a
// neuron population or its model takes no i_offset, and AnalysisCancelled when cancelled.
FiCurve measureFiCurve(const Project& project, const std::string& population,
                       const std::vector<double>& currents, const AnalysisOptions& options);

// The closed-form rates alone (no simulation: the curve drawn over the measured points), NaN
// where the model has none. Throws SpecError as measureFiCurve does.
std::vector<double> closedFormRates(const Project& project, const std::string& population,
                                    const std::vector<double>& currents);

// `steps` values from `from` to `to` inclusive, evenly spaced (steps >= 2), or {from} for 1.
std::vector<double> linearRange(double from, double to, int steps);

}  // namespace snn
