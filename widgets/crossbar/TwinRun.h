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
// are compared neuron by neuron: a spike of one run is matched with a spike of the same neuron
// in the other run at most `window` steps away (each spike matched once); what is left unmatched
// is the difference (window 0: the same step).
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
  int64_t window = 0;                       // steps a matched spike may be off by
  bool cancelled = false;
  size_t differences() const;
};

// The project with ideal synapses: no projection carried by a crossbar.
Project idealTwin(const Project& project);

// Runs both twins for `steps` steps (0: the experiment's duration) in chunks, calling
// progress(fraction) between chunks; stops early (result.cancelled) when `cancel` is raised.
// Throws SpecError when the project does not compile or has no projection on a crossbar.
TwinRunResult runTwin(const Project& project, int64_t steps, const std::atomic<bool>& cancel,
                      const std::function<void(double)>& progress = {}, int64_t window = 0);

// Spikes in `a` that no spike of the same neuron in `b` within `window` steps matches (one to
// one, in time order).
TwinSpikes spikesOnlyIn(const TwinSpikes& a, const TwinSpikes& b, int64_t window = 0);

}  // namespace snn::gui
