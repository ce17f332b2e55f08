#pragma once

#include <vector>

#include "ThemedPlot.h"
#include "TileGrid.h"
#include "model/TensorShape.h"

namespace snn::gui {

// A shaped population's activity as feature maps: one H x W tile per channel (a conv layer's
// output channels), tiles in a near-square grid with a one-pixel gap, each labelled with its
// channel, all on one colour scale from 0 with its colour bar. Values are given in the engine's
// neuron order, (c, y, x) -> (c * H + y) * W + x (PyTorch's C x H x W, as core/synapses/
// ConvConnector indexes a shaped population). Shows at most kMaxChannels channels. Drawn as one
// QCPColorMap (gaps are NaN, transparent). GUI thread.
class FeatureMapPlot : public ThemedPlot {
  Q_OBJECT

 public:
  static constexpr int kMaxChannels = 256;

  explicit FeatureMapPlot(QWidget* parent = nullptr);

  // `values` holds shape.size() values in neuron order; `title` says what they are and `unit`
  // labels the colour bar ("spikes", "Hz").
  void setMaps(const TensorShape& shape, const std::vector<double>& values, const QString& title,
               const QString& unit);
  // Empty, with `hint` saying what will appear (a default hint when empty).
  void clear(const QString& hint = {});

  int channelsShown() const { return grid_.tiles; }
  int gridColumns() const { return grid_.columns; }
  // The value drawn for channel c at row y, column x (NaN outside the maps).
  double valueAt(int c, int y, int x) const;
  // The top of the shared colour scale.
  double scaleTop() const { return top_; }
  QString channelLabel(int c) const;
  QString titleText() const;
  // (channel, y, x) under a widget position, or channel -1.
  struct Cell {
    int channel = -1, y = 0, x = 0;
  };
  Cell cellAt(const QPoint& pos) const;

 protected:
  void applyPalette() override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  void placeLabels();

  QCPColorMap* map_;
  QCPColorScale* scale_;
  QCPTextElement* title_;
  QCPItemText* hint_;
  QList<QCPItemText*> labels_;
  TensorShape shape_{0, 0, 0};
  std::vector<double> values_;
  QString unit_;
  TileGrid grid_;
  double top_ = 0.0;
};

}  // namespace snn::gui
