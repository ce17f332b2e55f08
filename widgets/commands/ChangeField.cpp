#include "ChangeField.h"

#include <QCoreApplication>
#include <stdexcept>

#include "CommandIds.h"
#include "model/ObjectFields.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

// The value a field has, or nothing where the project leaves it at its default: a params.*
// entry not set. Fixed fields always have a value, and undo gives it back.
std::optional<ParamValue> currentValue(const Project& project, ObjectKind kind,
                                       const std::string& id, const std::string& field) {
  try {
    return getField(project, kind, id, field);
  } catch (const std::invalid_argument& e) {
    throw std::logic_error(std::string("ChangeField: ") + e.what());
  }
}

}  // namespace

QString ChangeField::fieldLabel(const std::string& field) {
  QString label = toQ(field);
  for (std::string_view prefix : {kPlasticityParamsPrefix, kParamsPrefix, kInitPrefix})
    if (field.rfind(prefix, 0) == 0) return toQ(field.substr(prefix.size()));
  label.replace(QStringLiteral("feed."), QString());
  label.replace(QLatin1Char('.'), QLatin1Char(' '));
  return label;
}

ChangeField::ChangeField(NetworkDocument* document, ObjectKind kind, std::string id,
                         std::string field, std::optional<ParamValue> value, int gesture,
                         QUndoCommand* parent)
    : QUndoCommand(parent),
      document_(document),
      kind_(kind),
      id_(std::move(id)),
      field_(std::move(field)),
      old_(currentValue(document->project(), kind_, id_, field_)),
      new_(std::move(value)),
      gesture_(gesture) {
  if (id_.empty())
    setText(QCoreApplication::translate("Undo", "Change %1").arg(fieldLabel(field_)));
  else
    setText(
        QCoreApplication::translate("Undo", "Change %1 of '%2'").arg(fieldLabel(field_), toQ(id_)));
}

void ChangeField::redo() {
  document_->setField(kind_, id_, field_, new_);
}

void ChangeField::undo() {
  document_->setField(kind_, id_, field_, old_);
}

int ChangeField::id() const {
  return kChangeFieldId;
}

bool ChangeField::mergeWith(const QUndoCommand* other) {
  const auto* change = static_cast<const ChangeField*>(other);
  if (gesture_ == 0 || change->gesture_ != gesture_ || change->document_ != document_ ||
      change->kind_ != kind_ || change->id_ != id_ || change->field_ != field_)
    return false;
  new_ = change->new_;
  setObsolete(new_ == old_);
  return true;
}

}  // namespace snn::gui
