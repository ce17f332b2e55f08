#include "AnalysisPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "AnalysisSession.h"
#include "document/NetworkDocument.h"
#include "model/NodeColors.h"
#include "plots/ThemedPlot.h"
#include "project/FieldSchemas.h"
#include "sim/NeuronModelRegistry.h"
#include "style/PopulationColors.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

QDoubleSpinBox* numberBox(double lo, double hi, double value, int decimals, QWidget* parent) {
  auto* box = new QDoubleSpinBox(parent);
  box->setRange(lo, hi);
  box->setDecimals(decimals);
  box->setValue(value);
  return box;
}

QString number(double v) {
  return std::isfinite(v) ? QString::number(v, 'g', 4) : QStringLiteral("—");
}

}  // namespace

AnalysisPanel::AnalysisPanel(NetworkDocument* document, QWidget* parent)
    : QWidget(parent), document_(document), session_(new AnalysisSession(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  tabs_ = new QTabWidget(this);
  layout->addWidget(tabs_);

  auto* fi = new QWidget(this);
  auto* fiForm = new QFormLayout(fi);
  fiPopulation_ = new QComboBox(fi);
  fiFrom_ = numberBox(-1e4, 1e4, 0.0, 3, fi);
  fiTo_ = numberBox(-1e4, 1e4, 3.0, 3, fi);
  fiSteps_ = new QSpinBox(fi);
  fiSteps_->setRange(2, 400);
  fiSteps_->setValue(31);
  fiForm->addRow(tr("Population"), fiPopulation_);
  fiForm->addRow(tr("Current from (nA)"), fiFrom_);
  fiForm->addRow(tr("to (nA)"), fiTo_);
  fiForm->addRow(tr("Points"), fiSteps_);
  tabs_->addTab(fi, tr("f–I curve"));

  auto* sw = new QWidget(this);
  auto* swForm = new QFormLayout(sw);
  sweepObject_ = new QComboBox(sw);
  sweepField_ = new QComboBox(sw);
  sweepMeasure_ = new QComboBox(sw);
  sweepFrom_ = numberBox(-1e6, 1e6, 0.0, 4, sw);
  sweepTo_ = numberBox(-1e6, 1e6, 1.0, 4, sw);
  sweepSteps_ = new QSpinBox(sw);
  sweepSteps_->setRange(1, 200);
  sweepSteps_->setValue(9);
  swForm->addRow(tr("Object"), sweepObject_);
  swForm->addRow(tr("Field"), sweepField_);
  swForm->addRow(tr("From"), sweepFrom_);
  swForm->addRow(tr("To"), sweepTo_);
  swForm->addRow(tr("Values"), sweepSteps_);
  swForm->addRow(tr("Rate of"), sweepMeasure_);
  tabs_->addTab(sw, tr("Parameter sweep"));

  auto* st = new QWidget(this);
  auto* stLayout = new QVBoxLayout(st);
  auto* stForm = new QFormLayout;
  bin_ = numberBox(0.01, 1000, 2.0, 2, st);
  stForm->addRow(tr("ISI histogram bin (ms)"), bin_);
  stLayout->addLayout(stForm);
  table_ = new QTableWidget(0, 7, st);
  table_->setHorizontalHeaderLabels({tr("population"), tr("size"), tr("spikes"), tr("firing"),
                                     tr("rate (Hz)"), tr("mean ISI (ms)"), tr("CV")});
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  stLayout->addWidget(table_);
  tabs_->addTab(st, tr("Spike statistics"));

  auto* common = new QFormLayout;
  duration_ = numberBox(1, 1e7, 1000, 0, this);
  duration_->setSuffix(tr(" ms"));
  duration_->setToolTip(tr("Simulated per measurement; the first 10 % are not counted"));
  common->addRow(tr("Simulate"), duration_);
  layout->addLayout(common);
  auto* buttons = new QHBoxLayout;
  start_ = new QPushButton(tr("Measure"), this);
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
  plot_ = new ThemedPlot(tr("Analysis"), this);
  plot_->setExportName("analysis");
  plot_->setMinimumHeight(180);
  layout->addWidget(plot_, 1);

  connect(start_, &QPushButton::clicked, this, &AnalysisPanel::start);
  connect(cancel_, &QPushButton::clicked, session_, &AnalysisSession::cancel);
  connect(session_, &AnalysisSession::busyChanged, this, [this](bool busy) {
    start_->setEnabled(!busy);
    cancel_->setEnabled(busy);
    if (busy) progress_->setValue(0);
  });
  connect(session_, &AnalysisSession::progressed, this, [this](qint64 done, qint64 total) {
    progress_->setValue(total > 0 ? static_cast<int>(1000 * done / total) : 0);
  });
  connect(session_, &AnalysisSession::finished, this, &AnalysisPanel::onFinished);
  connect(sweepObject_, &QComboBox::currentIndexChanged, this, &AnalysisPanel::refreshFields);
  connect(table_, &QTableWidget::currentCellChanged, this, [this](int row) { drawHistogram(row); });
  connect(document_, &NetworkDocument::changed, this, [this](const ChangeEvent& e) {
    if (e.type != ChangeEvent::Type::FieldChanged && e.type != ChangeEvent::Type::NodesMoved)
      refreshObjects();
  });
  refreshObjects();
}

AnalysisPanel::~AnalysisPanel() {
  session_->shutdown();
}

void AnalysisPanel::showTool(Tool tool) {
  tabs_->setCurrentIndex(static_cast<int>(tool));
}

void AnalysisPanel::refreshObjects() {
  const Project& project = document_->project();
  const QString fiWas = fiPopulation_->currentText(), objectWas = sweepObject_->currentText(),
                measureWas = sweepMeasure_->currentText();
  fiPopulation_->clear();
  sweepObject_->clear();
  sweepMeasure_->clear();
  for (const PopulationSpec& p : project.network.populations) {
    const NeuronModelEntry* e = NeuronModelRegistry::instance().find(p.model);
    if (e && e->info->role == ModelRole::Neuron && e->info->findParam("i_offset"))
      fiPopulation_->addItem(toQ(p.id));
    if (!e || e->info->role != ModelRole::CurrentSource) sweepMeasure_->addItem(toQ(p.id));
    sweepObject_->addItem(toQ(p.id), static_cast<int>(ObjectKind::Population));
  }
  for (const ProjectionSpec& p : project.network.projections)
    sweepObject_->addItem(toQ(p.id), static_cast<int>(ObjectKind::Projection));
  sweepObject_->addItem(tr("experiment"), static_cast<int>(ObjectKind::Experiment));
  for (auto [box, was] : {std::pair{fiPopulation_, fiWas}, std::pair{sweepObject_, objectWas},
                          std::pair{sweepMeasure_, measureWas}})
    if (int i = box->findText(was); i >= 0) box->setCurrentIndex(i);
  duration_->setValue(
      project.experiment.duration > 0 ? std::min(project.experiment.duration, 5000.0) : 1000.0);
  refreshFields();
}

void AnalysisPanel::refreshFields() {
  const QString was = sweepField_->currentText();
  sweepField_->clear();
  if (sweepObject_->currentIndex() < 0) return;
  const auto kind = static_cast<ObjectKind>(sweepObject_->currentData().toInt());
  const std::string id = kind == ObjectKind::Experiment ? "" : toStd(sweepObject_->currentText());
  for (const ParamInfo& info : objectFieldSchemas(document_->project(), kind, id))
    if (info.kind == ParamKind::PerNeuron || info.kind == ParamKind::Scalar)
      sweepField_->addItem(toQ(info.name) + (info.unit.empty() ? "" : " (" + toQ(info.unit) + ")"),
                           toQ(info.name));
  if (int i = sweepField_->findText(was); i >= 0) sweepField_->setCurrentIndex(i);
}

bool AnalysisPanel::measureFi(const QString& population, double fromNa, double toNa, int steps) {
  showTool(Tool::FiCurve);
  fiPopulation_->setCurrentText(population);
  fiFrom_->setValue(fromNa);
  fiTo_->setValue(toNa);
  fiSteps_->setValue(steps);
  start();
  return session_->isBusy();
}

bool AnalysisPanel::sweep(const QString& object, const QString& field, double from, double to,
                          int steps, const QString& measure) {
  showTool(Tool::Sweep);
  sweepObject_->setCurrentIndex(sweepObject_->findText(object));
  sweepField_->setCurrentIndex(sweepField_->findData(field));
  sweepFrom_->setValue(from);
  sweepTo_->setValue(to);
  sweepSteps_->setValue(steps);
  sweepMeasure_->setCurrentText(measure);
  start();
  return session_->isBusy();
}

bool AnalysisPanel::measureStatistics() {
  showTool(Tool::Statistics);
  start();
  return session_->isBusy();
}

void AnalysisPanel::start() {
  AnalysisJob job;
  job.project = document_->project();
  job.options.durationMs = duration_->value();
  job.options.skipMs = 0.1 * duration_->value();
  job.options.threads = 1;
  switch (static_cast<Tool>(tabs_->currentIndex())) {
    case Tool::FiCurve:
      if (fiPopulation_->currentIndex() < 0) {
        message_->setText(tr("No population here takes an injected current (i_offset)"));
        return;
      }
      job.what = FiJob{toStd(fiPopulation_->currentText()),
                       linearRange(fiFrom_->value(), fiTo_->value(), fiSteps_->value())};
      break;
    case Tool::Sweep: {
      if (sweepField_->currentIndex() < 0 || sweepMeasure_->currentIndex() < 0) {
        message_->setText(tr("Choose a field to sweep and a population to measure"));
        return;
      }
      const auto kind = static_cast<ObjectKind>(sweepObject_->currentData().toInt());
      job.what = SweepJob{
          {.kind = kind,
           .id =
               kind == ObjectKind::Experiment ? std::string() : toStd(sweepObject_->currentText()),
           .field = toStd(sweepField_->currentData().toString()),
           .values = linearRange(sweepFrom_->value(), sweepTo_->value(), sweepSteps_->value()),
           .measure = toStd(sweepMeasure_->currentText())}};
      break;
    }
    case Tool::Statistics:
      job.options.skipMs = 0.0;
      job.what = StatisticsJob{bin_->value()};
      break;
  }
  message_->setText(tr("Measuring…"));
  session_->start(std::move(job));
}

void AnalysisPanel::onFinished(AnalysisResultPtr result) {
  last_ = result;
  progress_->setValue(result->cancelled || !result->error.empty() ? 0 : 1000);
  if (result->cancelled) {
    message_->setText(tr("Cancelled"));
    return;
  }
  if (!result->error.empty()) {
    message_->setText(toQ(result->error));
    return;
  }
  message_->clear();
  plot_->clearGraphs();
  if (std::holds_alternative<FiCurve>(result->value)) drawFi(*result);
  if (const auto* s = std::get_if<SweepResult>(&result->value)) drawSweep(*s);
  if (const auto* s = std::get_if<std::vector<PopulationStatistics>>(&result->value))
    drawStatistics(*s);
  plot_->replot();
}

void AnalysisPanel::drawFi(const AnalysisResult& r) {
  const FiCurve& curve = std::get<FiCurve>(r.value);
  QVector<double> x, y;
  double hi = 10;
  for (const FiPoint& p : curve.points) {
    x << p.currentNa;
    y << p.measuredHz;
    hi = std::max(hi, p.measuredHz);
  }
  QCPGraph* measured = plot_->addGraph();
  measured->setName(tr("measured (simulated)"));
  measured->setData(x, y);
  measured->setPen(QPen(populationColor(0), 1.5));
  measured->setLineStyle(curve.hasClosedForm ? QCPGraph::lsNone : QCPGraph::lsLine);
  measured->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
  if (curve.hasClosedForm) {
    QCPGraph* closed = plot_->addGraph();
    closed->setName(tr("closed form"));
    closed->setData(QVector<double>(r.closedFormCurrents.begin(), r.closedFormCurrents.end()),
                    QVector<double>(r.closedFormRates.begin(), r.closedFormRates.end()));
    closed->setPen(QPen(populationColor(1), 1.5));
  }
  plot_->xAxis->setLabel(tr("injected current (nA)"));
  plot_->yAxis->setLabel(tr("rate of %1 (Hz)").arg(toQ(curve.population)));
  plot_->xAxis->setRange(x.isEmpty() ? 0 : x.front(), x.isEmpty() ? 1 : x.back());
  plot_->yAxis->setRange(0, hi * 1.1);
  plot_->legend->setVisible(true);
  message_->setText(curve.hasClosedForm ? tr("%1 (%2): points simulated, line the closed form")
                                              .arg(toQ(curve.population), toQ(curve.model))
                                        : tr("%1 (%2) has no closed form: the simulated curve")
                                              .arg(toQ(curve.population), toQ(curve.model)));
}

void AnalysisPanel::drawSweep(const SweepResult& r) {
  QVector<double> x, y;
  double hi = 10;
  for (const SweepPoint& p : r.points) {
    x << p.value;
    y << p.rateHz;
    hi = std::max(hi, p.rateHz);
  }
  QCPGraph* g = plot_->addGraph();
  g->setData(x, y);
  g->setPen(QPen(populationColor(0), 1.5));
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
  plot_->legend->setVisible(false);
  plot_->xAxis->setLabel(sweepField_->currentText());
  plot_->yAxis->setLabel(tr("rate of %1 (Hz)").arg(sweepMeasure_->currentText()));
  plot_->xAxis->setRange(std::min(x.front(), x.back()), std::max(x.front(), x.back()));
  if (x.size() == 1) plot_->xAxis->setRange(x.front() - 1, x.front() + 1);
  plot_->yAxis->setRange(0, hi * 1.1);
}

void AnalysisPanel::drawStatistics(const std::vector<PopulationStatistics>& stats) {
  table_->setRowCount(static_cast<int>(stats.size()));
  for (size_t i = 0; i < stats.size(); ++i) {
    const PopulationStatistics& s = stats[i];
    const QStringList cells = {toQ(s.id),
                               QString::number(s.size),
                               QString::number(s.spikes),
                               QString::number(s.neuronsFiring),
                               number(s.rateHz),
                               number(s.meanIsiMs),
                               number(s.cvIsi)};
    for (int c = 0; c < cells.size(); ++c)
      table_->setItem(static_cast<int>(i), c, new QTableWidgetItem(cells[c]));
  }
  if (!stats.empty()) {
    table_->setCurrentCell(0, 0);
    drawHistogram(0);
  }
}

void AnalysisPanel::drawHistogram(int row) {
  if (!last_) return;
  const auto* stats = std::get_if<std::vector<PopulationStatistics>>(&last_->value);
  if (!stats || row < 0 || row >= static_cast<int>(stats->size())) return;
  const PopulationStatistics& s = (*stats)[static_cast<size_t>(row)];
  plot_->clearPlottables();
  auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
  QVector<double> x, y;
  double hi = 1;
  for (size_t k = 0; k < s.isiHistogram.size(); ++k) {
    x << (static_cast<double>(k) + 0.5) * s.binMs;
    y << static_cast<double>(s.isiHistogram[k]);
    hi = std::max(hi, y.back());
  }
  bars->setData(x, y);
  bars->setWidth(s.binMs);
  bars->setPen(Qt::NoPen);
  bars->setBrush(populationColor(nodeColorIndex(document_->project(), s.id)));
  plot_->legend->setVisible(false);
  plot_->xAxis->setLabel(tr("inter-spike interval of %1 (ms)").arg(toQ(s.id)));
  plot_->yAxis->setLabel(tr("intervals"));
  plot_->xAxis->setRange(0, s.binMs * static_cast<double>(s.isiHistogram.size()));
  plot_->yAxis->setRange(0, hi * 1.1);
  plot_->replot();
  message_->setText(tr("%1: CV %2, mean ISI %3 ms (CV 1: Poisson-like; 0: a clock)")
                        .arg(toQ(s.id), number(s.cvIsi), number(s.meanIsiMs)));
}

}  // namespace snn::gui
