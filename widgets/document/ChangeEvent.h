#pragma once

#include <string>
#include <vector>

#include "model/Diagnostic.h"

namespace snn::gui {

// What changed in a NetworkDocument, so views update only what the event names (as Tiled's
// changeevents.h): the kind of object, its id and the field (model/ObjectFields.h), so that a
// listener can look the field up in the schema (project/FieldSchemas.h) — e.g. the simulation
// session applies a live field to the running network and recompiles for a structural one.
// Emitted by the document after the change, on the GUI thread.
struct ChangeEvent {
  enum class Type {
    ProjectReplaced,  // new or opened project: rebuild everything
    ObjectAdded,      // kind, id
    ObjectRemoved,    // kind, id
    FieldChanged,     // kind, id, field; an empty field: several fields at once
    ObjectRenamed,    // kind, oldId -> id (references follow)
    NodesMoved,       // ids: only the picture
  };

  Type type = Type::ProjectReplaced;
  ObjectKind kind = ObjectKind::Network;
  std::string id;  // empty for the experiment and the training block
  std::string field;
  std::string oldId;             // ObjectRenamed
  std::vector<std::string> ids;  // NodesMoved

  bool is(Type t, ObjectKind k) const { return type == t && kind == k; }
};

}  // namespace snn::gui
