#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "model/NetworkSpec.h"

namespace snn::pynn {

// Text pieces of the PyNN script PynnExporter writes.

// The shortest decimal that reads back as the same double ("0.1", not "0.10000000000000001").
std::string number(double v);
// One number when all values agree (or `always` is false and there is one), else a list.
std::string list(const std::vector<double>& values, bool alwaysList = false);
std::string intList(const std::vector<int64_t>& values);
std::string quoted(const std::string& text);
// [Sequence([...]), ...] with each time snapped to the workbench's step grid (llround(t/dt)),
// which Brian2's floor-based timestep() then keeps on the same step.
std::string spikeTrains(const SpikeTrains& trains, int64_t size);
std::string gridTimes(const std::vector<double>& times);
std::string whyNoCell(const std::string& model);

std::string scriptHeader();
std::string scriptFooter();

// How one projection's synapses are written.
struct ConnectionText {
  std::string connector;  // e.g. "sim.AllToAllConnector()"
  std::string synapse;    // e.g. "sim.StaticSynapse(weight=0.5, delay=1.0)"
  bool hasPositive = false;
  bool hasNegative = false;
  bool signSpanningDistribution = false;
  std::string problem;  // non-empty: not expressible
  std::string note;
  // Explicit synapses (pre, post, weight nA, delay ms), for FromListConnector.
  std::vector<std::tuple<int64_t, int64_t, double, double>> entries;
  // A FromListConnector with the entries of one sign (a projection split by receptor).
  std::string connectorFor(bool positive) const;
};
ConnectionText connection(const ProjectionSpec& proj, const PopulationSpec& pre,
                          const PopulationSpec& post, const ExperimentSpec& experiment);

}  // namespace snn::pynn
