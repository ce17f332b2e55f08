#pragma once

#include <QUndoCommand>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Adds or removes one projection, restoring it at its place in the list on undo.
class AddRemoveProjection : public QUndoCommand {
 protected:
  AddRemoveProjection(NetworkDocument* document, size_t index, ProjectionSpec projection,
                      QUndoCommand* parent);
  void add();
  void remove();

  NetworkDocument* document_;
  size_t index_;
  ProjectionSpec projection_;
  std::string id_;
};

class AddProjection : public AddRemoveProjection {
 public:
  AddProjection(NetworkDocument* document, ProjectionSpec projection,
                QUndoCommand* parent = nullptr);
  void redo() override { add(); }
  void undo() override { remove(); }
};

class RemoveProjection : public AddRemoveProjection {
 public:
  RemoveProjection(NetworkDocument* document, const std::string& id,
                   QUndoCommand* parent = nullptr);
  void redo() override { remove(); }
  void undo() override { add(); }
};

}  // namespace snn::gui
