#include "ConversionPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

#include "AccuracyTimestepsPlot.h"
#include "ActivationRatePlot.h"
#include "ConversionLayerTable.h"
#include "ConversionSession.h"
#include "EnergyTimestepsPlot.h"
#include "FsCodeView.h"
#include "canvas/AnnItem.h"
#include "commands/PasteObjects.h"
#include "conversion/FsEvaluator.h"
#include "conversion/SnnProjectBuilder.h"
#include "document/NetworkDocument.h"
#include "document/ProjectFragment.h"
#include "inspector/DatasetChooser.h"
#include "project/ProjectValidator.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

const char* kRateSteps = "2,4,8,16,32,64,128";
const char* kFsSteps = "1,2,3,4,6,8";

// "8, 16,32" -> {8, 16, 32}; an empty list when any entry is not a step count in 1..100000.
QList<int> parseSteps(const QString& text) {
  QList<int> out;
  for (const QString& item : text.split(',', Qt::SkipEmptyParts)) {
    bool ok = false;
    const int t = item.trimmed().toInt(&ok);
    if (!ok || t < 1 || t > 100000) return {};
    out << t;
  }
  return out;
}

}  // namespace

ConversionPanel::ConversionPanel(NetworkDocument* document, QWidget* parent)
    : QWidget(parent), document_(document), session_(new ConversionSession(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(buildControls());
  auto* buttons = new QHBoxLayout;
  start_ = new QPushButton(tr("Convert"), this);
  start_->setToolTip(tr("Convert the ANN and evaluate the SNN at each T on the test samples"));
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setEnabled(false);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  buttons->addWidget(start_);
  buttons->addWidget(progress_, 1);
  buttons->addWidget(cancel_);
  layout->addLayout(buttons);
  message_ = new QLabel(this);
  message_->setWordWrap(true);
  layout->addWidget(message_);

  tabs_ = new QTabWidget(this);
  accuracy_ = new AccuracyTimestepsPlot(this);
  accuracy_->setMinimumHeight(200);
  tabs_->addTab(accuracy_, tr("Accuracy"));
  layers_ = new ConversionLayerTable(this);
  tabs_->addTab(layers_, tr("Layers"));
  auto* scatterPage = new QWidget(this);
  auto* scatterLayout = new QVBoxLayout(scatterPage);
  scatterLayout->setContentsMargins(0, 0, 0, 0);
  auto* scatterRow = new QHBoxLayout;
  scatterLayer_ = new QComboBox(scatterPage);
  scatterSteps_ = new QComboBox(scatterPage);
  scatterRow->addWidget(new QLabel(tr("Layer"), scatterPage));
  scatterRow->addWidget(scatterLayer_, 1);
  scatterRow->addWidget(new QLabel(tr("at"), scatterPage));
  scatterRow->addWidget(scatterSteps_, 1);
  scatterLayout->addLayout(scatterRow);
  scatter_ = new ActivationRatePlot(scatterPage);
  scatter_->setMinimumHeight(200);
  scatterLayout->addWidget(scatter_, 1);
  tabs_->addTab(scatterPage, tr("Activation vs rate"));
  fsCode_ = new FsCodeView(this);
  tabs_->addTab(fsCode_, tr("FS code"));
  auto* energyPage = new QWidget(this);
  auto* energyLayout = new QVBoxLayout(energyPage);
  energyLayout->setContentsMargins(0, 0, 0, 0);
  energy_ = new EnergyTimestepsPlot(energyPage);
  energy_->setMinimumHeight(220);
  energyLayout->addWidget(energy_, 1);
  auto* exportRow = new QHBoxLayout;
  auto* csv = new QPushButton(tr("Export CSV…"), energyPage);
  auto* picture = new QPushButton(tr("Export picture…"), energyPage);
  exportRow->addStretch();
  exportRow->addWidget(csv);
  exportRow->addWidget(picture);
  energyLayout->addLayout(exportRow);
  tabs_->addTab(energyPage, tr("Energy"));
  layout->addWidget(tabs_, 1);
  toProject_ = new QPushButton(tr("Convert to project"), this);
  toProject_->setEnabled(false);
  toProject_->setToolTip(
      tr("Add the converted SNN (at the largest T) to the canvas: an input "
         "population and one population of IF neurons per layer (undoable)"));
  layout->addWidget(toProject_);

  connect(start_, &QPushButton::clicked, this, &ConversionPanel::start);
  connect(cancel_, &QPushButton::clicked, session_, &ConversionSession::cancel);
  connect(toProject_, &QPushButton::clicked, this, [this] {
    const QString problem = convertToProject();
    message_->setText(problem.isEmpty() ? tr("The SNN is on the canvas (Edit › Undo removes it)")
                                        : problem);
  });
  connect(csv, &QPushButton::clicked, this, [this] { chooseEnergyExport(false); });
  connect(picture, &QPushButton::clicked, this, [this] { chooseEnergyExport(true); });
  connect(session_, &ConversionSession::busyChanged, this, [this](bool busy) {
    start_->setEnabled(!busy);
    cancel_->setEnabled(busy);
    if (busy) progress_->setValue(0);
  });
  connect(session_, &ConversionSession::progressed, this, [this](qint64 done, qint64 total) {
    progress_->setValue(total > 0 ? static_cast<int>(1000 * done / total) : 0);
  });
  connect(session_, &ConversionSession::prepared, this, &ConversionPanel::onPrepared);
  connect(session_, &ConversionSession::pointReady, this, &ConversionPanel::onPoint);
  connect(session_, &ConversionSession::finished, this, &ConversionPanel::onFinished);
  connect(scatterLayer_, &QComboBox::currentIndexChanged, this, &ConversionPanel::showScatter);
  connect(scatterSteps_, &QComboBox::currentIndexChanged, this, &ConversionPanel::showScatter);
  connect(document_, &NetworkDocument::changed, this, [this](const ChangeEvent& e) {
    if (e.type == ChangeEvent::Type::ProjectReplaced) forget();
    if (e.type == ChangeEvent::Type::ProjectReplaced || e.kind == ObjectKind::Ann) refreshAnns();
  });
  refreshAnns();
}

ConversionPanel::~ConversionPanel() {
  session_->shutdown();
}

QWidget* ConversionPanel::buildControls() {
  auto* box = new QWidget(this);
  auto* form = new QFormLayout(box);
  form->setContentsMargins(0, 0, 0, 0);
  ann_ = new QComboBox(box);
  ann_->setToolTip(tr("The ANN node to convert (ReLU networks for rate conversion)"));
  form->addRow(tr("ANN"), ann_);
  method_ = new QComboBox(box);
  method_->addItem(tr("rate (IF neurons)"), QStringLiteral("rate"));
  method_->setItemData(0,
                       tr("Integrate-and-fire neurons with reset by subtraction: an "
                          "activation becomes a firing rate (Rueckauer et al. 2017)"),
                       Qt::ToolTipRole);
  method_->addItem(tr("fs (few-spike neurons)"), QStringLiteral("fs"));
  method_->setItemData(1,
                       tr("Few-spike neurons: K steps per layer, a spike at step t carries "
                          "d(t) (Stöckl & Maass 2021)"),
                       Qt::ToolTipRole);
  form->addRow(tr("Method"), method_);
  auto* normRow = new QHBoxLayout;
  norm_ = new QComboBox(box);
  norm_->addItem(tr("percentile"), QStringLiteral("percentile"));
  norm_->addItem(tr("max"), QStringLiteral("max"));
  norm_->setToolTip(
      tr("λ per layer: the largest activation on the calibration images (max, "
         "Diehl et al. 2015) or their p-th percentile (Rueckauer et al. 2017)"));
  percentile_ = new QDoubleSpinBox(box);
  percentile_->setRange(50.0, 100.0);
  percentile_->setDecimals(2);
  percentile_->setValue(99.9);
  percentile_->setPrefix(tr("P = "));
  normRow->addWidget(norm_);
  normRow->addWidget(percentile_);
  form->addRow(tr("Normalisation"), normRow);
  timesteps_ = new QLineEdit(kRateSteps, box);
  timesteps_->setToolTip(
      tr("Comma-separated: the time steps T each sample is shown for (rate), "
         "or K, the steps per layer (fs)"));
  form->addRow(tr("T values"), timesteps_);
  auto* dataRow = new QHBoxLayout;
  dataset_ = new DatasetChooser(box);
  testLimit_ = new QSpinBox(box);
  testLimit_->setRange(0, 100000);
  testLimit_->setValue(1000);
  testLimit_->setSpecialValueText(tr("all"));
  testLimit_->setPrefix(tr("test "));
  testLimit_->setToolTip(tr("Evaluate on the first N test samples (0: all)"));
  dataRow->addWidget(dataset_, 1);
  dataRow->addWidget(testLimit_);
  form->addRow(tr("Dataset"), dataRow);
  connect(method_, &QComboBox::currentIndexChanged, this, &ConversionPanel::onMethodChanged);
  connect(norm_, &QComboBox::currentIndexChanged, this,
          [this] { percentile_->setEnabled(norm_->currentData().toString() == "percentile"); });
  connect(dataset_, &DatasetChooser::datasetChosen, this, [this](const QString& d) {
    datasetName_ = d;
    dataset_->setDataset(toStd(d));
  });
  return box;
}

void ConversionPanel::refreshAnns() {
  const QString was = ann_->currentText();
  ann_->clear();
  const Project& project = document_->project();
  for (const AnnNodeSpec& a : project.network.anns) ann_->addItem(toQ(a.id));
  if (int i = ann_->findText(was); i >= 0) ann_->setCurrentIndex(i);
  if (project.training && project.training->method == "ann")
    datasetName_ = toQ(project.training->dataset);
  dataset_->setDataset(toStd(datasetName_));
  start_->setEnabled(!session_->isBusy() && ann_->count() > 0);
  if (ann_->count() == 0)
    message_->setText(
        tr("No ANN in this project: File › Import… an ONNX model, or open an "
           "example with one."));
  else if (message_->text().startsWith(tr("No ANN")))
    message_->clear();
}

void ConversionPanel::forget() {
  // Another project: what was converted belongs to the old one (a conversion still running is
  // cancelled and its last reports ignored).
  session_->cancel();
  stale_ = true;
  setup_.reset();
  points_.clear();
  accuracy_->reset(QStringLiteral("T"));
  energy_->reset(QStringLiteral("T"));
  scatter_->clear();
  layers_->setRowCount(0);
  toProject_->setEnabled(false);
  message_->clear();
}

void ConversionPanel::onMethodChanged() {
  const bool fs = method_->currentData().toString() == "fs";
  timesteps_->setText(fs ? kFsSteps : kRateSteps);
  if (auto* form = qobject_cast<QFormLayout*>(timesteps_->parentWidget()->layout()))
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(timesteps_)))
      label->setText(fs ? tr("K values") : tr("T values"));
  tabs_->setTabText(static_cast<int>(Tab::Scatter),
                    fs ? tr("Activation vs FS output") : tr("Activation vs rate"));
}

void ConversionPanel::showTab(Tab tab) {
  tabs_->setCurrentIndex(static_cast<int>(tab));
}

QString ConversionPanel::message() const {
  return message_->text();
}

bool ConversionPanel::convert(const QString& ann, const QString& method,
                              const QList<int>& timesteps, const QString& dataset,
                              qint64 testLimit) {
  if (!ann.isEmpty()) ann_->setCurrentText(ann);
  method_->setCurrentIndex(std::max(0, method_->findData(method)));
  QStringList steps;
  for (int t : timesteps) steps << QString::number(t);
  timesteps_->setText(steps.join(','));
  if (!dataset.isEmpty()) {
    datasetName_ = dataset;
    dataset_->setDataset(toStd(dataset));
  }
  testLimit_->setValue(static_cast<int>(testLimit));
  start();
  return session_->isBusy();
}

void ConversionPanel::start() {
  const AnnNodeSpec* node = document_->project().network.findAnn(toStd(ann_->currentText()));
  if (!node) {
    message_->setText(tr("Choose an ANN to convert"));
    return;
  }
  const QList<int> steps = parseSteps(timesteps_->text());
  if (steps.isEmpty()) {
    message_->setText(tr("T values: '%1' is not a comma-separated list of step counts in "
                         "1..100000")
                          .arg(timesteps_->text()));
    return;
  }
  ConversionJob job;
  job.ann = node->ann;
  job.annId = node->id;
  job.energy = document_->project().energy.value_or(EnergySpec{});
  job.method = toStd(method_->currentData().toString());
  job.options.norm =
      norm_->currentData().toString() == "max" ? LayerNorm::Max : LayerNorm::Percentile;
  job.options.percentile = percentile_->value();
  job.timesteps.assign(steps.begin(), steps.end());
  job.dataset = toStd(datasetName_);
  job.testLimit = testLimit_->value();
  const bool edited = job.method == "fs" && fsCode_->isEdited();
  if (edited) {  // the dock's code, at its K
    job.fsReluCode = fsCode_->normalisedCoefficients();
    job.timesteps = {job.fsReluCode->steps()};
  }
  lastJob_ = job;
  stale_ = false;
  setup_.reset();
  points_.clear();
  const QString name = job.method == "fs" ? QStringLiteral("K") : QStringLiteral("T");
  accuracy_->reset(name);
  energy_->reset(name);
  scatter_->clear();
  {
    const QSignalBlocker b1(scatterLayer_), b2(scatterSteps_);
    scatterLayer_->clear();
    scatterSteps_->clear();
  }
  layers_->setRowCount(0);
  toProject_->setEnabled(false);
  message_->setText(tr("Converting %1 (calibrating on the training images)…").arg(toQ(job.annId)) +
                    (edited ? tr(" With the edited FS codes of the FS code tab, K = %1 only.")
                                  .arg(job.timesteps.front())
                            : QString()));
  session_->start(std::move(job));
}

void ConversionPanel::onPrepared(ConversionSetupPtr setup) {
  if (stale_) return;
  setup_ = setup;
  accuracy_->setAnnAccuracy(setup->annAccuracy);
  const QSignalBlocker block(scatterLayer_);
  for (const SnnStage& s : setup->snn->stages) scatterLayer_->addItem(toQ(s.id));
  fillLayerTable();
  QString text = tr("ANN %1 % on %2 test samples.")
                     .arg(100.0 * setup->annAccuracy, 0, 'f', 2)
                     .arg(setup->testSamples);
  for (const std::string& note : setup->snn->notes) text += "\n⚠ " + toQ(note);
  message_->setText(text);
}

void ConversionPanel::onPoint(ConversionPointPtr point) {
  if (stale_) return;
  points_ << point;
  const ConversionResult& r = point->result;
  accuracy_->addPoint(r.timesteps, r.snnAccuracy, r.spikesPerNeuron);
  energy_->addPoint(r.timesteps, r.snnAccuracy, r.annAccuracy, r.spikesPerNeuron, point->energy);
  fillLayerTable();
  const QString steps = lastJob_.method == "fs" ? QStringLiteral("K") : QStringLiteral("T");
  scatterSteps_->addItem(QString("%1 = %2").arg(steps).arg(r.timesteps));
  scatterSteps_->setCurrentIndex(scatterSteps_->count() - 1);  // redraws the scatter
}

void ConversionPanel::onFinished(ConversionOutcome outcome, const QString& message) {
  progress_->setValue(outcome == ConversionOutcome::Completed && !stale_ ? 1000 : 0);
  if (stale_) return;
  if (outcome == ConversionOutcome::Failed) {
    message_->setText(message);
    Q_EMIT messageReported(tr("Conversion failed: %1").arg(message));
    return;
  }
  toProject_->setEnabled(setup_ && !points_.isEmpty());
  toProject_->setToolTip(lastJob_.method == "fs"
                             ? tr("Add the few-spike SNN (at the largest K: populations of fs "
                                  "neurons) to the canvas (undoable)")
                             : tr("Add the converted SNN (at the largest T) to the canvas "
                                  "(undoable)"));
  if (outcome == ConversionOutcome::Cancelled)
    message_->setText(message_->text() + tr("\nCancelled after %n value(s) of T.", nullptr,
                                            static_cast<int>(points_.size())));
}

void ConversionPanel::fillLayerTable() {
  if (setup_) layers_->showLayers(lastJob_, *setup_->snn, points_);
}

void ConversionPanel::showScatter() {
  const int layer = scatterLayer_->currentIndex(), at = scatterSteps_->currentIndex();
  if (layer < 0 || at < 0 || at >= points_.size()) return;
  const ConversionDiagnostics& d = points_[at]->diagnostics;
  if (layer >= static_cast<int>(d.layers.size())) return;
  scatter_->showLayer(d.layers[static_cast<size_t>(layer)], toQ(d.method), d.timesteps);
}

QString ConversionPanel::convertToProject(int timesteps) {
  if (!setup_ || points_.isEmpty()) return tr("Convert first: nothing has been converted yet");
  if (timesteps <= 0)
    timesteps = *std::max_element(lastJob_.timesteps.begin(), lastJob_.timesteps.end());
  const FsCoefficients* edited = lastJob_.fsReluCode ? &*lastJob_.fsReluCode : nullptr;
  if (edited) timesteps = edited->steps();  // the only K the run evaluated
  const SnnProjectOptions options{
      .timesteps = timesteps, .dataset = lastJob_.dataset, .split = "test"};
  Project fragment;
  if (lastJob_.method == "fs") {
    // per stage, the codes the evaluation used (the edited ones where the run used them)
    fragment =
        buildFsProject(*setup_->snn, fsStageCoefficients(*setup_->snn, timesteps, edited), options);
  } else {
    fragment = buildSnnProject(*setup_->snn, options);
  }
  if (const auto problems = validateProject(fragment); !problems.empty())
    return toQ(joinDiagnostics(problems));
  // A row of cards with room for the projections between them, below the ANN's card.
  double x = 0.0;
  for (const PopulationSpec& p : fragment.network.populations) {
    fragment.layout[p.id] = NodePosition{x, 0.0};
    x += NodeItem::kWidth + 90.0;
  }
  const Project& project = document_->project();
  NodePosition at{0.0, 0.0};
  if (auto it = project.layout.find(lastJob_.annId); it != project.layout.end()) at = it->second;
  const double below = NodeItem::kHeight +
                       AnnItem::kLineHeight * static_cast<double>(lastJob_.ann.layers.size()) +
                       80.0;
  fragment = prepareForPaste(project, std::move(fragment), at.x, at.y + below);
  auto* edit = new QUndoCommand(tr("Convert ANN %1 to an SNN (%2 = %3%4)")
                                    .arg(toQ(lastJob_.annId), lastJob_.method == "fs" ? "K" : "T")
                                    .arg(timesteps)
                                    .arg(edited ? tr(", edited FS codes") : QString()));
  new PasteObjects(document_, std::move(fragment), edit);
  document_->undoStack()->push(edit);
  Q_EMIT addedToProject();
  return {};
}

void ConversionPanel::chooseEnergyExport(bool picture) {
  const QString path = QFileDialog::getSaveFileName(
      this, picture ? tr("Export energy versus T picture") : tr("Export energy versus T table"),
      picture ? "conversion-energy.png" : "conversion-energy.csv",
      picture ? tr("Pictures (*.png *.svg *.pdf)") : tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  const QString problem = picture ? energy_->exportTo(path) : energy_->exportCsv(path);
  message_->setText(problem.isEmpty() ? tr("Written to %1").arg(path) : problem);
}

}  // namespace snn::gui
