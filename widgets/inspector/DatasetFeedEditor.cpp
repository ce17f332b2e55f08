#include "DatasetFeedEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "DatasetChooser.h"
#include "SchemaField.h"
#include "commands/ChangeField.h"
#include "document/NetworkDocument.h"
#include "model/ObjectFields.h"
#include "sim/NetworkValidator.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

DatasetFeedEditor::DatasetFeedEditor(NetworkDocument* document, std::string population,
                                     QWidget* parent)
    : QGroupBox(tr("Fed by a dataset"), parent), document_(document), id_(std::move(population)) {
  setCheckable(true);
  setToolTip(
      tr("During a run, show dataset images one after another: each for the "
         "presentation time, then silence"));
  auto* outer = new QVBoxLayout(this);
  body_ = new QWidget(this);
  outer->addWidget(body_);
  auto* form = new QFormLayout(body_);
  form->setContentsMargins(0, 0, 0, 0);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  dataset_ = new DatasetChooser(body_);
  form->addRow(tr("Dataset"), dataset_);
  split_ = new QComboBox(body_);
  split_->addItem(tr("test samples"), QStringLiteral("test"));
  split_->addItem(tr("training samples"), QStringLiteral("train"));
  form->addRow(tr("Split"), split_);
  const std::pair<const char*, QString> rows[] = {{"feed.present_ms", tr("Present")},
                                                  {"feed.rest_ms", tr("Rest")},
                                                  {"feed.first", tr("First sample")}};
  for (const auto& [field, label] : rows) {
    auto* f = new SchemaField(
        document_, ObjectKind::Population, [this] { return id_; }, field, body_);
    form->addRow(label, f);
    fields_.push_back(f);
  }
  fit_ = new QLabel(body_);
  fit_->setWordWrap(true);
  form->addRow(fit_);
  resize_ = new QPushButton(body_);
  resize_->setToolTip(tr("One neuron per pixel of the dataset's images"));
  auto* resizeRow = new QHBoxLayout;
  resizeRow->addStretch(1);
  resizeRow->addWidget(resize_);
  form->addRow(resizeRow);

  connect(this, &QGroupBox::clicked, this,
          [this](bool on) { set("feed", ValueSpec::constant(on ? 1.0 : 0.0)); });
  connect(dataset_, &DatasetChooser::datasetChosen, this,
          [this](const QString& dataset) { set("feed.dataset", toStd(dataset)); });
  connect(split_, &QComboBox::activated, this,
          [this](int index) { set("feed.split", toStd(split_->itemData(index).toString())); });
  connect(resize_, &QPushButton::clicked, this, [this] {
    const PopulationSpec* p = document_->project().network.findPopulation(id_);
    const auto size =
        p && p->feed ? DatasetChooser::knownImageSize(p->feed->dataset) : std::nullopt;
    if (!size) return;
    const int pixels = size->first * size->second;
    auto* change = new ChangeField(document_, ObjectKind::Population, id_, "size",
                                   ValueSpec::constant(pixels));
    change->setText(tr("Resize '%1' to %2").arg(toQ(id_)).arg(pixels));
    document_->undoStack()->push(change);
  });
  refresh();
}

ParamField* DatasetFeedEditor::field(const std::string& name) const {
  for (SchemaField* f : fields_)
    if (f->field() == "feed." + name) return f;
  return nullptr;
}

void DatasetFeedEditor::setPopulation(std::string id) {
  id_ = std::move(id);
  refresh();
}

void DatasetFeedEditor::set(const std::string& field, const ParamValue& value) {
  const std::optional<ParamValue> now =
      getField(document_->project(), ObjectKind::Population, id_, field);
  if (now == value) return;
  document_->undoStack()->push(
      new ChangeField(document_, ObjectKind::Population, id_, field, value));
}

void DatasetFeedEditor::refresh() {
  const PopulationSpec* p = document_->project().network.findPopulation(id_);
  if (!p) return;
  const bool on = p->feed.has_value();
  setChecked(on);
  body_->setVisible(on);
  const DatasetFeedSpec f = on ? *p->feed : DatasetFeedSpec{};
  dataset_->setDataset(f.dataset);
  split_->setCurrentIndex(std::max(0, split_->findData(toQ(f.split))));
  if (on)
    for (SchemaField* field : fields_) field->refresh();
  const auto size = DatasetChooser::knownImageSize(f.dataset);
  const int pixels = size ? size->first * size->second : 0;
  const bool fits = !size || pixels == p->size;
  if (!size)
    fit_->setText(tr("The population needs one neuron per pixel of the folder's images."));
  else if (fits)
    fit_->setText(
        tr("%1 × %2 = %3 pixels: one neuron each.").arg(size->first).arg(size->second).arg(pixels));
  else
    fit_->setText(tr("The images have %1 × %2 = %3 pixels but '%4' has %5 neurons.")
                      .arg(size->first)
                      .arg(size->second)
                      .arg(pixels)
                      .arg(toQ(id_))
                      .arg(p->size));
  fit_->setStyleSheet(fits ? QString()
                           : QStringLiteral("color: %1").arg(problemColor(palette()).name()));
  resize_->setText(tr("Resize '%1' to %2").arg(toQ(id_)).arg(pixels));
  resize_->setVisible(!fits);
}

}  // namespace snn::gui
