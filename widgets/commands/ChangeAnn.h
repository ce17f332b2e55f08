#pragma once

#include <QUndoCommand>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Replaces an ANN node as a whole (what training learned: weights, biases, QCFS thresholds); the
// id stays. Structural: a running network is compiled again.
class ChangeAnn : public QUndoCommand {
 public:
  // The document must hold an ANN with `ann.id`.
  ChangeAnn(NetworkDocument* document, AnnNodeSpec ann, const QString& text,
            QUndoCommand* parent = nullptr)
      : QUndoCommand(text, parent),
        document_(document),
        old_(*document->project().network.findAnn(ann.id)),
        new_(std::move(ann)) {}
  void redo() override { document_->setAnn(new_.id, new_); }
  void undo() override { document_->setAnn(old_.id, old_); }

 private:
  NetworkDocument* document_;
  AnnNodeSpec old_;
  AnnNodeSpec new_;
};

}  // namespace snn::gui
