#include "WeightMapPlot.h"

#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <limits>

#include "style/ColorMaps.h"
#include "util/QtText.h"

namespace snn::gui {

WeightMapPlot::WeightMapPlot(QWidget* parent) : ThemedPlot(tr("Weight maps"), parent) {
  setExportName("weights");
  for (QCPAxis* axis : {xAxis, yAxis}) {
    axis->setTicks(false);
    axis->setTickLabels(false);
    axis->grid()->setVisible(false);
    axis->setVisible(false);
  }
  yAxis->setRangeReversed(true);  // the images' first row on top
  axisRect()->setAutoMargins(QCP::msNone);
  axisRect()->setMargins(QMargins(6, 4, 6, 6));
  map_ = new QCPColorMap(xAxis, yAxis);
  map_->setInterpolate(false);
  scale_ = new QCPColorScale(this);
  scale_->setType(QCPAxis::atRight);
  scale_->setBarWidth(10);
  scale_->axis()->setLabel(tr("weight"));
  plotLayout()->addElement(0, 1, scale_);
  auto* group = new QCPMarginGroup(this);
  axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  scale_->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  map_->setColorScale(scale_);
  title_ = addTitle();
  hint_ = addHint(tr("Learned weights appear here while a network trains"));
  setMouseTracking(true);
  // Once the layout has sized the axes for a replot, and before anything is drawn.
  connect(this, &QCustomPlot::afterLayout, this, &WeightMapPlot::keepPixelsSquare);
  applyPalette();
  clear();
}

void WeightMapPlot::applyPalette() {
  ThemedPlot::applyPalette();
  styleAxis(scale_->axis());
  map_->setGradient(signed_ ? signedGradient(palette()) : magnitudeGradient());
}

void WeightMapPlot::clear() {
  map_->data()->clear();
  tiles_ = columns_ = rows_ = 0;
  title_->setText(tr("Weight maps"));
  scale_->setVisible(false);
  hint_->setVisible(true);
  replot(rpQueuedReplot);
}

void WeightMapPlot::setSnapshot(const WeightSnapshot& s, const QString& what) {
  const int pixels = s.fieldHeight * s.fieldWidth;
  if (s.fields <= 0 || pixels <= 0 ||
      s.weights.size() < static_cast<size_t>(s.fields) * static_cast<size_t>(pixels)) {
    clear();
    return;
  }
  tiles_ = std::min(s.fields, kMaxTiles);
  columns_ = static_cast<int>(std::ceil(std::sqrt(double(tiles_))));
  rows_ = (tiles_ + columns_ - 1) / columns_;
  tileWidth_ = s.fieldWidth;
  tileHeight_ = s.fieldHeight;
  const int width = columns_ * (tileWidth_ + 1) - 1, height = rows_ * (tileHeight_ + 1) - 1;
  QCPColorMapData* data = map_->data();
  data->setSize(width, height);
  data->setRange(QCPRange(0, width - 1), QCPRange(0, height - 1));
  data->fill(std::numeric_limits<double>::quiet_NaN());  // the gaps
  float lo = 0.0f, hi = 0.0f;
  for (int t = 0; t < tiles_; ++t) {
    const float* w = s.weights.data() + static_cast<size_t>(t) * static_cast<size_t>(pixels);
    const int x0 = (t % columns_) * (tileWidth_ + 1), y0 = (t / columns_) * (tileHeight_ + 1);
    for (int y = 0; y < tileHeight_; ++y)
      for (int x = 0; x < tileWidth_; ++x) {
        const float v = w[y * tileWidth_ + x];
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        data->setCell(x0 + x, y0 + y, v);
      }
  }
  signed_ = lo < 0.0f;
  const double top = std::max<double>({std::abs(lo), std::abs(hi), 1e-9});
  map_->setGradient(signed_ ? signedGradient(palette()) : magnitudeGradient());
  map_->setDataRange(signed_ ? QCPRange(-top, top) : QCPRange(0.0, top));
  QString title = tr("%1 · epoch %2 · %3 samples")
                      .arg(what.isEmpty() ? toQ(s.projection) : what)
                      .arg(s.epoch)
                      .arg(QLocale().toString(static_cast<qlonglong>(s.samplesSeen)));
  if (tiles_ < s.fields) title += " · " + tr("first %1 of %2 neurons").arg(tiles_).arg(s.fields);
  title_->setText(title);
  scale_->setVisible(true);
  hint_->setVisible(false);
  replot(rpQueuedReplot);
}

void WeightMapPlot::keepPixelsSquare() {
  if (tiles_ == 0) return;
  // Fit the whole grid, then widen whichever axis has room so a pixel stays square.
  const int width = columns_ * (tileWidth_ + 1) - 1, height = rows_ * (tileHeight_ + 1) - 1;
  xAxis->setRange(-0.5, width - 0.5);
  yAxis->setRange(-0.5, height - 0.5);
  const QRect r = axisRect()->rect();
  if (r.width() <= 0 || r.height() <= 0) return;
  if (double(r.width()) / width > double(r.height()) / height)
    xAxis->setScaleRatio(yAxis, 1.0);
  else
    yAxis->setScaleRatio(xAxis, 1.0);
}

int WeightMapPlot::neuronAt(const QPoint& pos) const {
  if (tiles_ == 0 || !axisRect()->rect().contains(pos)) return -1;
  const int x = static_cast<int>(std::floor(xAxis->pixelToCoord(pos.x()) + 0.5));
  const int y = static_cast<int>(std::floor(yAxis->pixelToCoord(pos.y()) + 0.5));
  if (x < 0 || y < 0 || x % (tileWidth_ + 1) == tileWidth_ || y % (tileHeight_ + 1) == tileHeight_)
    return -1;
  const int column = x / (tileWidth_ + 1), row = y / (tileHeight_ + 1);
  const int t = row * columns_ + column;
  return column < columns_ && t < tiles_ ? t : -1;
}

void WeightMapPlot::mouseMoveEvent(QMouseEvent* event) {
  const int neuron = neuronAt(event->position().toPoint());
  setToolTip(neuron < 0 ? QString()
                        : tr("Neuron %1: its weights from each input pixel").arg(neuron));
  ThemedPlot::mouseMoveEvent(event);
}

}  // namespace snn::gui
