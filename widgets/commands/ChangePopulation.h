#pragma once

#include <QUndoCommand>
#include <string>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Replaces a population's model, size, parameters or initial state in one step (the id stays;
// renaming is RenameObject). A structural change: a running simulation recompiles.
class ChangePopulation : public QUndoCommand {
 public:
  ChangePopulation(NetworkDocument* document, PopulationSpec spec, const QString& text,
                   QUndoCommand* parent = nullptr);
  void redo() override { document_->setPopulation(new_.id, new_); }
  void undo() override { document_->setPopulation(old_.id, old_); }

 private:
  NetworkDocument* document_;
  PopulationSpec old_;
  PopulationSpec new_;
};

}  // namespace snn::gui
