#pragma once

#include <QUndoCommand>
#include <string>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Replaces a projection's connector, weight, receptor or delay in one step (the id stays).
class ChangeProjection : public QUndoCommand {
 public:
  ChangeProjection(NetworkDocument* document, ProjectionSpec spec, const QString& text,
                   QUndoCommand* parent = nullptr);
  void redo() override { document_->setProjection(new_.id, new_); }
  void undo() override { document_->setProjection(old_.id, old_); }

 private:
  NetworkDocument* document_;
  ProjectionSpec old_;
  ProjectionSpec new_;
};

}  // namespace snn::gui
