#include "ProjectionEditor.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QUndoStack>
#include <QVBoxLayout>

#include "PlasticityEditor.h"
#include "SchemaField.h"
#include "commands/RenameObject.h"
#include "document/NetworkDocument.h"
#include "document/ObjectIds.h"
#include "sim/NeuronModelRegistry.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

bool fromCurrentSource(const Project& project, const ProjectionSpec& p) {
  const PopulationSpec* pre = project.network.findPopulation(p.pre);
  const NeuronModelEntry* e = pre ? NeuronModelRegistry::instance().find(pre->model) : nullptr;
  return e && e->info->role == ModelRole::CurrentSource;
}

}  // namespace

ProjectionEditor::ProjectionEditor(NetworkDocument* document, std::string id, QWidget* parent)
    : InspectorPage(ObjectKind::Projection, std::move(id), parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 10, 10, 10);
  title_ = headingLabel(QString(), this);
  layout->addWidget(title_);
  form_ = new QFormLayout;
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  layout->addLayout(form_);
  plasticity_ = new PlasticityEditor(document_, id_, this);
  layout->addWidget(plasticity_);
  layout->addStretch(1);

  idEdit_ = new QLineEdit(this);
  form_->addRow(tr("Id"), idEdit_);
  connect(idEdit_, &QLineEdit::editingFinished, this, [this] {
    const std::string newId = toStd(idEdit_->text().trimmed());
    if (newId == id_ || renameProblem(document_->project(), id_, newId)) {
      idEdit_->setText(toQ(id_));
      return;
    }
    const std::string oldId = id_;
    id_ = newId;
    document_->undoStack()->push(new RenameObject(document_, oldId, newId));
  });
  addField("pre", tr("From"));
  addField("post", tr("To"));
  addField("receptor", tr("Receptor"));
  addField("connector.type", tr("Connector"));
  addField("connector.p", tr("p"));
  addField("connector.n", tr("In-degree"));
  addField("connector.allow_self", QString());
  listInfo_ = new QLabel(this);
  listInfo_->setWordWrap(true);
  form_->addRow(QString(), listInfo_);
  addField("weight", tr("Weight"));
  addField("delay", tr("Delay"));
  refresh();
}

SchemaField* ProjectionEditor::addField(const std::string& field, const QString& label) {
  auto* f = new SchemaField(
      document_, ObjectKind::Projection, [this] { return id_; }, field, this);
  auto* name = new QLabel(label, this);
  name->setToolTip(f->toolTip());
  form_->addRow(name, f);
  fields_[field] = f;
  labels_[field] = name;
  return f;
}

ParamField* ProjectionEditor::weightField() const {
  return schemaField("weight");
}

SchemaField* ProjectionEditor::schemaField(const std::string& field) const {
  auto it = fields_.find(field);
  return it == fields_.end() ? nullptr : it->second;
}

void ProjectionEditor::setId(std::string id) {
  plasticity_->setProjection(id);
  InspectorPage::setId(std::move(id));
}

void ProjectionEditor::refresh() {
  const ProjectionSpec* p = document_->project().network.findProjection(id_);
  if (!p) return;
  const bool current = fromCurrentSource(document_->project(), *p);
  title_->setText(toQ(p->pre) + QStringLiteral("  →  ") + toQ(p->post));
  title_->setToolTip(current ? tr("A current source: the weight scales its current")
                             : tr("Spikes of '%1' reach '%2'").arg(toQ(p->pre), toQ(p->post)));
  if (!idEdit_->hasFocus()) idEdit_->setText(toQ(p->id));
  for (const auto& [field, f] : fields_) f->refresh();
  using CT = ConnectorSpec::Type;
  const CT type = p->connector.type;
  auto show = [this](const std::string& field, bool visible) {
    fields_.at(field)->setVisible(visible);
    labels_.at(field)->setVisible(visible);
  };
  show("connector.p", type == CT::Random);
  show("connector.n", type == CT::FixedInDegree);
  show("connector.allow_self", p->pre == p->post && type != CT::OneToOne && type != CT::FromList);
  listInfo_->setVisible(type == CT::FromList);
  listInfo_->setText(tr("%1 synapses listed in the project file").arg(p->connector.list.size()));
  labels_.at("weight")->setText(current ? tr("Gain") : tr("Weight"));
  fields_.at("receptor")->setEnabled(!current);
  fields_.at("delay")->setEnabled(!current);
  plasticity_->setVisible(!current || p->plasticity);  // a current carries no spikes to learn from
  plasticity_->refresh();
}

}  // namespace snn::gui
