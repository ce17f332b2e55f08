#pragma once

#include "ThemedPlot.h"
#include "TileGrid.h"
#include "learning/Trainer.h"

namespace snn::gui {

// Learned weights as images: one tile per target neuron holding its incoming weights laid out
// like the input image (an STDP neuron's receptive field, a surrogate hidden unit's input
// weights), tiles in a near-square grid with a one-pixel gap, one colour scale for all. Weights
// that are all >= 0 use a magnitude scale from 0; signed weights a symmetric scale around 0.
// Shows at most kMaxTiles neurons. Drawn as one QCPColorMap (gaps are NaN, transparent) with its
// colour scale. GUI thread.
class WeightMapPlot : public ThemedPlot {
  Q_OBJECT

 public:
  static constexpr int kMaxTiles = 400;

  explicit WeightMapPlot(QWidget* parent = nullptr);

  // `what` names the weights in the title (default: the snapshot's projection id).
  void setSnapshot(const WeightSnapshot& snapshot, const QString& what = {});
  void clear();

  int tileCount() const { return grid_.tiles; }
  int gridColumns() const { return grid_.columns; }
  int gridRows() const { return grid_.rows; }
  bool isSigned() const { return signed_; }
  QCPColorMap* colorMap() const { return map_; }
  // The target neuron whose tile holds a widget position, or -1.
  int neuronAt(const QPoint& pos) const;

 protected:
  void applyPalette() override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  QCPColorMap* map_;
  QCPColorScale* scale_;
  QCPTextElement* title_;
  QCPItemText* hint_;
  TileGrid grid_;
  bool signed_ = false;
};

}  // namespace snn::gui
