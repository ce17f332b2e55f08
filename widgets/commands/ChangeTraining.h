#pragma once

#include <QUndoCommand>
#include <optional>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Sets the project's training block (method, dataset, input and output, the method's
// parameters) or removes it (empty). Not structural: a run goes on.
class ChangeTraining : public QUndoCommand {
 public:
  ChangeTraining(NetworkDocument* document, std::optional<TrainingSpec> training,
                 const QString& text, QUndoCommand* parent = nullptr);
  void redo() override { document_->setTraining(new_); }
  void undo() override { document_->setTraining(old_); }

 private:
  NetworkDocument* document_;
  std::optional<TrainingSpec> old_;
  std::optional<TrainingSpec> new_;
};

}  // namespace snn::gui
