#include "ProjectionEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QUndoStack>
#include <QVBoxLayout>

#include "ParamField.h"
#include "PlasticityEditor.h"
#include "commands/ChangeProjection.h"
#include "commands/RenameObject.h"
#include "document/NetworkDocument.h"
#include "document/ObjectIds.h"
#include "sim/NetworkValidator.h"
#include "sim/NeuronModelRegistry.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

using CT = ConnectorSpec::Type;
constexpr CT kConnectors[] = {CT::AllToAll, CT::OneToOne, CT::Random, CT::FixedInDegree,
                              CT::FromList};

bool fromCurrentSource(const Project& project, const ProjectionSpec& p) {
  const PopulationSpec* pre = project.network.findPopulation(p.pre);
  const NeuronModelEntry* e = pre ? NeuronModelRegistry::instance().find(pre->model) : nullptr;
  return e && e->info->role == ModelRole::CurrentSource;
}

}  // namespace

ProjectionEditor::ProjectionEditor(NetworkDocument* document, std::string id, QWidget* parent)
    : QWidget(parent), document_(document), id_(std::move(id)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 10, 10, 10);
  title_ = headingLabel(QString(), this);
  layout->addWidget(title_);
  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  layout->addLayout(form);
  plasticity_ = new PlasticityEditor(document_, id_, this);
  layout->addWidget(plasticity_);
  layout->addStretch(1);

  idEdit_ = new QLineEdit(this);
  form->addRow(tr("Id"), idEdit_);
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

  receptor_ = new QComboBox(this);
  receptor_->addItem(tr("Excitatory (i_exc)"));
  receptor_->addItem(tr("Inhibitory (i_inh)"));
  receptor_->setToolTip(tr("Which synaptic current of the target the spikes add their weight to"));
  form->addRow(tr("Receptor"), receptor_);
  connect(receptor_, &QComboBox::activated, this, [this](int i) {
    change(tr("receptor"), [i](ProjectionSpec& p) {
      p.receptor = i == 0 ? Receptor::Excitatory : Receptor::Inhibitory;
    });
  });

  connector_ = new QComboBox(this);
  for (CT t : kConnectors) connector_->addItem(toQ(connectorTypeName(t)));
  connector_->setToolTip(tr("How the synapses are drawn between the two populations"));
  form->addRow(tr("Connector"), connector_);
  connect(connector_, &QComboBox::activated, this, [this](int i) {
    change(tr("connector"), [i](ProjectionSpec& p) {
      p.connector.type = kConnectors[i];
      if (p.connector.type == CT::Random && p.connector.p == 0.0) p.connector.p = 0.1;
      if (p.connector.type == CT::FixedInDegree && p.connector.n == 0) p.connector.n = 10;
    });
  });

  // A field's edits and its reset button both set the value (the reset: the schema default).
  auto bind = [this](ParamField* f, auto apply) {
    connect(f, &ParamField::valueEdited, this, [apply](const ParamValue& v, int) { apply(v); });
    connect(f, &ParamField::resetRequested, this,
            [apply, f] { apply(f->info().defaultParamValue()); });
  };
  pLabel_ = new QLabel(tr("p"), this);
  p_ = ParamField::structural({.name = "p",
                               .defaultValue = 0.1,
                               .min = 0,
                               .max = 1,
                               .meaning = "Probability that each pair is connected"},
                              this, false);
  form->addRow(pLabel_, p_);
  bind(p_, [this](const ParamValue& v) {
    change(tr("connection probability"),
           [&v](ProjectionSpec& p) { p.connector.p = std::get<ValueSpec>(v).scalar; });
  });
  nLabel_ = new QLabel(tr("In-degree"), this);
  n_ = ParamField::structural({.name = "n",
                               .defaultValue = 10,
                               .min = 0,
                               .meaning = "Number of distinct sources each target receives",
                               .integer = true},
                              this, false);
  form->addRow(nLabel_, n_);
  bind(n_, [this](const ParamValue& v) {
    change(tr("in-degree"), [&v](ProjectionSpec& p) {
      p.connector.n = static_cast<int64_t>(std::get<ValueSpec>(v).scalar);
    });
  });
  allowSelf_ = new QCheckBox(tr("Allow a neuron to connect to itself"), this);
  form->addRow(QString(), allowSelf_);
  connect(allowSelf_, &QCheckBox::toggled, this, [this](bool on) {
    change(tr("self-connections"), [on](ProjectionSpec& p) { p.connector.allowSelf = on; });
  });
  listInfo_ = new QLabel(this);
  listInfo_->setWordWrap(true);
  form->addRow(QString(), listInfo_);

  weightLabel_ = new QLabel(tr("Weight"), this);
  weight_ = ParamField::structural(
      {.name = "weight",
       .unit = "nA",
       .meaning = "Jump of the target's synaptic current per spike (negative "
                  "for inhibition); a number or uniform(a, b) / normal(m, sd)"},
      this, true, true);  // a knob: a running network takes a new weight at once
  form->addRow(weightLabel_, weight_);
  connect(weight_, &ParamField::valueEdited, this, [this](const ParamValue& v, int gesture) {
    change(
        tr("weight"), [&v](ProjectionSpec& p) { p.weight = std::get<ValueSpec>(v); }, gesture);
  });
  connect(weight_, &ParamField::resetRequested, this, [this] {
    change(tr("weight"), [this](ProjectionSpec& p) {
      p.weight = std::get<ValueSpec>(weight_->info().defaultParamValue());
    });
  });
  delay_ = ParamField::structural({.name = "delay",
                                   .unit = "ms",
                                   .min = 0,
                                   .meaning = "Transmission delay, rounded to whole time steps"},
                                  this, true);
  form->addRow(tr("Delay"), delay_);
  bind(delay_, [this](const ParamValue& v) {
    change(tr("delay"), [&v](ProjectionSpec& p) { p.delay = std::get<ValueSpec>(v); });
  });
  refresh();
}

void ProjectionEditor::setId(std::string id) {
  id_ = std::move(id);
  plasticity_->setProjection(id_);
  refresh();
}

template <class Edit>
void ProjectionEditor::change(const QString& what, Edit edit, int gesture) {
  const ProjectionSpec* current = document_->project().network.findProjection(id_);
  if (!current) return;
  ProjectionSpec changed = *current;
  edit(changed);
  if (changed == *current) return;
  document_->undoStack()->push(new ChangeProjection(
      document_, changed, tr("Change %1 of '%2'").arg(what, toQ(id_)), gesture));
}

void ProjectionEditor::refresh() {
  const ProjectionSpec* p = document_->project().network.findProjection(id_);
  if (!p) return;
  const bool current = fromCurrentSource(document_->project(), *p);
  title_->setText(toQ(p->pre) + QStringLiteral("  →  ") + toQ(p->post));
  title_->setToolTip(current ? tr("A current source: the weight scales its current")
                             : tr("Spikes of '%1' reach '%2'").arg(toQ(p->pre), toQ(p->post)));
  if (!idEdit_->hasFocus()) idEdit_->setText(toQ(p->id));
  receptor_->setCurrentIndex(p->receptor == Receptor::Excitatory ? 0 : 1);
  receptor_->setEnabled(!current);
  const ConnectorSpec& c = p->connector;
  connector_->setCurrentIndex(static_cast<int>(c.type));
  const bool random = c.type == CT::Random, indegree = c.type == CT::FixedInDegree;
  pLabel_->setVisible(random);
  p_->setVisible(random);
  auto show = [](ParamField* f, const ValueSpec& v) {
    f->setValue(v, ParamValue(v) == f->info().defaultParamValue());
  };
  show(p_, ValueSpec::constant(c.p));
  nLabel_->setVisible(indegree);
  n_->setVisible(indegree);
  show(n_, ValueSpec::constant(static_cast<double>(c.n)));
  allowSelf_->setVisible(p->pre == p->post && c.type != CT::OneToOne && c.type != CT::FromList);
  {
    const QSignalBlocker block(allowSelf_);
    allowSelf_->setChecked(c.allowSelf);
  }
  listInfo_->setVisible(c.type == CT::FromList);
  listInfo_->setText(tr("%1 synapses listed in the project file").arg(c.list.size()));
  weightLabel_->setText(current ? tr("Gain") : tr("Weight"));
  show(weight_, p->weight);
  show(delay_, p->delay);
  delay_->setEnabled(!current);
  plasticity_->setVisible(!current || p->plasticity);  // a current carries no spikes to learn from
  plasticity_->refresh();
}

}  // namespace snn::gui
