#include "AccuracyTimestepsPlot.h"

#include <QMouseEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "style/PopulationColors.h"

namespace snn::gui {

AccuracyTimestepsPlot::AccuracyTimestepsPlot(QWidget* parent)
    : ThemedPlot(tr("Accuracy versus T"), parent) {
  setExportName("conversion-accuracy");
  setMouseTracking(true);
  QSharedPointer<QCPAxisTickerLog> log(new QCPAxisTickerLog);
  log->setLogBase(2);
  log->setSubTickCount(0);
  xAxis->setScaleType(QCPAxis::stLogarithmic);
  xAxis->setTicker(log);
  xAxis->setNumberFormat("f");
  xAxis->setNumberPrecision(0);
  yAxis->setLabel(tr("test accuracy (%)"));
  snn_ = addGraph();
  snn_->setName(tr("SNN"));
  snn_->setPen(QPen(populationColor(0), 2));
  snn_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
  ann_ = addGraph();
  ann_->setName(tr("ANN"));
  ann_->setPen(QPen(populationColor(1), 1.5, Qt::DashLine));
  legend->setVisible(true);
  placeLegendAbove(2);
  hint_ = addHint(tr("Convert: one point per T as each is evaluated"));
  reset("T");
}

void AccuracyTimestepsPlot::reset(const QString& steps) {
  stepsName_ = steps;
  steps_.clear();
  accuracy_.clear();
  spikes_.clear();
  annAccuracy_ = -1.0;
  snn_->data()->clear();
  ann_->data()->clear();
  xAxis->setLabel(steps == "K" ? tr("K: steps per layer (few-spike neurons)")
                               : tr("T: time steps per sample"));
  rescale();
}

void AccuracyTimestepsPlot::setAnnAccuracy(double accuracy) {
  annAccuracy_ = accuracy;
  rescale();
}

void AccuracyTimestepsPlot::addPoint(int timesteps, double accuracy, double spikesPerNeuron) {
  steps_ << timesteps;
  accuracy_ << 100.0 * accuracy;
  spikes_ << spikesPerNeuron;
  snn_->setData(steps_, accuracy_);  // sorts by T
  rescale();
}

void AccuracyTimestepsPlot::rescale() {
  double lo = 1, hi = 256;
  if (!steps_.isEmpty()) {
    lo = *std::min_element(steps_.begin(), steps_.end());
    hi = *std::max_element(steps_.begin(), steps_.end());
  }
  xAxis->setRange(lo / 1.5, hi * 1.5);
  double bottom = annAccuracy_ >= 0 ? 100.0 * annAccuracy_ : 100.0;
  for (double a : accuracy_) bottom = std::min(bottom, a);
  yAxis->setRange(std::max(0.0, std::floor(bottom / 10.0) * 10.0 - 5.0), 101.0);
  ann_->data()->clear();
  if (annAccuracy_ >= 0)
    ann_->setData({lo / 1.5, hi * 1.5}, {100.0 * annAccuracy_, 100.0 * annAccuracy_});
  hint_->setVisible(steps_.isEmpty());
  replot(QCustomPlot::rpQueuedReplot);
}

QString AccuracyTimestepsPlot::tooltipAt(int i) const {
  if (i < 0 || i >= steps_.size()) return {};
  QString text =
      tr("%1 = %2: SNN %3 %").arg(stepsName_).arg(steps_[i]).arg(accuracy_[i], 0, 'f', 2);
  if (annAccuracy_ >= 0)
    text += tr(" (ANN %1 %, gap %2 points)")
                .arg(100.0 * annAccuracy_, 0, 'f', 2)
                .arg(100.0 * annAccuracy_ - accuracy_[i], 0, 'f', 2);
  text += tr("\naccuracy = test samples answered right / test samples"
             "\n%1 spikes per neuron per sample = spikes of all layers / (neurons × samples)")
              .arg(spikes_[i], 0, 'g', 3);
  return text;
}

void AccuracyTimestepsPlot::mouseMoveEvent(QMouseEvent* event) {
  ThemedPlot::mouseMoveEvent(event);
  const QPointF pos = event->position();
  int best = -1;
  double nearest = 12.0;  // pixels
  for (int i = 0; i < steps_.size(); ++i) {
    const double dx = xAxis->coordToPixel(steps_[i]) - pos.x();
    const double dy = yAxis->coordToPixel(accuracy_[i]) - pos.y();
    if (std::hypot(dx, dy) < nearest) nearest = std::hypot(dx, dy), best = i;
  }
  if (best < 0)
    QToolTip::hideText();
  else
    QToolTip::showText(event->globalPosition().toPoint(), tooltipAt(best), this);
}

}  // namespace snn::gui
