#pragma once

#include <QMetaType>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/InjectedCurrent.h"
#include "model/Diagnostic.h"
#include "model/ParamSchema.h"
#include "model/TensorShape.h"
#include "sim/SimulationChunk.h"

namespace snn::gui {

// Where a simulation session is.
enum class RunState {
  Idle,       // nothing compiled (never run, stopped, or the network changed while paused)
  Compiling,  // the worker turns a copy of the project into a network
  Running,    // chunks stream at the chosen speed
  Paused,     // compiled, waiting; Run continues, Step advances
  Finished,   // reached the end of the experiment; Run starts over
};

// One neuron whose membrane potential the trace plot follows.
struct Probe {
  std::string population;
  int64_t neuron = 0;
  bool operator==(const Probe&) const = default;
  auto operator<=>(const Probe&) const = default;
};

// What a compiled run holds, in the order of the chunks' populations: the plots set themselves
// up from it before the first chunk arrives.
struct RunPopulation {
  std::string id;
  std::string model;
  int64_t size = 0;
  ModelRole role = ModelRole::Neuron;
  bool spikesRecorded = false;       // appears in the raster
  bool hasMembrane = false;          // has a state variable "v" a probe can trace
  int colorIndex = 0;                // its node's colour (model/NodeColors.h)
  std::optional<TensorShape> shape;  // C x H x W of a shaped population (the feature maps)
  // The current injected from outside (i_offset, current steps), drawn under the membrane;
  // empty when there is none.
  std::vector<CurrentStep> injected;
};

struct RunLayout {
  std::vector<RunPopulation> populations;
  double dt = 0.1;
  double durationMs = 1000.0;  // the experiment's: the plots' time window follows it

  const RunPopulation* find(const std::string& id) const {
    for (const RunPopulation& p : populations)
      if (p.id == id) return &p;
    return nullptr;
  }
};

using ChunkPtr = std::shared_ptr<const SimulationChunk>;
using RunLayoutPtr = std::shared_ptr<const RunLayout>;

}  // namespace snn::gui

Q_DECLARE_METATYPE(snn::gui::RunState)
Q_DECLARE_METATYPE(snn::gui::ChunkPtr)
Q_DECLARE_METATYPE(snn::gui::RunLayoutPtr)
Q_DECLARE_METATYPE(std::vector<snn::gui::Probe>)
Q_DECLARE_METATYPE(std::vector<snn::Diagnostic>)
