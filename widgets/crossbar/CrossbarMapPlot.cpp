#include "CrossbarMapPlot.h"

#include <QMouseEvent>
#include <QToolTip>
#include <cmath>

#include "style/ColorMaps.h"

namespace snn::gui {

CrossbarMapPlot::CrossbarMapPlot(const QString& title, const QString& unit, QWidget* parent)
    : ThemedPlot(title, parent) {
  setExportName(title.toLower().replace(' ', '_'));
  yAxis->setRangeReversed(true);  // row 0 on top, as the array is drawn
  xAxis->setLabel(tr("column"));
  yAxis->setLabel(tr("row"));
  map_ = new QCPColorMap(xAxis, yAxis);
  map_->setInterpolate(false);
  map_->setTightBoundary(false);
  scale_ = new QCPColorScale(this);
  scale_->setType(QCPAxis::atRight);
  scale_->setBarWidth(10);
  scale_->axis()->setLabel(unit);
  plotLayout()->addElement(0, 1, scale_);
  auto* group = new QCPMarginGroup(this);
  axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  scale_->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  map_->setColorScale(scale_);
  on_ = addMarks(QColor(0xe1, 0x57, 0x59), QCPScatterStyle::ssSquare);
  off_ = addMarks(QColor(0x4e, 0x79, 0xa7), QCPScatterStyle::ssSquare);
  worn_ = addMarks(QColor(0x9e, 0x9e, 0x9e), QCPScatterStyle::ssCross);
  title_ = addTitle();
  title_->setText(title);
  hint_ = addHint(QString());
  setMouseTracking(true);
  applyPalette();
}

QCPGraph* CrossbarMapPlot::addMarks(const QColor& color, QCPScatterStyle::ScatterShape shape) {
  QCPGraph* g = addGraph();
  g->setLineStyle(QCPGraph::lsNone);
  g->setScatterStyle(QCPScatterStyle(shape, QPen(color, 2.0), Qt::NoBrush, 7));
  g->setSelectable(QCP::stNone);
  return g;
}

void CrossbarMapPlot::applyPalette() {
  ThemedPlot::applyPalette();
  styleAxis(scale_->axis());
  map_->setGradient(magnitudeGradient());
}

void CrossbarMapPlot::clear(const QString& hint) {
  map_->data()->clear();
  for (QCPGraph* g : {on_, off_, worn_}) g->data()->clear();
  rows_ = cols_ = 0;
  hint_->setText(hint);
  hint_->setVisible(true);
  scale_->setVisible(false);
  replot(rpQueuedReplot);
}

void CrossbarMapPlot::setTile(const Eigen::Ref<const Eigen::MatrixXd>& values, int64_t row0,
                              int64_t col0, double low, double high) {
  row0_ = row0, col0_ = col0, rows_ = values.rows(), cols_ = values.cols();
  QCPColorMapData* data = map_->data();
  data->setSize(static_cast<int>(cols_), static_cast<int>(rows_));
  data->setRange(QCPRange(static_cast<double>(col0), static_cast<double>(col0 + cols_ - 1)),
                 QCPRange(static_cast<double>(row0), static_cast<double>(row0 + rows_ - 1)));
  for (int64_t r = 0; r < rows_; ++r)
    for (int64_t c = 0; c < cols_; ++c)
      data->setCell(static_cast<int>(c), static_cast<int>(r), values(r, c));
  if (low < high)
    map_->setDataRange(QCPRange(low, high));
  else
    map_->rescaleDataRange(true);
  hint_->setVisible(rows_ == 0);
  scale_->setVisible(rows_ > 0);
  fitAxes();
  replot(rpQueuedReplot);
}

void CrossbarMapPlot::setFaults(const CrossbarDevices::FaultMatrix& faults) {
  QVector<double> x[3], y[3];
  for (int64_t r = row0_; r < row0_ + rows_ && r < faults.rows(); ++r)
    for (int64_t c = col0_; c < col0_ + cols_ && c < faults.cols(); ++c) {
      const auto f = static_cast<DeviceFault>(faults(r, c));
      if (f == DeviceFault::None) continue;
      const int k = f == DeviceFault::StuckOn ? 0 : f == DeviceFault::StuckOff ? 1 : 2;
      x[k].append(static_cast<double>(c));
      y[k].append(static_cast<double>(r));
    }
  on_->setData(x[0], y[0], true);
  off_->setData(x[1], y[1], true);
  worn_->setData(x[2], y[2], true);
  // Marks sized to a cell where cells are big enough, never smaller than a few pixels.
  const double cell = axisRect()->width() / std::max<double>(1.0, static_cast<double>(cols_));
  for (QCPGraph* g : {on_, off_, worn_}) {
    QCPScatterStyle style = g->scatterStyle();
    style.setSize(std::clamp(cell * 0.8, 4.0, 14.0));
    g->setScatterStyle(style);
  }
  replot(rpQueuedReplot);
}

void CrossbarMapPlot::setTitle(const QString& title) {
  title_->setText(title);
}

QVector<QPointF> CrossbarMapPlot::stuckOnMarks() const {
  QVector<QPointF> out;
  for (auto it = on_->data()->constBegin(); it != on_->data()->constEnd(); ++it)
    out.append(QPointF(it->value, it->key));
  return out;
}

QVector<QPointF> CrossbarMapPlot::stuckOffMarks() const {
  QVector<QPointF> out;
  for (auto it = off_->data()->constBegin(); it != off_->data()->constEnd(); ++it)
    out.append(QPointF(it->value, it->key));
  return out;
}

void CrossbarMapPlot::fitAxes() {
  xAxis->setRange(static_cast<double>(col0_) - 0.5, static_cast<double>(col0_ + cols_) - 0.5);
  yAxis->setRange(static_cast<double>(row0_) - 0.5, static_cast<double>(row0_ + rows_) - 0.5);
}

std::pair<int64_t, int64_t> CrossbarMapPlot::cellAt(const QPoint& pos) const {
  if (rows_ == 0 || !axisRect()->rect().contains(pos)) return {-1, -1};
  const auto col = static_cast<int64_t>(std::lround(xAxis->pixelToCoord(pos.x())));
  const auto row = static_cast<int64_t>(std::lround(yAxis->pixelToCoord(pos.y())));
  if (row < row0_ || row >= row0_ + rows_ || col < col0_ || col >= col0_ + cols_) return {-1, -1};
  return {row, col};
}

void CrossbarMapPlot::mousePressEvent(QMouseEvent* event) {
  const auto [row, col] = cellAt(event->pos());
  if (row >= 0 && event->button() == Qt::LeftButton) {
    Q_EMIT cellClicked(row, col, event->modifiers() & Qt::ShiftModifier);
    event->accept();
    return;
  }
  ThemedPlot::mousePressEvent(event);
}

void CrossbarMapPlot::mouseMoveEvent(QMouseEvent* event) {
  const auto [row, col] = cellAt(event->pos());
  if (row >= 0) {
    const double v =
        map_->data()->cell(static_cast<int>(col - col0_), static_cast<int>(row - row0_));
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("row %1, column %2: %3 %4")
                           .arg(row)
                           .arg(col)
                           .arg(v, 0, 'g', 4)
                           .arg(scale_->axis()->label()),
                       this);
  }
  ThemedPlot::mouseMoveEvent(event);
}

}  // namespace snn::gui
