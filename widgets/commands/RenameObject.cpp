#include "RenameObject.h"

#include <QCoreApplication>
#include <stdexcept>

#include "document/ObjectIds.h"
#include "util/QtText.h"

namespace snn::gui {

RenameObject::RenameObject(NetworkDocument* document, std::string oldId, std::string newId,
                           QUndoCommand* parent)
    : QUndoCommand(parent),
      document_(document),
      oldId_(std::move(oldId)),
      newId_(std::move(newId)) {
  if (auto problem = renameProblem(document_->project(), oldId_, newId_))
    throw std::invalid_argument("'" + newId_ + "' " + *problem);
  setText(QCoreApplication::translate("Undo", "Rename '%1' to '%2'").arg(toQ(oldId_), toQ(newId_)));
}

}  // namespace snn::gui
