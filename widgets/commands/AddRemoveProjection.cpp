#include "AddRemoveProjection.h"

#include <QCoreApplication>
#include <stdexcept>

#include "util/QtText.h"

namespace snn::gui {

AddRemoveProjection::AddRemoveProjection(NetworkDocument* document, size_t index,
                                         ProjectionSpec projection, QUndoCommand* parent)
    : QUndoCommand(parent),
      document_(document),
      index_(index),
      projection_(std::move(projection)),
      id_(projection_.id) {}

void AddRemoveProjection::add() {
  document_->insertProjection(index_, projection_);
}

void AddRemoveProjection::remove() {
  auto [index, projection] = document_->takeProjection(id_);
  index_ = index;
  projection_ = std::move(projection);
}

AddProjection::AddProjection(NetworkDocument* document, ProjectionSpec projection,
                             QUndoCommand* parent)
    : AddRemoveProjection(document, document->project().network.projections.size(),
                          std::move(projection), parent) {
  setText(QCoreApplication::translate("Undo", "Connect '%1' to '%2'")
              .arg(toQ(projection_.pre), toQ(projection_.post)));
}

RemoveProjection::RemoveProjection(NetworkDocument* document, const std::string& id,
                                   QUndoCommand* parent)
    : AddRemoveProjection(document, 0, ProjectionSpec{.id = id}, parent) {
  if (!document->project().network.findProjection(id))
    throw std::logic_error("RemoveProjection: no projection '" + id + "'");
  setText(QCoreApplication::translate("Undo", "Remove Projection '%1'").arg(toQ(id_)));
}

}  // namespace snn::gui
