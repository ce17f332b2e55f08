#include "ConductanceHistogram.h"

#include <algorithm>
#include <cmath>

namespace snn::gui {

ConductanceHistogram::ConductanceHistogram(QWidget* parent)
    : ThemedPlot(tr("Device conductances"), parent) {
  setExportName("conductance_histogram");
  xAxis->setLabel(tr("conductance (µS)"));
  yAxis->setLabel(tr("devices"));
  levels_ = addGraph();
  levels_->setLineStyle(QCPGraph::lsImpulse);
  levels_->setName(tr("target levels"));
  bars_ = new QCPBars(xAxis, yAxis);
  bars_->setName(tr("devices"));
  bars_->setWidthType(QCPBars::wtPlotCoords);
  hint_ = addHint(QString());
  addTitle()->setText(tr("Device conductances against the target levels"));
  applyPalette();
}

void ConductanceHistogram::applyPalette() {
  ThemedPlot::applyPalette();
  QColor line = palette().color(QPalette::PlaceholderText);
  line.setAlpha(110);
  levels_->setPen(QPen(line, 1.0));
  const QColor bar(0x4e, 0x79, 0xa7);
  bars_->setPen(Qt::NoPen);
  bars_->setBrush(bar);
}

void ConductanceHistogram::clear(const QString& hint) {
  bars_->data()->clear();
  levels_->data()->clear();
  levelLines_ = 0;
  hint_->setText(hint);
  hint_->setVisible(true);
  replot(rpQueuedReplot);
}

void ConductanceHistogram::setData(const Eigen::Ref<const Eigen::MatrixXd>& conductances,
                                   const std::vector<double>& levels, double gMin, double gMax) {
  // Bins over the device range, a little beyond it so devices that overshoot still show.
  const double span = std::max(gMax - gMin, 1e-9);
  const double lo =
      std::min(gMin - 0.05 * span, conductances.size() ? conductances.minCoeff() : gMin);
  const double hi =
      std::max(gMax + 0.05 * span, conductances.size() ? conductances.maxCoeff() : gMax);
  const double width = (hi - lo) / kBins;
  QVector<double> centres(kBins), counts(kBins, 0.0);
  for (int b = 0; b < kBins; ++b) centres[b] = lo + (b + 0.5) * width;
  for (Eigen::Index c = 0; c < conductances.cols(); ++c)
    for (Eigen::Index r = 0; r < conductances.rows(); ++r) {
      const double g = conductances(r, c);
      counts[std::clamp(static_cast<int>((g - lo) / width), 0, kBins - 1)] += 1.0;
    }
  bars_->setWidth(width * 0.9);
  bars_->setData(centres, counts, true);
  top_ = std::max(1.0, *std::max_element(counts.begin(), counts.end()));
  QVector<double> lx;
  for (double g : levels) lx.append(g);
  levels_->setData(lx, QVector<double>(lx.size(), 1.0), true);
  levelLines_ = static_cast<int>(lx.size());
  xAxis->setRange(lo, hi);
  hint_->setVisible(conductances.size() == 0);
  applyScale();
}

void ConductanceHistogram::setLogScale(bool on) {
  if (on == log_) return;
  log_ = on;
  applyScale();
}

void ConductanceHistogram::applyScale() {
  // Level lines reach the top of the axis; bars start just below one device on a log axis (a
  // log axis has no 0), so a bin of one device still shows.
  const double top = log_ ? top_ * 2.0 : top_ * 1.08, bottom = log_ ? 0.5 : 0.0;
  yAxis->setScaleType(log_ ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (log_)
    yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  else
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  bars_->setBaseValue(bottom);
  for (auto it = levels_->data()->begin(); it != levels_->data()->end(); ++it) it->value = top;
  yAxis->setRange(bottom, top);
  replot(rpQueuedReplot);
}

QVector<double> ConductanceHistogram::counts() const {
  QVector<double> out;
  for (auto it = bars_->data()->constBegin(); it != bars_->data()->constEnd(); ++it)
    out.append(it->value);
  return out;
}

}  // namespace snn::gui
