#pragma once

#include <QRect>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;

namespace snn::gui {

// Equal images (tiles) laid out in a near-square grid with a one-pixel gap, drawn as one
// QCPColorMap whose gaps are NaN (transparent): the weight maps (a tile per neuron) and the
// feature maps (a tile per channel). Cell (x, y) of the map is pixel (x - x0, y - y0) of the tile
// whose top-left corner is (x0, y0).
struct TileGrid {
  int tiles = 0, columns = 0, rows = 0, tileWidth = 0, tileHeight = 0;

  static TileGrid nearSquare(int tiles, int tileWidth, int tileHeight);
  int width() const { return columns * (tileWidth + 1) - 1; }
  int height() const { return rows * (tileHeight + 1) - 1; }
  int x0(int tile) const { return (tile % columns) * (tileWidth + 1); }
  int y0(int tile) const { return (tile / columns) * (tileHeight + 1); }

  // Sizes `map`'s data to the grid, every cell NaN.
  void resize(QCPColorMap* map) const;
  // The tile under map cell (x, y) and the pixel within it; tile -1 on a gap or outside.
  struct Pixel {
    int tile = -1, x = 0, y = 0;
  };
  Pixel at(int x, int y) const;
  // The tile pixel under a widget position of `plot`.
  Pixel atWidget(const QCustomPlot* plot, const QPoint& pos) const;
  // Fits the whole grid into `plot`'s axis rect with square pixels.
  void fitSquare(QCustomPlot* plot) const;
};

// Hides `plot`'s axes (row 0 on top) and adds the colour map and its colour bar at the right.
struct TileMap {
  QCPColorMap* map;
  QCPColorScale* scale;
};
TileMap addTileMap(QCustomPlot* plot);

}  // namespace snn::gui
