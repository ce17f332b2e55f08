#include "MoveNodes.h"

#include <QCoreApplication>

#include "CommandIds.h"

namespace snn::gui {

MoveNodes::MoveNodes(NetworkDocument* document, Positions from,
                     std::map<std::string, NodePosition> to, int dragId, QUndoCommand* parent)
    : QUndoCommand(parent), document_(document), from_(std::move(from)), dragId_(dragId) {
  for (const auto& [id, pos] : to) to_[id] = pos;
  setText(QCoreApplication::translate("Undo", "Move %n Node(s)", nullptr,
                                      static_cast<int>(to_.size())));
}

void MoveNodes::redo() {
  document_->setNodePositions(to_);
}

void MoveNodes::undo() {
  document_->setNodePositions(from_);
}

int MoveNodes::id() const {
  return kMoveNodesId;
}

bool MoveNodes::mergeWith(const QUndoCommand* other) {
  const auto* move = static_cast<const MoveNodes*>(other);
  if (dragId_ == 0 || move->dragId_ != dragId_ || move->document_ != document_) return false;
  for (const auto& [id, pos] : move->to_)
    if (!from_.count(id)) return false;  // a different set of nodes: a separate step
  for (const auto& [id, pos] : move->to_) to_[id] = pos;
  setObsolete(to_ == from_);  // dragged back to where it started: nothing to undo
  return true;
}

}  // namespace snn::gui
