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
  const TileMap tiles = addTileMap(this);
  map_ = tiles.map;
  scale_ = tiles.scale;
  scale_->axis()->setLabel(tr("weight"));
  title_ = addTitle();
  hint_ = addHint(tr("Learned weights appear here while a network trains"));
  setMouseTracking(true);
  // Once the layout has sized the axes for a replot, and before anything is drawn.
  connect(this, &QCustomPlot::afterLayout, this, [this] { grid_.fitSquare(this); });
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
  grid_ = {};
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
  grid_ = TileGrid::nearSquare(std::min(s.fields, kMaxTiles), s.fieldWidth, s.fieldHeight);
  grid_.resize(map_);
  QCPColorMapData* data = map_->data();
  float lo = 0.0f, hi = 0.0f;
  for (int t = 0; t < grid_.tiles; ++t) {
    const float* w = s.weights.data() + static_cast<size_t>(t) * static_cast<size_t>(pixels);
    for (int y = 0; y < grid_.tileHeight; ++y)
      for (int x = 0; x < grid_.tileWidth; ++x) {
        const float v = w[y * grid_.tileWidth + x];
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        data->setCell(grid_.x0(t) + x, grid_.y0(t) + y, v);
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
  if (grid_.tiles < s.fields)
    title += " · " + tr("first %1 of %2 neurons").arg(grid_.tiles).arg(s.fields);
  title_->setText(title);
  scale_->setVisible(true);
  hint_->setVisible(false);
  replot(rpQueuedReplot);
}

int WeightMapPlot::neuronAt(const QPoint& pos) const {
  return grid_.atWidget(this, pos).tile;
}

void WeightMapPlot::mouseMoveEvent(QMouseEvent* event) {
  const int neuron = neuronAt(event->position().toPoint());
  setToolTip(neuron < 0 ? QString()
                        : tr("Neuron %1: its weights from each input pixel").arg(neuron));
  ThemedPlot::mouseMoveEvent(event);
}

}  // namespace snn::gui
