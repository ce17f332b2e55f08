#include "ThemedPlot.h"

#include <algorithm>

#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>

#include "PlotExport.h"
#include "style/Theme.h"

namespace snn::gui {

ThemedPlot::ThemedPlot(const QString& title, QWidget* parent) : QCustomPlot(parent) {
  setWindowTitle(title);
  exportName_ = title.toLower().replace(' ', '-');
  setContextMenuPolicy(Qt::CustomContextMenu);
  connect(this, &QWidget::customContextMenuRequested, this, &ThemedPlot::showContextMenu);
  setNoAntialiasingOnDrag(true);
  setPlottingHint(QCP::phCacheLabels, true);
  legend->setMargins(QMargins(5, 3, 5, 3));
  fitLegendIcons();
  ThemedPlot::applyPalette();
}

QColor ThemedPlot::inkColor() const {
  return palette().color(QPalette::Text);
}

void ThemedPlot::styleAxis(QCPAxis* axis) const {
  const QPalette pal = palette();
  const QColor ink = inkColor();
  QColor line = ink;
  line.setAlpha(150);
  QColor faint = ink;
  faint.setAlpha(isDark(pal) ? 45 : 35);
  axis->setBasePen(QPen(line, 1));
  axis->setTickPen(QPen(line, 1));
  axis->setSubTickPen(QPen(line, 1));
  axis->setTickLabelColor(ink);
  axis->setLabelColor(ink);
  axis->grid()->setPen(QPen(faint, 1, Qt::DotLine));
  axis->grid()->setZeroLinePen(Qt::NoPen);
}

void ThemedPlot::applyPalette() {
  const QPalette pal = palette();
  const QColor ink = inkColor();
  setBackground(pal.color(QPalette::Base));
  axisRect()->setBackground(pal.color(QPalette::Base));
  for (QCPAxis* axis : axisRect()->axes()) styleAxis(axis);
  QColor legendBack = pal.color(QPalette::Base);
  legendBack.setAlpha(200);  // the newest samples stay visible under the legend
  if (!legendAbove_) legend->setBrush(QBrush(legendBack));
  legend->setTextColor(ink);
  QColor border = ink;
  border.setAlpha(60);
  if (!legendAbove_) legend->setBorderPen(QPen(border));
  for (QCPItemText* hint : hints_) hint->setColor(pal.color(QPalette::PlaceholderText));
  for (QCPTextElement* title : titles_) title->setTextColor(ink);
}

QCPItemText* ThemedPlot::addHint(const QString& text) {
  auto* hint = new QCPItemText(this);
  hint->position->setType(QCPItemPosition::ptAxisRectRatio);
  hint->position->setCoords(0.5, 0.5);
  hint->setText(text);
  hint->setColor(palette().color(QPalette::PlaceholderText));
  hints_.append(hint);
  return hint;
}

QCPTextElement* ThemedPlot::addTitle() {
  plotLayout()->insertRow(0);
  auto* title = new QCPTextElement(this, QString());
  plotLayout()->addElement(0, 0, title);
  title->setTextColor(inkColor());
  titles_.append(title);
  return title;
}

void ThemedPlot::fitLegendIcons() {
  // A legend entry is as tall as its icon or its text's line, and clipped to that: with an
  // icon shorter than the line, the underscores of "regular_spiking" fell below the entry and
  // vanished. An icon a little taller than the line keeps them, the text centred in it.
  legend->setIconSize(18, QFontMetrics(legend->font()).height() + 3);
}

void ThemedPlot::placeLegendAbove(int itemsPerRow) {
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
  legend->setWrap(itemsPerRow);
  fitLegendIcons();
  legend->setBorderPen(Qt::NoPen);
  legend->setBrush(Qt::NoBrush);
  legend->setMargins(QMargins(4, 2, 4, 0));
  legend->setColumnSpacing(10);
  legend->setVisible(true);
  legendAbove_ = true;
}

void ThemedPlot::changeEvent(QEvent* event) {
  QCustomPlot::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) {
    applyPalette();
    replot();
  }
}

void ThemedPlot::resizeEvent(QResizeEvent* event) {
  QCustomPlot::resizeEvent(event);
  fitHorizontalTicks();
}

void ThemedPlot::fitHorizontalTicks() {
  // About one tick label per 80 px: "4000" or "1e+03" never run into each other in a narrow
  // dock, and a wide plot gets more.
  constexpr int kPixelsPerTick = 80;
  for (QCPAxisRect* rect : axisRects())
    for (QCPAxis* axis : rect->axes(QCPAxis::atBottom | QCPAxis::atTop))
      if (axis->ticker())
        axis->ticker()->setTickCount(std::clamp(rect->width() / kPixelsPerTick, 2, 8));
}

void ThemedPlot::addContextActions(QMenu*) {}

void ThemedPlot::addViewActions(QMenu*) {}

QString ThemedPlot::exportTo(const QString& path) {
  return exportPlot(this, path);
}

void ThemedPlot::showContextMenu(const QPoint& pos) {
  QMenu menu(this);
  addContextActions(&menu);
  addViewActions(&menu);
  if (!menu.isEmpty()) menu.addSeparator();
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  for (const auto& [label, suffix, filter] :
       {std::tuple{tr("Export as PNG…"), "png", tr("PNG image (*.png)")},
        std::tuple{tr("Export as SVG…"), "svg", tr("SVG drawing (*.svg)")},
        std::tuple{tr("Export as PDF…"), "pdf", tr("PDF document (*.pdf)")}}) {
    const QString ext = suffix, types = filter;  // Clang < 16 cannot capture structured bindings
    menu.addAction(themeIcon("export"), label, this, [this, folder, ext, types] {
      const QString path = QFileDialog::getSaveFileName(
          this, tr("Export %1").arg(windowTitle()), folder + "/" + exportName_ + "." + ext, types);
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
