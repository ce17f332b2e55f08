#include "SchemaField.h"

#include <QUndoStack>

#include "commands/ChangeField.h"
#include "document/NetworkDocument.h"
#include "model/NodeKinds.h"
#include "model/ObjectFields.h"
#include "project/FieldSchemas.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

ParamInfo schemaOf(const Project& project, ObjectKind kind, const std::string& id,
                   const std::string& field) {
  if (auto info = fieldSchema(project, kind, id, field)) return *info;
  return ParamInfo{.name = field, .meaning = "not described by any schema"};
}

// How many elements a per-element array of the field must have: a population's neurons for
// its parameters and initial state, one otherwise (arrays elsewhere are per synapse and only
// the project file holds them).
int64_t elementsOf(const Project& project, ObjectKind kind, const std::string& id) {
  if (kind != ObjectKind::Population) return 1;
  const PopulationSpec* p = project.network.findPopulation(id);
  return p ? p->size : 1;
}

}  // namespace

SchemaField::SchemaField(NetworkDocument* document, ObjectKind kind,
                         std::function<std::string()> id, std::string field, QWidget* parent)
    : ParamField(
          schemaOf(document->project(), kind, id(), field),
          [document, kind, id, field](const ParamValue& v) -> QString {
            const Project& project = document->project();
            const ParamInfo info = schemaOf(project, kind, id(), field);
            auto problem = checkParamValue(info, v, elementsOf(project, kind, id()));
            return problem ? toQ(*problem) : QString();
          },
          parent),
      document_(document),
      kind_(kind),
      id_(std::move(id)),
      field_(std::move(field)) {
  auto commit = [this](const std::optional<ParamValue>& v, int gesture) {
    if (commit_)
      commit_(v, gesture);
    else
      document_->undoStack()->push(new ChangeField(document_, kind_, id_(), field_, v, gesture));
  };
  connect(this, &ParamField::valueEdited, this,
          [commit](const ParamValue& v, int gesture) { commit(v, gesture); });
  connect(this, &ParamField::resetRequested, this, [this, commit] {
    // A named parameter goes back to "not set"; a fixed field to its schema default.
    commit(
        isNamedField(field_) ? std::nullopt : std::optional<ParamValue>(info().defaultParamValue()),
        0);
  });
  refresh();
}

void SchemaField::refresh() {
  std::optional<ParamValue> value;
  try {
    value = getField(document_->project(), kind_, id_(), field_);
  } catch (const std::invalid_argument&) {
    return;  // the object is gone: the inspector replaces this page
  }
  if (info().kind == ParamKind::Reference) setReferenceChoices(referenceIds());
  const ParamValue shown = value ? *value : info().defaultParamValue();
  setValue(shown, isNamedField(field_) ? !value : shown == info().defaultParamValue());
}

QStringList SchemaField::referenceIds() const {
  // Every node of the network, in node order: a projection may join nodes of any kind.
  QStringList ids;
  for (const NodeKindInfo& kind : nodeKinds())
    for (const std::string& id : kind.ids(document_->project().network)) ids << toQ(id);
  return ids;
}

}  // namespace snn::gui
