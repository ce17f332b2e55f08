#pragma once

#include <QUndoCommand>
#include <string>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Replaces a projection's connector, weight, receptor or delay in one step (the id stays).
class ChangeProjection : public QUndoCommand {
 public:
  // Changes made while one slider is held share a non-zero `gesture` and merge into one step.
  ChangeProjection(NetworkDocument* document, ProjectionSpec spec, const QString& text,
                   int gesture = 0, QUndoCommand* parent = nullptr);
  void redo() override { document_->setProjection(new_.id, new_); }
  void undo() override { document_->setProjection(old_.id, old_); }
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

 private:
  NetworkDocument* document_;
  ProjectionSpec old_;
  ProjectionSpec new_;
  int gesture_;
};

}  // namespace snn::gui
