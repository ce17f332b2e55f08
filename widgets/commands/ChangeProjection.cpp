#include "ChangeProjection.h"

#include <stdexcept>

namespace snn::gui {

ChangeProjection::ChangeProjection(NetworkDocument* document, ProjectionSpec spec,
                                   const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), document_(document), new_(std::move(spec)) {
  const ProjectionSpec* p = document_->project().network.findProjection(new_.id);
  if (!p) throw std::logic_error("ChangeProjection: no projection '" + new_.id + "'");
  old_ = *p;
}

}  // namespace snn::gui
