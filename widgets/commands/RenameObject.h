#pragma once

#include <QUndoCommand>
#include <string>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Renames a population or a projection. A population's projections, monitors, layout entry and
// training roles follow the new id.
class RenameObject : public QUndoCommand {
 public:
  RenameObject(NetworkDocument* document, std::string oldId, std::string newId,
               QUndoCommand* parent = nullptr);
  void redo() override { document_->renameObject(oldId_, newId_); }
  void undo() override { document_->renameObject(newId_, oldId_); }

 private:
  NetworkDocument* document_;
  std::string oldId_;
  std::string newId_;
};

}  // namespace snn::gui
