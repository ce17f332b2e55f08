#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/NetworkSpec.h"

namespace snn::gui {

// The same input through a network twice: once with ideal synapses (every projection's crossbar
// reference dropped) and once on its crossbars, with the same seed, so that sources, initial
// states and connectors draw the same numbers and every difference in the spikes comes from the
// devices, wires and periphery. The spikes of the populations the crossbar projections drive
// are compared step by step: a spike at (step, neuron) in one run and not in the other is a
// difference.
struct TwinSpikes {
  std::vector<int64_t> steps;
  std::vector<int32_t> neurons;
  size_t size() const { return steps.size(); }
};

struct TwinPopulation {
  std::string id;
  int64_t size = 0;
  TwinSpikes ideal, crossbar;
  TwinSpikes onlyIdeal, onlyCrossbar;  // the difference
};

struct TwinRunResult {
  double dt = 0.1;
  int64_t steps = 0;
  std::vector<TwinPopulation> populations;  // posts of the crossbar projections, project order
  bool cancelled = false;
  size_t differences() const;
};

// The project with ideal synapses: no projection carried by a crossbar.
Project idealTwin(const Project& project);

// Runs both twins for `steps` steps (0: the experiment's duration) in chunks, calling
// progress(fraction) between chunks; stops early (result.cancelled) when `cancel` is raised.
// Throws SpecError when the project does not compile or has no projection on a crossbar.
TwinRunResult runTwin(const Project& project, int64_t steps, const std::atomic<bool>& cancel,
                      const std::function<void(double)>& progress = {});

// Spikes in `a` that `b` does not have (both sorted by step, then neuron).
TwinSpikes spikesOnlyIn(const TwinSpikes& a, const TwinSpikes& b);

}  // namespace snn::gui
