#include "TrainingCurvePlot.h"

#include <cmath>

#include "style/PopulationColors.h"

namespace snn::gui {

namespace {
// Tableau 10 (as the populations): blue for training, orange for the test set, green for loss.
enum CurveColor { kTrainColor = 0, kTestColor = 1, kLossColor = 2 };
}  // namespace

TrainingCurvePlot::TrainingCurvePlot(QWidget* parent) : ThemedPlot(tr("Training curve"), parent) {
  setExportName("training-curve");
  xAxis->setLabel(tr("epoch"));
  auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
  ticker->setTickStep(1.0);
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  xAxis->setTicker(ticker);
  yAxis->setLabel(tr("accuracy (%)"));
  yAxis->setRange(0, 100);
  yAxis2->setLabel(tr("loss"));
  yAxis2->setVisible(false);
  yAxis2->grid()->setVisible(false);
  placeLegendAbove(2);  // four entries in a narrow plot: two rows
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  legend->setFont(small);
  fitLegendIcons();
  trainAccuracy_ = addCurve(tr("train accuracy"), yAxis);
  testAccuracy_ = addCurve(tr("test accuracy"), yAxis);
  loss_ = addCurve(tr("loss"), yAxis2);
  runningAccuracy_ = addCurve(tr("running train accuracy"), yAxis);
  runningLoss_ = addCurve(tr("running loss"), yAxis2);
  hint_ = addHint(tr("Press Train to see accuracy and loss per epoch"));
  hint_->setFont(small);
  start(1);
  applyPalette();
}

QCPGraph* TrainingCurvePlot::addCurve(const QString& name, QCPAxis* valueAxis) {
  QCPGraph* g = addGraph(xAxis, valueAxis);
  g->setName(name);
  g->removeFromLegend();  // added once it has something to show
  return g;
}

void TrainingCurvePlot::applyPalette() {
  ThemedPlot::applyPalette();
  auto style = [](QCPGraph* g, QColor color, bool running) {
    if (running) {
      color.setAlpha(150);
      g->setPen(QPen(color, 1.0, Qt::SolidLine));
      g->setScatterStyle(QCPScatterStyle::ssNone);
    } else {
      g->setPen(QPen(color, 2.0));
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 6));
    }
  };
  style(trainAccuracy_, populationColor(kTrainColor), false);
  style(testAccuracy_, populationColor(kTestColor), false);
  style(loss_, populationColor(kLossColor), false);
  style(runningAccuracy_, populationColor(kTrainColor), true);
  style(runningLoss_, populationColor(kLossColor), true);
}

void TrainingCurvePlot::start(int epochs) {
  for (QCPGraph* g : {trainAccuracy_, testAccuracy_, loss_, runningAccuracy_, runningLoss_})
    g->data()->clear();
  updateLegend();
  setEpochs(epochs);
  yAxis2->setVisible(false);
  hint_->setVisible(true);
  replot(rpQueuedReplot);
}

void TrainingCurvePlot::setEpochs(int epochs) {
  epochs_ = std::max(epochs, 1);
  xAxis->setRange(-0.04 * epochs_, 1.04 * epochs_);  // the end points' markers stay whole
}

void TrainingCurvePlot::addProgress(const TrainingProgress& p) {
  if (p.phase != "train" || p.total <= 0) return;
  const double x = p.epoch - 1 + double(p.done) / double(p.total);
  if (std::isfinite(p.accuracy)) runningAccuracy_->addData(x, 100.0 * p.accuracy);
  if (std::isfinite(p.loss)) {
    runningLoss_->addData(x, p.loss);
    fitLossAxis();
  }
  updateLegend();
  hint_->setVisible(false);
  replot(rpQueuedReplot);
}

void TrainingCurvePlot::addEpoch(const EpochReport& r) {
  for (auto [graph, value] :
       {std::pair{trainAccuracy_, r.trainAccuracy}, std::pair{testAccuracy_, r.testAccuracy}})
    if (std::isfinite(value)) graph->addData(r.epoch, 100.0 * value);
  if (std::isfinite(r.loss)) {
    loss_->addData(r.epoch, r.loss);
    fitLossAxis();
  }
  if (r.epoch > epochs_) setEpochs(r.epoch);
  updateLegend();
  hint_->setVisible(false);
  replot(rpQueuedReplot);
}

void TrainingCurvePlot::updateLegend() {
  // The curves that have points, always in the same order.
  legend->clearItems();
  for (QCPGraph* g : {trainAccuracy_, testAccuracy_, loss_, runningAccuracy_})
    if (g->dataCount() > 0) g->addToLegend();
}

void TrainingCurvePlot::fitLossAxis() {
  bool found = false;
  QCPRange range = loss_->getValueRange(found);
  bool foundRunning = false;
  const QCPRange running = runningLoss_->getValueRange(foundRunning);
  if (foundRunning)
    range =
        found ? QCPRange(std::min(range.lower, running.lower), std::max(range.upper, running.upper))
              : running;
  if (!found && !foundRunning) return;
  yAxis2->setRange(0.0, range.upper > 0 ? range.upper * 1.1 : 1.0);
  if (!yAxis2->visible()) {
    yAxis2->setVisible(true);
    styleAxis(yAxis2);
  }
}

int TrainingCurvePlot::epochPoints() const {
  return trainAccuracy_->dataCount() + testAccuracy_->dataCount() + loss_->dataCount();
}

int TrainingCurvePlot::runningPoints() const {
  return runningAccuracy_->dataCount() + runningLoss_->dataCount();
}

bool TrainingCurvePlot::showsLoss() const {
  return yAxis2->visible();
}

}  // namespace snn::gui
