#include "SweepPanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <sstream>

#include "data/Dataset.h"
#include "document/NetworkDocument.h"
#include "model/CrossbarSchema.h"
#include "plots/ThemedPlot.h"
#include "project/FieldPath.h"
#include "project/ProjectEvaluation.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

std::string numberText(double v) {
  std::ostringstream s;
  s.precision(17);
  s << v;
  return s.str();
}

}  // namespace

void SweepWorker::run(const Project& project, const std::string& path,
                      const std::vector<double>& values, int64_t testLimit) {
  try {
    if (!project.training)
      throw std::runtime_error("the project has no training block to say its dataset and readout");
    const DatasetSplit data = loadDataset(project.training->dataset);
    EvaluationOptions options;
    options.testLimit = testLimit;
    TrainingCallbacks callbacks;
    callbacks.cancelled = [this] { return cancel_->load(); };
    for (size_t k = 0; k < values.size(); ++k) {
      if (cancel_->load()) return Q_EMIT finished(true);
      Project p = project;
      setFieldFromText(p, path, numberText(values[k]));
      const EvaluationResult r = evaluateProject(p, data, options, callbacks);
      if (cancel_->load()) return Q_EMIT finished(true);
      Q_EMIT pointReady({values[k], r.accuracy, r.samples});
      Q_EMIT progressed(static_cast<double>(k + 1) / static_cast<double>(values.size()));
    }
    Q_EMIT finished(false);
  } catch (const SpecError& e) {
    Q_EMIT failed(toQ(e.diagnostics().front().toString()));
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromUtf8(e.what()));
  }
}

SweepPanel::SweepPanel(NetworkDocument* document, QWidget* parent)
    : QWidget(parent),
      document_(document),
      cancel_(std::make_shared<std::atomic<bool>>(false)),
      thread_(new SweepWorker(cancel_), QStringLiteral("crossbar sweep"),
              [c = cancel_] { c->store(true); }) {
  qRegisterMetaType<SweepPoint>();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  auto* form = new QFormLayout;
  auto* what = new QHBoxLayout;
  crossbar_ = new QComboBox(this);
  field_ = new QComboBox(this);
  for (const CrossbarFieldInfo& f : crossbarFields())
    if (f.info.kind != ParamKind::Choice && !f.section.empty())
      field_->addItem(toQ(f.path()), toQ(f.path())),
          field_->setItemData(field_->count() - 1, toQ(f.info.meaning), Qt::ToolTipRole);
  field_->setCurrentIndex(std::max(0, field_->findData("device.levels")));
  what->addWidget(crossbar_);
  what->addWidget(field_, 1);
  form->addRow(tr("Sweep"), what);
  values_ = new QLineEdit(QStringLiteral("2, 4, 8, 16, 32, 64"), this);
  form->addRow(tr("Values"), values_);
  limit_ = new QSpinBox(this);
  limit_->setRange(0, 100000);
  limit_->setValue(200);
  limit_->setSpecialValueText(tr("all"));
  limit_->setSuffix(tr(" test samples"));
  form->addRow(tr("Judge on"), limit_);
  layout->addLayout(form);
  auto* bar = new QHBoxLayout;
  runButton_ = new QPushButton(tr("Run sweep"), this);
  cancelButton_ = new QPushButton(tr("Cancel"), this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  bar->addWidget(runButton_);
  bar->addWidget(cancelButton_);
  bar->addWidget(progress_, 1);
  layout->addLayout(bar);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  layout->addWidget(status_);
  plot_ = new ThemedPlot(tr("Accuracy"), this);
  plot_->setExportName("crossbar_sweep");
  plot_->yAxis->setLabel(tr("test accuracy (%)"));
  plot_->yAxis->setRange(0, 100);
  QCPGraph* g = plot_->addGraph();
  g->setPen(QPen(QColor(0x4e, 0x79, 0xa7), 2));
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 7));
  layout->addWidget(plot_, 1);
  setRunning(false);
  fillChoices();

  connect(document_, &NetworkDocument::changed, this, [this] { fillChoices(); });
  connect(runButton_, &QPushButton::clicked, this, [this] {
    std::vector<double> values;
    for (const QString& v : values_->text().split(',', Qt::SkipEmptyParts)) {
      bool ok = false;
      values.push_back(v.trimmed().toDouble(&ok));
      if (!ok) {
        status_->setText(tr("'%1' is not a number").arg(v.trimmed()));
        return;
      }
    }
    start(toStd(crossbar_->currentText()), toStd(field_->currentData().toString()), values,
          limit_->value());
  });
  connect(cancelButton_, &QPushButton::clicked, this, &SweepPanel::cancel);
  SweepWorker* worker = thread_.worker();
  connect(worker, &SweepWorker::progressed, this,
          [this](double f) { progress_->setValue(static_cast<int>(f * 1000)); });
  connect(worker, &SweepWorker::pointReady, this, &SweepPanel::addPoint);
  connect(worker, &SweepWorker::finished, this, [this](bool cancelled) {
    setRunning(false);
    status_->setText(
        cancelled ? tr("Cancelled after %n value(s)", nullptr, static_cast<int>(points_.size()))
                  : tr("Done: %n value(s)", nullptr, static_cast<int>(points_.size())));
    Q_EMIT finished();
  });
  connect(worker, &SweepWorker::failed, this, [this](const QString& reason) {
    setRunning(false);
    status_->setText(tr("Cannot sweep: %1").arg(reason));
    Q_EMIT finished();
  });
  thread_.start();
}

SweepPanel::~SweepPanel() {
  thread_.shutdown();
}

void SweepPanel::fillChoices() {
  const QString current = crossbar_->currentText();
  crossbar_->clear();
  for (const CrossbarSpec& c : document_->project().network.crossbars)
    crossbar_->addItem(toQ(c.id));
  if (crossbar_->findText(current) >= 0) crossbar_->setCurrentText(current);
  runButton_->setEnabled(!running_ && crossbar_->count() > 0);
}

void SweepPanel::start(const std::string& crossbar, const std::string& field,
                       const std::vector<double>& values, int64_t testLimit) {
  if (running_ || values.empty()) return;
  cancel_->store(false);
  points_.clear();
  plot_->graph(0)->data()->clear();
  fieldName_ = toQ(field);
  QStringList shown;
  for (double v : values) shown << QString::number(v);
  values_->setText(shown.join(QStringLiteral(", ")));
  limit_->setValue(static_cast<int>(testLimit));
  crossbar_->setCurrentText(toQ(crossbar));
  field_->setCurrentIndex(std::max(0, field_->findData(toQ(field))));
  plot_->xAxis->setLabel(toQ(crossbar + "." + field));
  setRunning(true);
  progress_->setValue(0);
  status_->setText(tr("Evaluating %n value(s)…", nullptr, static_cast<int>(values.size())));
  const std::string path = "crossbars." + crossbar + "." + field;
  thread_.post([worker = thread_.worker(), project = document_->project(), path, values,
                testLimit] { worker->run(project, path, values, testLimit); });
}

void SweepPanel::cancel() {
  cancel_->store(true);
}

void SweepPanel::setRunning(bool running) {
  running_ = running;
  runButton_->setEnabled(!running && crossbar_->count() > 0);
  cancelButton_->setEnabled(running);
}

void SweepPanel::addPoint(const SweepPoint& point) {
  points_.push_back(point);
  plot_->graph(0)->addData(point.value, point.accuracy * 100.0);
  double lo = points_.front().value, hi = lo;
  for (const SweepPoint& p : points_) lo = std::min(lo, p.value), hi = std::max(hi, p.value);
  const double pad = hi > lo ? 0.05 * (hi - lo) : 1.0;
  plot_->xAxis->setRange(lo - pad, hi + pad);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace snn::gui
