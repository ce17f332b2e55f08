#include "LivePlot.h"

#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>

#include "PlotExport.h"
#include "style/Theme.h"

namespace snn::gui {

LivePlot::LivePlot(const QString& title, QWidget* parent) : QCustomPlot(parent) {
  setWindowTitle(title);
  exportName_ = title.toLower().replace(' ', '-');
  setContextMenuPolicy(Qt::CustomContextMenu);
  connect(this, &QWidget::customContextMenuRequested, this, &LivePlot::showContextMenu);
  setNoAntialiasingOnDrag(true);
  setPlottingHint(QCP::phCacheLabels, true);
  axisRect()->setAutoMargins(QCP::msLeft | QCP::msBottom | QCP::msTop);
  axisRect()->setMargins(QMargins(0, 6, 12, 0));
  xAxis->setLabel(tr("time (ms)"));
  legend->setIconSize(18, 8);
  legend->setMargins(QMargins(5, 3, 5, 3));
  xAxis->setRange(0, 1000);
  applyPalette();
}

QColor LivePlot::inkColor() const {
  return palette().color(QPalette::Text);
}

void LivePlot::applyPalette() {
  const QPalette pal = palette();
  const QColor ink = inkColor();
  QColor faint = ink;
  faint.setAlpha(isDark(pal) ? 45 : 35);
  setBackground(pal.color(QPalette::Base));
  axisRect()->setBackground(pal.color(QPalette::Base));
  for (QCPAxis* axis : axisRect()->axes()) {
    QColor line = ink;
    line.setAlpha(150);
    axis->setBasePen(QPen(line, 1));
    axis->setTickPen(QPen(line, 1));
    axis->setSubTickPen(QPen(line, 1));
    axis->setTickLabelColor(ink);
    axis->setLabelColor(ink);
    axis->grid()->setPen(QPen(faint, 1, Qt::DotLine));
    axis->grid()->setZeroLinePen(Qt::NoPen);
  }
  QColor legendBack = pal.color(QPalette::Base);
  legendBack.setAlpha(200);  // the newest samples stay visible under the legend
  if (!legendAbove_) legend->setBrush(QBrush(legendBack));
  legend->setTextColor(ink);
  QColor border = ink;
  border.setAlpha(60);
  if (!legendAbove_) legend->setBorderPen(QPen(border));
  markDirty();
}

void LivePlot::placeLegendAbove() {
  // The legend shares a row with an empty element that can grow: an empty legend alone would
  // cap the width of its layout column, and so the axes', to almost nothing.
  auto* row = new QCPLayoutGrid;
  plotLayout()->insertRow(0);
  plotLayout()->addElement(0, 0, row);
  plotLayout()->setRowStretchFactor(0, 0.001);
  plotLayout()->setRowSpacing(0);
  axisRect()->insetLayout()->take(legend);
  axisRect()->insetLayout()->simplify();
  row->addElement(0, 0, legend);
  row->addElement(0, 1, new QCPLayoutElement(this));
  row->setColumnStretchFactor(0, 0.001);
  legend->setFillOrder(QCPLegend::foColumnsFirst);
  legend->setWrap(4);
  legend->setBorderPen(Qt::NoPen);
  legend->setBrush(Qt::NoBrush);
  legend->setMargins(QMargins(4, 2, 4, 0));
  legend->setColumnSpacing(10);
  legend->setVisible(true);
  legendAbove_ = true;
}

void LivePlot::changeEvent(QEvent* event) {
  QCustomPlot::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) {
    applyPalette();
    replot();
  }
}

void LivePlot::prepareWindow(double fromMs, double toMs) {
  xAxis->setRange(fromMs, toMs);
  if (legendAbove_ && legend->itemCount() > 0) {
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

void LivePlot::addContextActions(QMenu*) {}

QString LivePlot::exportTo(const QString& path) {
  return exportPlot(this, path);
}

void LivePlot::showContextMenu(const QPoint& pos) {
  QMenu menu(this);
  addContextActions(&menu);
  QMenu* window = menu.addMenu(tr("Time Window"));
  for (double ms : {100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0}) {
    QAction* a = window->addAction(ms < 1000 ? tr("%1 ms").arg(ms) : tr("%1 s").arg(ms / 1000),
                                   this, [this, ms] { Q_EMIT windowLengthRequested(ms); });
    a->setCheckable(true);
    a->setChecked(ms == windowLength_);
  }
  menu.addSeparator();
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  for (const auto& [label, suffix, filter] :
       {std::tuple{tr("Export as PNG…"), "png", tr("PNG image (*.png)")},
        std::tuple{tr("Export as SVG…"), "svg", tr("SVG drawing (*.svg)")},
        std::tuple{tr("Export as PDF…"), "pdf", tr("PDF document (*.pdf)")}}) {
    menu.addAction(themeIcon("export"), label, this, [this, folder, suffix, filter] {
      const QString path =
          QFileDialog::getSaveFileName(this, tr("Export %1").arg(windowTitle()),
                                       folder + "/" + exportName_ + "." + suffix, filter);
      if (path.isEmpty()) return;
      const QString problem = exportTo(path);
      if (!problem.isEmpty())
        QMessageBox::warning(this, tr("Export failed"),
                             tr("The plot was not exported: %1").arg(problem));
    });
  }
  menu.exec(mapToGlobal(pos));
}

}  // namespace snn::gui
