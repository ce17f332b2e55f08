#include "LivePlot.h"

#include <QMenu>

namespace snn::gui {

LivePlot::LivePlot(const QString& title, QWidget* parent) : ThemedPlot(title, parent) {
  axisRect()->setAutoMargins(QCP::msLeft | QCP::msBottom | QCP::msTop);
  axisRect()->setMargins(QMargins(0, 6, 12, 0));
  xAxis->setLabel(tr("time (ms)"));
  xAxis->setRange(0, 1000);
  connect(xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
          [this](const QCPRange& r) {
            if (!applyingWindow_) Q_EMIT timeRangeChosen(r.lower, r.upper);
          });
}

void LivePlot::setTimeNavigation(bool enabled) {
  setInteraction(QCP::iRangeDrag, enabled);
  setInteraction(QCP::iRangeZoom, enabled);
  axisRect()->setRangeDrag(Qt::Horizontal);
  axisRect()->setRangeZoom(Qt::Horizontal);
  axisRect()->setRangeDragAxes(xAxis, nullptr);
  axisRect()->setRangeZoomAxes(xAxis, nullptr);
}

void LivePlot::applyPalette() {
  ThemedPlot::applyPalette();
  markDirty();
}

void LivePlot::prepareWindow(double fromMs, double toMs) {
  applyingWindow_ = true;
  xAxis->setRange(fromMs, toMs);
  applyingWindow_ = false;
  if (legendAbove() && legend->itemCount() > 0) {
    // As many entries per row as fit the width.
    const QFontMetrics fm(legend->font());
    int widest = 0;
    for (int i = 0; i < legend->itemCount(); ++i)
      if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
        widest = std::max(widest, fm.horizontalAdvance(item->plottable()->name()));
    const int entry =
        widest + legend->iconSize().width() + legend->iconTextPadding() + legend->columnSpacing();
    const int fit = std::max(1, (width() - 20) / std::max(entry, 1));
    if (fit != legend->wrap()) {
      legend->setWrap(fit);
      legend->setFillOrder(QCPLegend::foColumnsFirst, true);  // re-flow the entries
    }
  }
}

void LivePlot::showWindow(double fromMs, double toMs) {
  prepareWindow(fromMs, toMs);
  replot(rpImmediateRefresh);
  dirty_ = false;
  ++frames_;
}

void LivePlot::addViewActions(QMenu* menu) {
  if (!windowMenuShown_) return;
  if (interactions().testFlag(QCP::iRangeDrag))
    menu->addAction(tr("Follow the Run"), this, &LivePlot::followRequested)
        ->setStatusTip(tr("Back to the time window that scrolls with the run"));
  QMenu* window = menu->addMenu(tr("Time Window"));
  for (double ms : {100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0}) {
    QAction* a = window->addAction(ms < 1000 ? tr("%1 ms").arg(ms) : tr("%1 s").arg(ms / 1000),
                                   this, [this, ms] { Q_EMIT windowLengthRequested(ms); });
    a->setCheckable(true);
    a->setChecked(ms == windowLength_);
  }
}

}  // namespace snn::gui
