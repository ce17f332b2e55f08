#pragma once

#include <string>
#include <vector>

namespace snn::gui {

// What changed in a NetworkDocument, so views update only what the event names (as Tiled's
// changeevents.h). Emitted by the document after the change, on the GUI thread.
struct ChangeEvent {
  enum class Type {
    ProjectReplaced,    // new or opened project: rebuild everything
    PopulationAdded,    // id
    PopulationRemoved,  // id
    PopulationChanged,  // id: model, size or initial state
    ParameterChanged,   // id, param: a running simulation takes it between chunks
    ProjectionAdded,    // id
    ProjectionRemoved,  // id
    ProjectionChanged,  // id: endpoints, connector, weight, receptor or delay
    ObjectRenamed,      // oldId -> id (a population or projection; references follow)
    NodesMoved,         // ids
    ExperimentChanged,  // dt, duration or seed
    TrainingChanged,    // the training block (method, dataset, its parameters)
  };

  Type type = Type::ProjectReplaced;
  std::string id;
  std::string oldId;             // ObjectRenamed
  std::string param;             // ParameterChanged
  std::vector<std::string> ids;  // NodesMoved

  // Whether a compiled network no longer matches the project after this change. Parameter edits
  // are applied live; moving nodes changes only the picture; the training block is not part of
  // what a run simulates.
  bool isStructural() const {
    return type != Type::ParameterChanged && type != Type::NodesMoved &&
           type != Type::TrainingChanged;
  }
};

}  // namespace snn::gui
