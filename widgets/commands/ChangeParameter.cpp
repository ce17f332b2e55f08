#include "ChangeParameter.h"

#include <QCoreApplication>
#include <stdexcept>

#include "CommandIds.h"
#include "util/QtText.h"

namespace snn::gui {

ChangeParameter::ChangeParameter(NetworkDocument* document, std::string population,
                                 std::string param, std::optional<ParamValue> value, int gesture,
                                 QUndoCommand* parent)
    : QUndoCommand(parent),
      document_(document),
      population_(std::move(population)),
      param_(std::move(param)),
      new_(std::move(value)),
      gesture_(gesture) {
  const PopulationSpec* p = document_->project().network.findPopulation(population_);
  if (!p) throw std::logic_error("ChangeParameter: no population '" + population_ + "'");
  if (auto it = p->params.find(param_); it != p->params.end()) old_ = it->second;
  setText(
      QCoreApplication::translate("Undo", "Change %1 of '%2'").arg(toQ(param_), toQ(population_)));
}

void ChangeParameter::redo() {
  document_->setParameter(population_, param_, new_);
}

void ChangeParameter::undo() {
  document_->setParameter(population_, param_, old_);
}

int ChangeParameter::id() const {
  return kChangeParameterId;
}

bool ChangeParameter::mergeWith(const QUndoCommand* other) {
  const auto* change = static_cast<const ChangeParameter*>(other);
  if (gesture_ == 0 || change->gesture_ != gesture_ || change->document_ != document_ ||
      change->population_ != population_ || change->param_ != param_)
    return false;
  new_ = change->new_;
  setObsolete(new_ == old_);
  return true;
}

}  // namespace snn::gui
