#pragma once

#include <QUndoCommand>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Sets the time step, duration or seed of the experiment.
class ChangeExperiment : public QUndoCommand {
 public:
  ChangeExperiment(NetworkDocument* document, const ExperimentSpec& experiment, const QString& text,
                   QUndoCommand* parent = nullptr);
  void redo() override { document_->setExperiment(new_); }
  void undo() override { document_->setExperiment(old_); }

 private:
  NetworkDocument* document_;
  ExperimentSpec old_;
  ExperimentSpec new_;
};

}  // namespace snn::gui
