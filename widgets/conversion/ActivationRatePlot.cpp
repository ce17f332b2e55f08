#include "ActivationRatePlot.h"

#include <algorithm>

#include "style/PopulationColors.h"
#include "util/QtText.h"

namespace snn::gui {

ActivationRatePlot::ActivationRatePlot(QWidget* parent)
    : ThemedPlot(tr("ANN activation versus SNN rate"), parent) {
  setExportName("conversion-scatter");
  title_ = addTitle();
  dots_ = addGraph();
  dots_->setLineStyle(QCPGraph::lsNone);
  QColor dot = populationColor(0);
  dot.setAlpha(110);
  dots_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, dot, 4));
  dots_->setAdaptiveSampling(false);
  diagonal_ = new QCPItemLine(this);
  diagonal_->setPen(QPen(populationColor(1), 1.2, Qt::DashLine));
  xAxis->setLabel(tr("ANN activation / λ"));
  yAxis->setLabel(tr("SNN rate (spikes per step)"));
  hint_ = addHint(tr("Convert: each layer's neurons, ANN against SNN"));
  clear();
}

int ActivationRatePlot::pointCount() const {
  return dots_->dataCount();
}

void ActivationRatePlot::clear() {
  dots_->data()->clear();
  title_->setText(QString());
  diagonal_->start->setCoords(0, 0);
  diagonal_->end->setCoords(1, 1);
  xAxis->setRange(-0.05, 1.1);
  yAxis->setRange(-0.05, 1.1);
  hint_->setVisible(true);
  replot(QCustomPlot::rpQueuedReplot);
}

void ActivationRatePlot::showLayer(const LayerDiagnostics& layer, const QString& method,
                                   int timesteps) {
  if (layer.annActivation.empty()) {
    clear();
    return;
  }
  QVector<double> x(layer.annActivation.begin(), layer.annActivation.end());
  QVector<double> y(layer.snnValue.begin(), layer.snnValue.end());
  dots_->setData(x, y);
  double lo = 0.0, hi = 1.0;
  for (const QVector<double>* v : {&x, &y})
    for (double value : *v) lo = std::min(lo, value), hi = std::max(hi, value);
  const double pad = 0.05 * (hi - lo);
  xAxis->setRange(lo - pad, hi + pad);
  yAxis->setRange(lo - pad, hi + pad);
  diagonal_->start->setCoords(lo - pad, lo - pad);
  diagonal_->end->setCoords(hi + pad, hi + pad);
  const QString steps = method == "fs" ? QStringLiteral("K") : QStringLiteral("T");
  if (layer.measure == "membrane")
    yAxis->setLabel(tr("SNN membrane / %1 (output layer)").arg(steps));
  else if (layer.measure == "fs")
    yAxis->setLabel(tr("FS output (sum of d(t) over its spikes)"));
  else
    yAxis->setLabel(tr("SNN rate (spikes per step)"));
  title_->setText(tr("%1 (%2), %3 = %4: mean |error| %5, λ = %6")
                      .arg(toQ(layer.id), toQ(layer.shape.toString()), steps)
                      .arg(timesteps)
                      .arg(layer.meanAbsError, 0, 'g', 3)
                      .arg(layer.lambda, 0, 'g', 4));
  hint_->setVisible(false);
  replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace snn::gui
