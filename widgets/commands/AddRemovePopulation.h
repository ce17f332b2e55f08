#pragma once

#include <QUndoCommand>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Adds or removes one population with its layout entry and monitors (Tiled's addremovelayer).
// Projections touching a removed population are removed first by their own commands, in the
// same macro (see deleteObjects()).
class AddRemovePopulation : public QUndoCommand {
 protected:
  AddRemovePopulation(NetworkDocument* document, DetachedPopulation population,
                      QUndoCommand* parent);
  void add();
  void remove();

  NetworkDocument* document_;
  DetachedPopulation population_;
  std::string id_;
};

class AddPopulation : public AddRemovePopulation {
 public:
  // Appends `spec` at `position` on the canvas.
  AddPopulation(NetworkDocument* document, PopulationSpec spec, NodePosition position,
                QUndoCommand* parent = nullptr);
  void redo() override { add(); }
  void undo() override { remove(); }
};

class RemovePopulation : public AddRemovePopulation {
 public:
  RemovePopulation(NetworkDocument* document, const std::string& id,
                   QUndoCommand* parent = nullptr);
  void redo() override { remove(); }
  void undo() override { add(); }
};

}  // namespace snn::gui
