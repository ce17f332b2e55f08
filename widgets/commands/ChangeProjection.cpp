#include "ChangeProjection.h"

#include <stdexcept>

#include "CommandIds.h"

namespace snn::gui {

ChangeProjection::ChangeProjection(NetworkDocument* document, ProjectionSpec spec,
                                   const QString& text, int gesture, QUndoCommand* parent)
    : QUndoCommand(text, parent), document_(document), new_(std::move(spec)), gesture_(gesture) {
  const ProjectionSpec* p = document_->project().network.findProjection(new_.id);
  if (!p) throw std::logic_error("ChangeProjection: no projection '" + new_.id + "'");
  old_ = *p;
}

int ChangeProjection::id() const {
  return kChangeProjectionId;
}

bool ChangeProjection::mergeWith(const QUndoCommand* other) {
  const auto* change = static_cast<const ChangeProjection*>(other);
  if (gesture_ == 0 || change->gesture_ != gesture_ || change->document_ != document_ ||
      change->new_.id != new_.id)
    return false;
  new_ = change->new_;
  setObsolete(new_ == old_);
  return true;
}

}  // namespace snn::gui
