#include "FeatureMapPlot.h"

#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <limits>

#include "style/ColorMaps.h"

namespace snn::gui {

FeatureMapPlot::FeatureMapPlot(QWidget* parent) : ThemedPlot(tr("Feature maps"), parent) {
  setExportName("feature-maps");
  for (QCPAxis* axis : {xAxis, yAxis}) {
    axis->setTicks(false);
    axis->setTickLabels(false);
    axis->grid()->setVisible(false);
    axis->setVisible(false);
  }
  yAxis->setRangeReversed(true);  // row 0 of each map on top, as images are shown
  axisRect()->setAutoMargins(QCP::msNone);
  axisRect()->setMargins(QMargins(6, 4, 6, 6));
  map_ = new QCPColorMap(xAxis, yAxis);
  map_->setInterpolate(false);
  scale_ = new QCPColorScale(this);
  scale_->setType(QCPAxis::atRight);
  scale_->setBarWidth(10);
  plotLayout()->addElement(0, 1, scale_);
  auto* group = new QCPMarginGroup(this);
  axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  scale_->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  map_->setColorScale(scale_);
  title_ = addTitle();
  hint_ = addHint({});
  setMouseTracking(true);
  connect(this, &QCustomPlot::afterLayout, this, &FeatureMapPlot::keepPixelsSquare);
  applyPalette();
  clear();
}

void FeatureMapPlot::applyPalette() {
  ThemedPlot::applyPalette();
  styleAxis(scale_->axis());
  map_->setGradient(magnitudeGradient());
  const QColor back = palette().color(QPalette::Base);
  for (QCPItemText* label : labels_) {
    label->setColor(textColorOn(back));
    QColor box = back;
    box.setAlpha(190);
    label->setBrush(QBrush(box));
  }
}

void FeatureMapPlot::clear(const QString& hint) {
  map_->data()->clear();
  for (QCPItemText* label : labels_) removeItem(label);
  labels_.clear();
  values_.clear();
  shape_ = TensorShape{0, 0, 0};
  channels_ = columns_ = rows_ = 0;
  top_ = 0.0;
  title_->setText(tr("Feature maps"));
  scale_->setVisible(false);
  hint_->setText(hint.isEmpty() ? tr("Run a network with a shaped population (C\u00d7H\u00d7W) "
                                     "to see its activity per channel")
                                : hint);
  hint_->setVisible(true);
  replot(rpQueuedReplot);
}

void FeatureMapPlot::setMaps(const TensorShape& shape, const std::vector<double>& values,
                             const QString& title, const QString& unit) {
  if (shape.size() <= 0 || values.size() != static_cast<size_t>(shape.size())) {
    clear();
    return;
  }
  const int channels = static_cast<int>(std::min<int64_t>(shape.channels, kMaxChannels));
  const bool regrid = !(shape == shape_) || channels != channels_;
  shape_ = shape;
  values_ = values;
  unit_ = unit;
  channels_ = channels;
  if (regrid) {
    columns_ = static_cast<int>(std::ceil(std::sqrt(double(channels_))));
    rows_ = (channels_ + columns_ - 1) / columns_;
    map_->data()->setSize(gridWidth(), gridHeight());
    map_->data()->setRange(QCPRange(0, gridWidth() - 1), QCPRange(0, gridHeight() - 1));
    map_->data()->fill(std::numeric_limits<double>::quiet_NaN());  // the gaps
    placeLabels();
  }
  const int h = static_cast<int>(shape.height), w = static_cast<int>(shape.width);
  double hi = 0.0;
  for (int c = 0; c < channels_; ++c) {
    const int x0 = (c % columns_) * (w + 1), y0 = (c / columns_) * (h + 1);
    const double* plane = values_.data() + static_cast<size_t>(c) * static_cast<size_t>(h * w);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const double v = plane[y * w + x];
        hi = std::max(hi, v);
        map_->data()->setCell(x0 + x, y0 + y, v);
      }
  }
  top_ = hi > 0.0 ? hi : 1.0;  // an all-silent map draws dark, on a scale that still reads
  map_->setDataRange(QCPRange(0.0, top_));
  scale_->axis()->setLabel(unit);
  QString text = title;
  if (channels_ < shape.channels)
    text += " \u00b7 " + tr("first %1 of %2 channels").arg(channels_).arg(shape.channels);
  title_->setText(text);
  scale_->setVisible(true);
  hint_->setVisible(false);
  replot(rpQueuedReplot);
}

void FeatureMapPlot::placeLabels() {
  for (QCPItemText* label : labels_) removeItem(label);
  labels_.clear();
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.8);
  for (int c = 0; c < channels_; ++c) {
    auto* label = new QCPItemText(this);
    label->setClipToAxisRect(true);
    label->setFont(small);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setPadding(QMargins(2, 0, 2, 0));
    label->position->setCoords((c % columns_) * (shape_.width + 1) - 0.5,
                               (c / columns_) * (shape_.height + 1) - 0.5);
    label->setText(QString::number(c));
    labels_.push_back(label);
  }
  applyPalette();
}

double FeatureMapPlot::valueAt(int c, int y, int x) const {
  if (c < 0 || c >= channels_ || y < 0 || y >= shape_.height || x < 0 || x >= shape_.width)
    return std::numeric_limits<double>::quiet_NaN();
  const int x0 = (c % columns_) * (static_cast<int>(shape_.width) + 1);
  const int y0 = (c / columns_) * (static_cast<int>(shape_.height) + 1);
  return map_->data()->cell(x0 + x, y0 + y);
}

QString FeatureMapPlot::channelLabel(int c) const {
  return c >= 0 && c < labels_.size() ? labels_[c]->text() : QString();
}

QString FeatureMapPlot::titleText() const {
  return title_->text();
}

void FeatureMapPlot::keepPixelsSquare() {
  if (channels_ == 0) return;
  xAxis->setRange(-0.5, gridWidth() - 0.5);
  yAxis->setRange(-0.5, gridHeight() - 0.5);
  const QRect r = axisRect()->rect();
  if (r.width() <= 0 || r.height() <= 0) return;
  if (double(r.width()) / gridWidth() > double(r.height()) / gridHeight())
    xAxis->setScaleRatio(yAxis, 1.0);
  else
    yAxis->setScaleRatio(xAxis, 1.0);
}

FeatureMapPlot::Cell FeatureMapPlot::cellAt(const QPoint& pos) const {
  if (channels_ == 0 || !axisRect()->rect().contains(pos)) return {};
  const int w = static_cast<int>(shape_.width), h = static_cast<int>(shape_.height);
  const int x = static_cast<int>(std::floor(xAxis->pixelToCoord(pos.x()) + 0.5));
  const int y = static_cast<int>(std::floor(yAxis->pixelToCoord(pos.y()) + 0.5));
  if (x < 0 || y < 0 || x % (w + 1) == w || y % (h + 1) == h) return {};
  const int column = x / (w + 1), row = y / (h + 1), c = row * columns_ + column;
  if (column >= columns_ || c >= channels_) return {};
  return {c, y % (h + 1), x % (w + 1)};
}

void FeatureMapPlot::mouseMoveEvent(QMouseEvent* event) {
  const Cell cell = cellAt(event->position().toPoint());
  QString tip;
  if (cell.channel >= 0) {
    const int64_t neuron = (cell.channel * shape_.height + cell.y) * shape_.width + cell.x;
    tip = tr("Channel %1, row %2, column %3 (neuron %4): %5 %6")
              .arg(cell.channel)
              .arg(cell.y)
              .arg(cell.x)
              .arg(neuron)
              .arg(values_[static_cast<size_t>(neuron)], 0, 'g', 4)
              .arg(unit_);
  }
  setToolTip(tip);
  ThemedPlot::mouseMoveEvent(event);
}

}  // namespace snn::gui
