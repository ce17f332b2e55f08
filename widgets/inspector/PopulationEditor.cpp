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
#include "commands/ChangeParameter.h"
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
    : QWidget(parent), document_(document), id_(std::move(id)) {
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
  for (const ParamInfo& p : info->params) {
    const std::string name = p.name;
    auto* f = new ParamField(
        p,
        [this, p](const ParamValue& v) {
          const PopulationSpec* now = document_->project().network.findPopulation(id_);
          auto problem = checkParamValue(p, v, now ? now->size : 1);
          return problem ? toQ(*problem) : QString();
        },
        this);
    connect(f, &ParamField::valueEdited, this, [this, name](const ParamValue& v, int gesture) {
      document_->undoStack()->push(new ChangeParameter(document_, id_, name, v, gesture));
    });
    connect(f, &ParamField::resetRequested, this, [this, name] {
      document_->undoStack()->push(new ChangeParameter(document_, id_, name, std::nullopt));
    });
    QString tip = f->toolTip();
    params_->addRow(nameLabel(toQ(name), tip, this), f);
    fields_[name] = f;
  }
  for (const StateVarInfo& s : info->stateVars) {
    ParamInfo asParam;
    asParam.name = s.name;
    asParam.unit = s.unit;
    asParam.meaning = s.meaning + (s.initialFromParam.empty()
                                       ? std::string()
                                       : " (starts at " + s.initialFromParam + " unless set)");
    asParam.defaultValue = s.initial;
    const std::string name = s.name;
    auto* f = new ParamField(
        asParam,
        [asParam](const ParamValue& v) {
          auto problem = checkParamValue(asParam, v, 1);
          return problem ? toQ(*problem) : QString();
        },
        this);
    if (!s.initialFromParam.empty())
      f->lineEdit()->setPlaceholderText("= " + toQ(s.initialFromParam));
    f->hideSlider();  // a starting value, not a knob
    auto setInit = [this, name](std::optional<ValueSpec> v) {
      PopulationSpec changed = *document_->project().network.findPopulation(id_);
      if (v)
        changed.init[name] = *v;
      else
        changed.init.erase(name);
      document_->undoStack()->push(new ChangePopulation(
          document_, changed, tr("Change initial %1 of '%2'").arg(toQ(name), toQ(id_))));
    };
    connect(f, &ParamField::valueEdited, this,
            [setInit](const ParamValue& v, int) { setInit(std::get<ValueSpec>(v)); });
    connect(f, &ParamField::resetRequested, this, [setInit] { setInit(std::nullopt); });
    init_->addRow(nameLabel(toQ(name), f->toolTip(), this), f);
    initFields_[name] = f;
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
  feed_->setVisible(info && (info->imageEncoder || pop->feed));
  feed_->refresh();
  if (!info) return;
  for (const ParamInfo& p : info->params) {
    auto it = pop->params.find(p.name);
    const bool isDefault = it == pop->params.end();
    fields_.at(p.name)->setValue(isDefault ? p.defaultParamValue() : it->second, isDefault);
  }
  for (const StateVarInfo& s : info->stateVars) {
    auto it = pop->init.find(s.name);
    ParamField* f = initFields_.at(s.name);
    if (it != pop->init.end()) {
      f->setValue(it->second, false);
    } else {
      f->setValue(ValueSpec::constant(s.initial), true);
      if (!s.initialFromParam.empty()) f->lineEdit()->clear();  // placeholder: "= v_rest"
    }
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
  PopulationSpec changed = *document_->project().network.findPopulation(id_);
  if (changed.size == size_->value()) return;
  changed.size = size_->value();
  document_->undoStack()->push(new ChangePopulation(
      document_, changed, tr("Resize '%1' to %2").arg(toQ(id_)).arg(changed.size)));
}

}  // namespace snn::gui
