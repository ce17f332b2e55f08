#include "FeatureMapPlot.h"

#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <limits>

#include "style/ColorMaps.h"

namespace snn::gui {

FeatureMapPlot::FeatureMapPlot(QWidget* parent) : ThemedPlot(tr("Feature maps"), parent) {
  setExportName("feature-maps");
  const TileMap tiles = addTileMap(this);
  map_ = tiles.map;
  scale_ = tiles.scale;
  title_ = addTitle();
  hint_ = addHint({});
  setMouseTracking(true);
  connect(this, &QCustomPlot::afterLayout, this, [this] { grid_.fitSquare(this); });
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
  grid_ = {};
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
  const bool regrid = !(shape == shape_) || channels != grid_.tiles;
  shape_ = shape;
  values_ = values;
  unit_ = unit;
  const int h = static_cast<int>(shape.height), w = static_cast<int>(shape.width);
  if (regrid) {
    grid_ = TileGrid::nearSquare(channels, w, h);
    grid_.resize(map_);
    placeLabels();
  }
  double hi = 0.0;
  for (int c = 0; c < grid_.tiles; ++c) {
    const double* plane = values_.data() + static_cast<size_t>(c) * static_cast<size_t>(h * w);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const double v = plane[y * w + x];
        hi = std::max(hi, v);
        map_->data()->setCell(grid_.x0(c) + x, grid_.y0(c) + y, v);
      }
  }
  top_ = hi > 0.0 ? hi : 1.0;  // an all-silent map draws dark, on a scale that still reads
  map_->setDataRange(QCPRange(0.0, top_));
  scale_->axis()->setLabel(unit);
  QString text = title;
  if (grid_.tiles < shape.channels)
    text += " \u00b7 " + tr("first %1 of %2 channels").arg(grid_.tiles).arg(shape.channels);
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
  for (int c = 0; c < grid_.tiles; ++c) {
    auto* label = new QCPItemText(this);
    label->setClipToAxisRect(true);
    label->setFont(small);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setPadding(QMargins(2, 0, 2, 0));
    label->position->setCoords(grid_.x0(c) - 0.5, grid_.y0(c) - 0.5);
    label->setText(QString::number(c));
    labels_.push_back(label);
  }
  applyPalette();
}

double FeatureMapPlot::valueAt(int c, int y, int x) const {
  if (c < 0 || c >= grid_.tiles || y < 0 || y >= shape_.height || x < 0 || x >= shape_.width)
    return std::numeric_limits<double>::quiet_NaN();
  return map_->data()->cell(grid_.x0(c) + x, grid_.y0(c) + y);
}

QString FeatureMapPlot::channelLabel(int c) const {
  return c >= 0 && c < labels_.size() ? labels_[c]->text() : QString();
}

QString FeatureMapPlot::titleText() const {
  return title_->text();
}

FeatureMapPlot::Cell FeatureMapPlot::cellAt(const QPoint& pos) const {
  const TileGrid::Pixel p = grid_.atWidget(this, pos);
  return {p.tile, p.y, p.x};
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
