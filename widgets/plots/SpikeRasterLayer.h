#pragma once

#include <qcustomplot.h>

#include <vector>

#include "SpikeHistory.h"

namespace snn::gui {

// One band of the raster: a population's neurons stacked over [start, start + height) of the
// value axis.
struct RasterBand {
  size_t history = 0;  // index in the SpikeHistory
  QString id;
  int64_t size = 0;
  double start = 0.0;
  double height = 0.0;
  QColor color;
};

// Draws the spikes of the visible window as pixels of an image the size of the axis rect:
// cost proportional to the spikes in view, and spikes falling in one pixel simply share it
// (the decimation that keeps 10 000 neurons fluid). Vector exports (SVG, PDF) get one small
// rectangle per spike instead, up to a limit.
class SpikeRasterLayer : public QCPAbstractPlottable {
  Q_OBJECT

 public:
  SpikeRasterLayer(QCPAxis* keyAxis, QCPAxis* valueAxis, const SpikeHistory* history);

  void setBands(std::vector<RasterBand> bands);
  const std::vector<RasterBand>& bands() const { return bands_; }
  // Spikes drawn by the last draw() (for the benchmark and the tests).
  size_t lastDrawnSpikes() const { return lastDrawn_; }

  double selectTest(const QPointF& pos, bool onlySelectable,
                    QVariant* details = nullptr) const override;
  QCPRange getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
  QCPRange getValueRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                         const QCPRange& inKeyRange = QCPRange()) const override;

 protected:
  void draw(QCPPainter* painter) override;
  void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

 private:
  const SpikeHistory* history_;
  std::vector<RasterBand> bands_;
  QImage image_;
  size_t lastDrawn_ = 0;
};

}  // namespace snn::gui
