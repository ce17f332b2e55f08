#include "TwinRunPanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

#include "document/NetworkDocument.h"
#include "plots/ThemedPlot.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

const QColor kDifference(0xe1, 0x57, 0x59);
// Spikes of the same neuron this close count as the same spike: a device error that only
// delays a spike by a step or two is not a different answer.
constexpr double kMatchWindowMs = 1.0;

ThemedPlot* makeRaster(const QString& title, QWidget* parent) {
  auto* plot = new ThemedPlot(title, parent);
  plot->xAxis->setLabel(QObject::tr("time (ms)"));
  plot->yAxis->setLabel(QObject::tr("neuron"));
  for (int k = 0; k < 2; ++k) {
    QCPGraph* g = plot->addGraph();
    g->setLineStyle(QCPGraph::lsNone);
    g->setAdaptiveSampling(false);
  }
  plot->graph(0)->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x4e, 0x79, 0xa7), 3));
  plot->graph(1)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kDifference, 4));
  plot->plotLayout()->insertRow(0);
  plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title));
  return plot;
}

void fill(QCPGraph* graph, const TwinSpikes& spikes, double dt) {
  QVector<double> t(static_cast<qsizetype>(spikes.size())), n(t.size());
  for (size_t k = 0; k < spikes.size(); ++k) {
    t[static_cast<qsizetype>(k)] = static_cast<double>(spikes.steps[k]) * dt;
    n[static_cast<qsizetype>(k)] = spikes.neurons[k];
  }
  graph->setData(t, n, true);
}

}  // namespace

void TwinRunWorker::run(const Project& project, int64_t steps) {
  try {
    auto result = std::make_shared<const TwinRunResult>(runTwin(
        project, steps, *cancel_, [this](double f) { Q_EMIT progressed(f); },
        std::llround(kMatchWindowMs / project.experiment.dt)));
    Q_EMIT finished(std::move(result));
  } catch (const SpecError& e) {
    Q_EMIT failed(toQ(e.diagnostics().front().toString()));
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromUtf8(e.what()));
  }
}

TwinRunPanel::TwinRunPanel(NetworkDocument* document, QWidget* parent)
    : QWidget(parent),
      document_(document),
      cancel_(std::make_shared<std::atomic<bool>>(false)),
      thread_(new TwinRunWorker(cancel_), QStringLiteral("twin run"),
              [c = cancel_] { c->store(true); }) {
  qRegisterMetaType<std::shared_ptr<const TwinRunResult>>();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  auto* bar = new QHBoxLayout;
  runButton_ = new QPushButton(tr("Run ideal vs. crossbar"), this);
  runButton_->setToolTip(
      tr("The same input through the network twice: with ideal synapses and "
         "on its crossbars"));
  cancelButton_ = new QPushButton(tr("Cancel"), this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  population_ = new QComboBox(this);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  bar->addWidget(runButton_);
  bar->addWidget(cancelButton_);
  bar->addWidget(progress_, 1);
  bar->addWidget(population_);
  layout->addLayout(bar);
  layout->addWidget(status_);
  auto* plots = new QHBoxLayout;
  ideal_ = makeRaster(tr("Ideal synapses"), this);
  crossbar_ = makeRaster(tr("On the crossbars"), this);
  plots->addWidget(ideal_);
  plots->addWidget(crossbar_);
  layout->addLayout(plots, 1);
  setRunning(false);

  connect(runButton_, &QPushButton::clicked, this, [this] { start(); });
  connect(cancelButton_, &QPushButton::clicked, this, &TwinRunPanel::cancel);
  connect(population_, &QComboBox::activated, this, [this] { draw(); });
  connect(thread_.worker(), &TwinRunWorker::progressed, this,
          [this](double f) { progress_->setValue(static_cast<int>(f * 1000)); });
  connect(thread_.worker(), &TwinRunWorker::finished, this, &TwinRunPanel::showResult);
  connect(thread_.worker(), &TwinRunWorker::failed, this, [this](const QString& reason) {
    setRunning(false);
    status_->setText(tr("Cannot run the twins: %1").arg(reason));
    Q_EMIT finished();
  });
  thread_.start();
}

TwinRunPanel::~TwinRunPanel() {
  thread_.shutdown();
}

void TwinRunPanel::start(int64_t steps) {
  if (running_) return;
  cancel_->store(false);
  setRunning(true);
  progress_->setValue(0);
  status_->setText(tr("Running both twins…"));
  thread_.post([worker = thread_.worker(), project = document_->project(), steps] {
    worker->run(project, steps);
  });
}

void TwinRunPanel::cancel() {
  cancel_->store(true);
}

void TwinRunPanel::setRunning(bool running) {
  running_ = running;
  runButton_->setEnabled(!running);
  cancelButton_->setEnabled(running);
}

void TwinRunPanel::showResult(std::shared_ptr<const TwinRunResult> result) {
  setRunning(false);
  result_ = std::move(result);
  population_->clear();
  for (const TwinPopulation& p : result_->populations) population_->addItem(toQ(p.id));
  draw();
  Q_EMIT finished();
}

void TwinRunPanel::draw() {
  if (!result_ || result_->populations.empty()) return;
  const TwinPopulation& p =
      result_->populations.at(static_cast<size_t>(std::max(0, population_->currentIndex())));
  const double dt = result_->dt;
  fill(ideal_->graph(0), p.ideal, dt);
  fill(ideal_->graph(1), p.onlyIdeal, dt);
  fill(crossbar_->graph(0), p.crossbar, dt);
  fill(crossbar_->graph(1), p.onlyCrossbar, dt);
  for (ThemedPlot* plot : {ideal_, crossbar_}) {
    plot->xAxis->setRange(0, static_cast<double>(result_->steps) * dt);
    plot->yAxis->setRange(-0.5, static_cast<double>(p.size) - 0.5);
    plot->replot(QCustomPlot::rpQueuedReplot);
  }
  const double ms = static_cast<double>(result_->steps) * dt;
  status_->setText(tr("%1 over %2 ms: %3 spikes ideal, %4 on the crossbars; %5 only ideal, %6 "
                      "only on the crossbars (red: no spike of the neuron within %7 ms in the "
                      "other run)%8")
                       .arg(toQ(p.id))
                       .arg(ms)
                       .arg(p.ideal.size())
                       .arg(p.crossbar.size())
                       .arg(p.onlyIdeal.size())
                       .arg(p.onlyCrossbar.size())
                       .arg(static_cast<double>(result_->window) * dt)
                       .arg(result_->cancelled ? tr(" — cancelled") : QString()));
}

int TwinRunPanel::markedIdeal() const {
  return ideal_->graph(1)->dataCount();
}

int TwinRunPanel::markedCrossbar() const {
  return crossbar_->graph(1)->dataCount();
}

}  // namespace snn::gui
