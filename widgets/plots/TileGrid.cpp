#include "TileGrid.h"

#include <cmath>
#include <limits>

#include <qcustomplot.h>

namespace snn::gui {

TileGrid TileGrid::nearSquare(int tiles, int tileWidth, int tileHeight) {
  TileGrid g{.tiles = tiles, .tileWidth = tileWidth, .tileHeight = tileHeight};
  g.columns = static_cast<int>(std::ceil(std::sqrt(double(tiles))));
  g.rows = g.columns > 0 ? (tiles + g.columns - 1) / g.columns : 0;
  return g;
}

void TileGrid::resize(QCPColorMap* map) const {
  QCPColorMapData* data = map->data();
  data->setSize(width(), height());
  data->setRange(QCPRange(0, width() - 1), QCPRange(0, height() - 1));
  data->fill(std::numeric_limits<double>::quiet_NaN());  // the gaps
}

TileGrid::Pixel TileGrid::at(int x, int y) const {
  if (tiles == 0 || x < 0 || y < 0 || x % (tileWidth + 1) == tileWidth ||
      y % (tileHeight + 1) == tileHeight)
    return {};
  const int column = x / (tileWidth + 1), row = y / (tileHeight + 1);
  const int tile = row * columns + column;
  if (column >= columns || tile >= tiles) return {};
  return {tile, x % (tileWidth + 1), y % (tileHeight + 1)};
}

TileGrid::Pixel TileGrid::atWidget(const QCustomPlot* plot, const QPoint& pos) const {
  if (tiles == 0 || !plot->axisRect()->rect().contains(pos)) return {};
  return at(static_cast<int>(std::floor(plot->xAxis->pixelToCoord(pos.x()) + 0.5)),
            static_cast<int>(std::floor(plot->yAxis->pixelToCoord(pos.y()) + 0.5)));
}

void TileGrid::fitSquare(QCustomPlot* plot) const {
  if (tiles == 0) return;
  // Fit the whole grid, then widen whichever axis has room so a pixel stays square.
  plot->xAxis->setRange(-0.5, width() - 0.5);
  plot->yAxis->setRange(-0.5, height() - 0.5);
  const QRect r = plot->axisRect()->rect();
  if (r.width() <= 0 || r.height() <= 0) return;
  if (double(r.width()) / width() > double(r.height()) / height())
    plot->xAxis->setScaleRatio(plot->yAxis, 1.0);
  else
    plot->yAxis->setScaleRatio(plot->xAxis, 1.0);
}

TileMap addTileMap(QCustomPlot* plot) {
  for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
    axis->setTicks(false);
    axis->setTickLabels(false);
    axis->grid()->setVisible(false);
    axis->setVisible(false);
  }
  plot->yAxis->setRangeReversed(true);  // each tile's first row on top, as images are shown
  plot->axisRect()->setAutoMargins(QCP::msNone);
  plot->axisRect()->setMargins(QMargins(6, 4, 6, 6));
  auto* map = new QCPColorMap(plot->xAxis, plot->yAxis);
  map->setInterpolate(false);
  auto* scale = new QCPColorScale(plot);
  scale->setType(QCPAxis::atRight);
  scale->setBarWidth(10);
  plot->plotLayout()->addElement(0, 1, scale);
  auto* group = new QCPMarginGroup(plot);
  plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  map->setColorScale(scale);
  return {map, scale};
}

}  // namespace snn::gui
