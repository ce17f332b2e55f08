#include "PopulationEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

#include "DatasetFeedEditor.h"
#include "ParamField.h"
#include "SchemaField.h"
#include "commands/ChangeField.h"
#include "commands/ChangePopulation.h"
#include "commands/RenameObject.h"
#include "document/NetworkDocument.h"
#include "document/ObjectIds.h"
#include "document/ValueText.h"
#include "sim/NetworkValidator.h"
#include "sim/NeuronModelRegistry.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {
const ModelInfo* modelInfo(const std::string& model) {
  const NeuronModelEntry* e = NeuronModelRegistry::instance().find(model);
  return e ? e->info : nullptr;
}

QLabel* nameLabel(const QString& name, const QString& tip, QWidget* parent) {
  auto* label = new QLabel(name, parent);
  label->setToolTip(tip);
  return label;
}
}  // namespace

PopulationEditor::PopulationEditor(NetworkDocument* document, std::string id, QWidget* parent)
    : InspectorPage(ObjectKind::Population, std::move(id), parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 10, 10, 10);
  title_ = headingLabel(QString(), this);
  layout->addWidget(title_);
  meaning_ = new QLabel(this);
  meaning_->setWordWrap(true);
  meaning_->setForegroundRole(QPalette::PlaceholderText);
  layout->addWidget(meaning_);

  auto* identity = new QFormLayout;
  identity->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  idEdit_ = new QLineEdit(this);
  idProblem_ = new QLabel(this);
  idProblem_->setVisible(false);
  idProblem_->setStyleSheet(QStringLiteral("color: %1").arg(problemColor(palette()).name()));
  auto* idBox = new QVBoxLayout;
  idBox->setSpacing(2);
  idBox->addWidget(idEdit_);
  idBox->addWidget(idProblem_);
  identity->addRow(nameLabel(tr("Id"), tr("The population's name in the project; unique"), this),
                   idBox);
  connect(idEdit_, &QLineEdit::editingFinished, this, [this] { renameTo(idEdit_->text()); });
  connect(idEdit_, &QLineEdit::textEdited, this, [this](const QString& text) {
    const auto problem = renameProblem(document_->project(), id_, toStd(text));
    idProblem_->setText(problem ? tr("Id %1").arg(toQ(*problem)) : QString());
    idProblem_->setVisible(problem.has_value());
  });
  model_ = new QComboBox(this);
  for (const NeuronModelEntry& e : NeuronModelRegistry::instance().entries())
    model_->addItem(toQ(e.info->displayName), toQ(e.info->name));
  identity->addRow(nameLabel(tr("Model"), tr("Changing the model resets the parameters"), this),
                   model_);
  connect(model_, &QComboBox::activated, this, &PopulationEditor::changeModel);
  size_ = new QSpinBox(this);
  size_->setRange(1, static_cast<int>(std::min<int64_t>(kMaxPopulationSize, INT32_MAX)));
  size_->setGroupSeparatorShown(true);
  size_->setKeyboardTracking(false);
  identity->addRow(nameLabel(tr("Size"), tr("Number of neurons"), this), size_);
  connect(size_, &QSpinBox::editingFinished, this, &PopulationEditor::changeSize);
  shape_ = new SchemaField(
      document_, ObjectKind::Population, [this] { return id_; }, "shape", this);
  identity->addRow(nameLabel(tr("Shape"), shape_->toolTip(), this), shape_);
  shape_->setCommit([this](const std::optional<ParamValue>& v, int) {
    // A shape sets the size it makes, in the same undo step.
    const Sequence* s = v ? std::get_if<Sequence>(&*v) : nullptr;
    QUndoStack* undo = document_->undoStack();
    undo->beginMacro(tr("Change shape of '%1'").arg(toQ(id_)));
    undo->push(new ChangeField(document_, ObjectKind::Population, id_, "shape", v));
    if (s && s->size() == 3)
      undo->push(new ChangeField(document_, ObjectKind::Population, id_, "size",
                                 ValueSpec::constant((*s)[0] * (*s)[1] * (*s)[2])));
    undo->endMacro();
  });
  layout->addLayout(identity);
  feed_ = new DatasetFeedEditor(document_, id_, this);
  layout->addWidget(feed_);

  auto* paramsBox = new QGroupBox(tr("Parameters"), this);
  params_ = new QFormLayout(paramsBox);
  params_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  layout->addWidget(paramsBox);
  auto* initBox = initBox_ = new QGroupBox(tr("Initial state"), this);
  init_ = new QFormLayout(initBox);
  init_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  layout->addWidget(initBox);
  layout->addStretch(1);
  refresh();
}

ParamField* PopulationEditor::field(const std::string& param) const {
  auto it = fields_.find(param);
  return it == fields_.end() ? nullptr : it->second;
}

void PopulationEditor::setId(std::string id) {
  id_ = std::move(id);
  feed_->setPopulation(id_);
  refresh();
}

void PopulationEditor::build() {
  const PopulationSpec* pop = document_->project().network.findPopulation(id_);
  while (params_->rowCount() > 0) params_->removeRow(0);
  while (init_->rowCount() > 0) init_->removeRow(0);
  fields_.clear();
  initFields_.clear();
  builtForModel_ = pop->model;
  const ModelInfo* info = modelInfo(pop->model);
  if (!info) return;
  auto id = [this] { return id_; };
  for (const ParamInfo& p : info->params) {
    auto* f = new SchemaField(document_, ObjectKind::Population, id, "params." + p.name, this);
    params_->addRow(nameLabel(toQ(p.name), f->toolTip(), this), f);
    fields_[p.name] = f;
  }
  for (const StateVarInfo& s : info->stateVars) {
    auto* f = new SchemaField(document_, ObjectKind::Population, id, "init." + s.name, this);
    if (!s.initialFromParam.empty())
      f->lineEdit()->setPlaceholderText("= " + toQ(s.initialFromParam));
    init_->addRow(nameLabel(toQ(s.name), f->toolTip(), this), f);
    initFields_[s.name] = f;
  }
  initBox_->setVisible(!info->stateVars.empty());  // sources have no state to start from
}

void PopulationEditor::refresh() {
  const PopulationSpec* pop = document_->project().network.findPopulation(id_);
  if (!pop) return;
  if (pop->model != builtForModel_) build();
  const ModelInfo* info = modelInfo(pop->model);
  title_->setText(info ? toQ(info->displayName) : toQ(pop->model));
  QString tip;
  if (info) {
    tip = "<b>" + toQ(info->displayName).toHtmlEscaped() + "</b><pre>" +
          toQ(info->equation).toHtmlEscaped() + "</pre>";
    if (!info->reference.empty()) tip += "<i>" + toQ(info->reference).toHtmlEscaped() + "</i>";
  }
  title_->setToolTip(tip);
  meaning_->setText(info ? toQ(info->meaning) : tr("Unknown model: pick one of the list"));
  if (!idEdit_->hasFocus()) idEdit_->setText(toQ(pop->id));
  idProblem_->setVisible(false);
  model_->setCurrentIndex(model_->findData(toQ(pop->model)));
  if (!size_->hasFocus())
    size_->setValue(static_cast<int>(std::min<int64_t>(pop->size, INT32_MAX)));
  shape_->refresh();
  feed_->setVisible(info && (info->imageEncoder || pop->feed));
  feed_->refresh();
  if (!info) return;
  for (const auto& [name, f] : fields_) f->refresh();
  for (const StateVarInfo& s : info->stateVars) {
    SchemaField* f = initFields_.at(s.name);
    f->refresh();
    if (!pop->init.count(s.name) && !s.initialFromParam.empty())
      f->lineEdit()->clear();  // placeholder: "= v_rest"
  }
}

void PopulationEditor::renameTo(const QString& text) {
  const std::string newId = toStd(text.trimmed());
  if (newId == id_) return;
  if (renameProblem(document_->project(), id_, newId)) return;  // shown while typing
  const std::string oldId = id_;
  id_ = newId;  // follow the object before the change event arrives
  document_->undoStack()->push(new RenameObject(document_, oldId, newId));
}

void PopulationEditor::changeModel(int index) {
  const std::string model = toStd(model_->itemData(index).toString());
  PopulationSpec changed = *document_->project().network.findPopulation(id_);
  if (changed.model == model) return;
  changed.model = model;
  changed.params.clear();
  changed.init.clear();
  document_->undoStack()->push(new ChangePopulation(
      document_, changed, tr("Change model of '%1' to %2").arg(toQ(id_), toQ(model))));
}

void PopulationEditor::changeSize() {
  const PopulationSpec* p = document_->project().network.findPopulation(id_);
  if (!p || p->size == size_->value()) return;
  auto* change = new ChangeField(document_, ObjectKind::Population, id_, "size",
                                 ValueSpec::constant(size_->value()));
  change->setText(tr("Resize '%1' to %2").arg(toQ(id_)).arg(size_->value()));
  document_->undoStack()->push(change);
}

}  // namespace snn::gui
