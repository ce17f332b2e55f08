#include "TrainingSetupEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QUndoStack>
#include <QVBoxLayout>

#include "commands/ChangeTraining.h"
#include "document/NetworkDocument.h"
#include "inspector/DatasetChooser.h"
#include "inspector/ParamForm.h"
#include "learning/TrainerRegistry.h"
#include "sim/NeuronModelRegistry.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

// Parameters that are knobs; a Sequence (STDP's labels) is what training writes, not a setting.
std::vector<ParamInfo> settings(const TrainerEntry& method) {
  std::vector<ParamInfo> out;
  for (const ParamInfo& p : method.params)
    if (p.kind != ParamKind::Sequence) out.push_back(p);
  return out;
}

}  // namespace

TrainingSetupEditor::TrainingSetupEditor(NetworkDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  method_ = new QComboBox(this);
  method_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  method_->setMinimumContentsLength(12);
  method_->setPlaceholderText(tr("Choose a method…"));
  for (const TrainerEntry& e : TrainerRegistry::instance().entries()) {
    method_->addItem(toQ(e.displayName), toQ(e.name));
    method_->setItemData(method_->count() - 1, toQ(e.meaning), Qt::ToolTipRole);
  }
  form->addRow(tr("Method"), method_);
  meaning_ = new QLabel(this);
  meaning_->setWordWrap(true);
  meaning_->setForegroundRole(QPalette::PlaceholderText);
  form->addRow(meaning_);
  dataset_ = new DatasetChooser(this);
  form->addRow(tr("Dataset"), dataset_);
  input_ = new QComboBox(this);
  input_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  input_->setToolTip(tr("The source population the images are shown to"));
  form->addRow(tr("Input"), input_);
  output_ = new QComboBox(this);
  output_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  output_->setToolTip(tr("The population whose spikes give the answer"));
  form->addRow(tr("Output"), output_);
  endpoints_ = form;
  layout->addLayout(form);
  auto* params = new QGroupBox(tr("Method parameters"), this);
  paramsBox_ = params;
  paramsLayout_ = new QVBoxLayout(params);
  layout->addWidget(params);  // unless a panel places it elsewhere

  connect(method_, &QComboBox::activated, this, [this](int index) {
    const std::string method = toStd(method_->itemData(index).toString());
    edit(tr("training method"), [&method](TrainingSpec& t) {
      if (t.method != method) t.params.clear();  // each method has its own
      t.method = method;
    });
  });
  connect(dataset_, &DatasetChooser::datasetChosen, this, [this](const QString& dataset) {
    edit(tr("training dataset"), [d = toStd(dataset)](TrainingSpec& t) { t.dataset = d; });
  });
  for (auto [box, field] :
       {std::pair{input_, &TrainingSpec::input}, std::pair{output_, &TrainingSpec::output}})
    connect(box, &QComboBox::activated, this, [this, box = box, field = field](int index) {
      edit(box == input_ ? tr("training input") : tr("training output"),
           [&](TrainingSpec& t) { t.*field = toStd(box->itemData(index).toString()); });
    });
  connect(document_, &NetworkDocument::changed, this, &TrainingSetupEditor::onDocumentChanged);
  refresh();
}

void TrainingSetupEditor::onDocumentChanged(const ChangeEvent& event) {
  using T = ChangeEvent::Type;
  // A model parameter changes no choice here (a slider drag sends many of them).
  if (event.type == T::NodesMoved ||
      (event.type == T::FieldChanged && event.field.rfind("params.", 0) == 0 &&
       event.kind == ObjectKind::Population))
    return;
  refresh();
}

void TrainingSetupEditor::edit(const QString& what,
                               const std::function<void(TrainingSpec&)>& change) {
  const std::optional<TrainingSpec>& current = document_->project().training;
  TrainingSpec changed = current.value_or(TrainingSpec{});
  change(changed);
  if (current && changed == *current) return;
  document_->undoStack()->push(new ChangeTraining(document_, changed, tr("Change %1").arg(what)));
}

void TrainingSetupEditor::rebuildForm(const std::string& method) {
  delete form_;
  form_ = nullptr;
  delete written_;
  written_ = nullptr;
  builtForMethod_ = method;
  const TrainerEntry* entry = TrainerRegistry::instance().find(method);
  if (!entry) return;
  form_ = new ParamForm(settings(*entry), paramsBox_);
  paramsLayout_->addWidget(form_);
  auto set = [this](const QString& name, std::optional<ParamValue> value) {
    edit(tr("training parameter %1").arg(name), [&](TrainingSpec& t) {
      if (value)
        t.params[toStd(name)] = *value;
      else
        t.params.erase(toStd(name));
    });
  };
  connect(form_, &ParamForm::valueEdited, this,
          [set](const QString& name, const ParamValue& v) { set(name, v); });
  connect(form_, &ParamForm::resetRequested, this,
          [set](const QString& name) { set(name, std::nullopt); });
  written_ = new QLabel(paramsBox_);
  written_->setWordWrap(true);
  written_->setForegroundRole(QPalette::PlaceholderText);
  paramsLayout_->addWidget(written_);
}

void TrainingSetupEditor::fillEndpoints(QComboBox* box, const std::string& chosen,
                                        const std::string& automatic, bool sources) {
  const QSignalBlocker block(box);
  box->clear();
  box->addItem(
      automatic.empty() ? tr("automatic (none found)") : tr("automatic: %1").arg(toQ(automatic)),
      QString());
  for (const PopulationSpec& p : document_->project().network.populations) {
    const NeuronModelEntry* e = NeuronModelRegistry::instance().find(p.model);
    const bool source = e && e->info->role != ModelRole::Neuron;
    if (source == sources) box->addItem(toQ(p.id), toQ(p.id));
  }
  int index = box->findData(toQ(chosen));
  if (index < 0 && !chosen.empty()) {
    box->addItem(tr("%1 (missing)").arg(toQ(chosen)), toQ(chosen));
    index = box->count() - 1;
  }
  box->setCurrentIndex(std::max(index, 0));
}

void TrainingSetupEditor::refresh() {
  const Project& project = document_->project();
  const std::optional<TrainingSpec>& t = project.training;
  const std::string method = t ? t->method : std::string();
  const TrainerEntry* entry = TrainerRegistry::instance().find(method);
  {
    const QSignalBlocker block(method_);
    method_->setCurrentIndex(method_->findData(toQ(method)));
  }
  meaning_->setText(entry ? toQ(entry->meaning)
                    : t   ? tr("Unknown method '%1'").arg(toQ(method))
                          : tr("This project has no training set up yet."));
  dataset_->setDataset(t ? t->dataset : TrainingSpec{}.dataset);
  dataset_->setEnabled(t.has_value());
  Project resolved = project;
  if (resolved.training) resolved.training->input = resolved.training->output = {};
  const TrainingEndpoints automatic = resolveTrainingEndpoints(resolved);
  fillEndpoints(input_, t ? t->input : std::string(), automatic.input, true);
  fillEndpoints(output_, t ? t->output : std::string(), automatic.output, false);
  input_->setEnabled(t.has_value());
  output_->setEnabled(t.has_value());
  endpoints_->setRowVisible(input_, method != "ann");  // an ANN node takes the images itself
  endpoints_->setRowVisible(output_, method != "ann");
  if (!builtForMethod_ || *builtForMethod_ != method) rebuildForm(method);
  if (!form_) return;
  form_->setValues(t->params);
  QStringList written;
  for (const ParamInfo& p : entry->params) {
    if (p.kind != ParamKind::Sequence) continue;
    auto it = t->params.find(p.name);
    const auto* values = it != t->params.end() ? std::get_if<Sequence>(&it->second) : nullptr;
    written << (values && !values->empty()
                    ? tr("%1: %2 values, written by training").arg(toQ(p.name)).arg(values->size())
                    : tr("%1: not written yet (training writes it)").arg(toQ(p.name)));
  }
  written_->setText(written.join("<br>"));
  written_->setVisible(!written.isEmpty());
}

}  // namespace snn::gui
