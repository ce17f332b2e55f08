#pragma once

#include <QUndoCommand>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Adds a fragment (populations, their projections, monitors and layout) in one step. The
// fragment's ids must already be free in the document (prepareForPaste()).
class PasteObjects : public QUndoCommand {
 public:
  PasteObjects(NetworkDocument* document, Project fragment, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  NetworkDocument* document_;
  Project fragment_;
};

}  // namespace snn::gui
