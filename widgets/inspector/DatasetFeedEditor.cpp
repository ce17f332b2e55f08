#include "DatasetFeedEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "DatasetChooser.h"
#include "ParamField.h"
#include "commands/ChangePopulation.h"
#include "document/NetworkDocument.h"
#include "sim/NetworkValidator.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

// The feed's numbers, described as parameters so the fields check them like any other.
const ParamInfo kPresent{.name = "present_ms",
                         .unit = "ms",
                         .defaultValue = DatasetFeedSpec{}.presentMs,
                         .min = 0.0,
                         .minInclusive = false,
                         .meaning = "How long each image is shown (Diehl & Cook: 350 ms)"};
const ParamInfo kRest{.name = "rest_ms",
                      .unit = "ms",
                      .defaultValue = DatasetFeedSpec{}.restMs,
                      .min = 0.0,
                      .meaning = "Silence after each image (Diehl & Cook: 150 ms)"};
const ParamInfo kFirst{.name = "first",
                       .defaultValue = 0.0,
                       .min = 0.0,
                       .meaning = "Index of the first sample shown; the next ones follow in order",
                       .integer = true};

}  // namespace

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
  present_ = ParamField::structural(kPresent, body_);
  form->addRow(tr("Present"), present_);
  rest_ = ParamField::structural(kRest, body_);
  form->addRow(tr("Rest"), rest_);
  first_ = ParamField::structural(kFirst, body_);
  form->addRow(tr("First sample"), first_);
  fit_ = new QLabel(body_);
  fit_->setWordWrap(true);
  form->addRow(fit_);
  resize_ = new QPushButton(body_);
  resize_->setToolTip(tr("One neuron per pixel of the dataset's images"));
  auto* resizeRow = new QHBoxLayout;
  resizeRow->addStretch(1);
  resizeRow->addWidget(resize_);
  form->addRow(resizeRow);

  connect(this, &QGroupBox::clicked, this, [this](bool on) {
    edit(on ? tr("dataset feed on") : tr("dataset feed off"), [on](PopulationSpec& p) {
      if (on && !p.feed) p.feed = DatasetFeedSpec{};
      if (!on) p.feed.reset();
    });
  });
  connect(dataset_, &DatasetChooser::datasetChosen, this, [this](const QString& dataset) {
    edit(tr("dataset"), [d = toStd(dataset)](PopulationSpec& p) {
      if (p.feed) p.feed->dataset = d;
    });
  });
  connect(split_, &QComboBox::activated, this, [this](int index) {
    edit(tr("split"), [s = toStd(split_->itemData(index).toString())](PopulationSpec& p) {
      if (p.feed) p.feed->split = s;
    });
  });
  auto bind = [this](ParamField* f, auto apply) {
    auto push = [this, f, apply](const ParamValue& v) {
      edit(toQ(f->info().name), [&](PopulationSpec& p) {
        if (p.feed) apply(*p.feed, std::get<ValueSpec>(v).scalar);
      });
    };
    connect(f, &ParamField::valueEdited, this, [push](const ParamValue& v, int) { push(v); });
    connect(f, &ParamField::resetRequested, this,
            [push, f] { push(f->info().defaultParamValue()); });
  };
  bind(present_, [](DatasetFeedSpec& f, double v) { f.presentMs = v; });
  bind(rest_, [](DatasetFeedSpec& f, double v) { f.restMs = v; });
  bind(first_, [](DatasetFeedSpec& f, double v) { f.first = static_cast<int64_t>(v); });
  connect(resize_, &QPushButton::clicked, this, [this] {
    const PopulationSpec* p = document_->project().network.findPopulation(id_);
    const auto size =
        p && p->feed ? DatasetChooser::knownImageSize(p->feed->dataset) : std::nullopt;
    if (!size) return;
    document_->undoStack()->push(new ChangePopulation(
        document_,
        [&] {
          PopulationSpec changed = *p;
          changed.size = size->first * size->second;
          return changed;
        }(),
        tr("Resize '%1' to %2").arg(toQ(id_)).arg(size->first * size->second)));
  });
  refresh();
}

ParamField* DatasetFeedEditor::field(const std::string& name) const {
  if (name == kPresent.name) return present_;
  if (name == kRest.name) return rest_;
  if (name == kFirst.name) return first_;
  return nullptr;
}

void DatasetFeedEditor::setPopulation(std::string id) {
  id_ = std::move(id);
  refresh();
}

void DatasetFeedEditor::edit(const QString& what,
                             const std::function<void(PopulationSpec&)>& change) {
  const PopulationSpec* current = document_->project().network.findPopulation(id_);
  if (!current) return;
  PopulationSpec changed = *current;
  change(changed);
  if (changed == *current) return;
  document_->undoStack()->push(
      new ChangePopulation(document_, changed, tr("Change %1 of '%2'").arg(what, toQ(id_))));
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
  present_->setValue(ValueSpec::constant(f.presentMs), f.presentMs == kPresent.defaultValue);
  rest_->setValue(ValueSpec::constant(f.restMs), f.restMs == kRest.defaultValue);
  first_->setValue(ValueSpec::constant(static_cast<double>(f.first)), f.first == 0);
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
