#pragma once

#include <QUndoCommand>
#include <map>
#include <optional>
#include <string>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Moves canvas nodes. The canvas pushes one per mouse move while dragging, all with the same
// `dragId`; they merge into one undo step.
class MoveNodes : public QUndoCommand {
 public:
  using Positions = std::map<std::string, std::optional<NodePosition>>;

  // `from` holds each node's position before the drag (empty: it had no layout entry yet).
  MoveNodes(NetworkDocument* document, Positions from, std::map<std::string, NodePosition> to,
            int dragId, QUndoCommand* parent = nullptr);

  void redo() override;
  void undo() override;
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

 private:
  NetworkDocument* document_;
  Positions from_;
  Positions to_;
  int dragId_;
};

}  // namespace snn::gui
