#include "SpikeRasterLayer.h"

#include <algorithm>
#include <cmath>

namespace snn::gui {

namespace {
constexpr size_t kMaxVectorSpikes = 200000;  // beyond this an SVG or PDF gets the image
}

SpikeRasterLayer::SpikeRasterLayer(QCPAxis* keyAxis, QCPAxis* valueAxis,
                                   const SpikeHistory* history)
    : QCPAbstractPlottable(keyAxis, valueAxis), history_(history) {
  setSelectable(QCP::stNone);
  setAntialiased(false);
}

void SpikeRasterLayer::setBands(std::vector<RasterBand> bands) {
  bands_ = std::move(bands);
}

double SpikeRasterLayer::selectTest(const QPointF&, bool, QVariant*) const {
  return -1;
}

QCPRange SpikeRasterLayer::getKeyRange(bool& foundRange, QCP::SignDomain) const {
  foundRange = false;
  return {};
}

QCPRange SpikeRasterLayer::getValueRange(bool& foundRange, QCP::SignDomain, const QCPRange&) const {
  foundRange = !bands_.empty();
  return bands_.empty() ? QCPRange() : QCPRange(0, bands_.back().start + bands_.back().height);
}

void SpikeRasterLayer::drawLegendIcon(QCPPainter*, const QRectF&) const {}

void SpikeRasterLayer::draw(QCPPainter* painter) {
  lastDrawn_ = 0;
  const QRect area = clipRect();
  if (area.isEmpty() || bands_.empty()) return;
  QCPAxis* kx = keyAxis();
  QCPAxis* vy = valueAxis();
  const double t0 = kx->range().lower, t1 = kx->range().upper;
  // Both axes are linear: map with one multiply-add instead of coordToPixel per spike.
  const double ax = (kx->coordToPixel(t1) - kx->coordToPixel(t0)) / (t1 - t0);
  const double bx = kx->coordToPixel(t0) - ax * t0;
  const double ay = vy->coordToPixel(1.0) - vy->coordToPixel(0.0);
  const double by = vy->coordToPixel(0.0);

  size_t visible = 0;
  for (const RasterBand& band : bands_) visible += history_->between(band.history, t0, t1).count;

  if (painter->modes().testFlag(QCPPainter::pmVectorized) && visible <= kMaxVectorSpikes) {
    painter->setPen(Qt::NoPen);
    for (const RasterBand& band : bands_) {
      const SpikeHistory::Range r = history_->between(band.history, t0, t1);
      const double rowPx = std::abs(ay) * band.height / static_cast<double>(band.size);
      const double h = std::clamp(rowPx * 0.7, 0.6, 36.0), w = visible < 5000 ? 1.6 : 0.8;
      painter->setBrush(band.color);
      for (size_t i = 0; i < r.count; ++i) {
        const double x = ax * r.times[i] + bx;
        const double y = ay * (band.start + (r.neurons[i] + 0.5) * band.height / band.size) + by;
        painter->drawRect(QRectF(x - w / 2, y - h / 2, w, h));
      }
    }
    lastDrawn_ = visible;
    return;
  }

  const double dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
  const QSize pixels(static_cast<int>(std::ceil(area.width() * dpr)),
                     static_cast<int>(std::ceil(area.height() * dpr)));
  if (image_.size() != pixels) image_ = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
  image_.fill(Qt::transparent);
  auto* bits = reinterpret_cast<uint32_t*>(image_.bits());
  const qsizetype stride = image_.bytesPerLine() / 4;
  const int width = pixels.width(), height = pixels.height();
  const int markW = visible < 5000 ? std::max(2, static_cast<int>(std::lround(2 * dpr)))
                                   : std::max(1, static_cast<int>(std::lround(dpr)));
  for (const RasterBand& band : bands_) {
    const SpikeHistory::Range r = history_->between(band.history, t0, t1);
    const QRgb color = band.color.rgba();  // opaque, hence already premultiplied
    const double rowPx = std::abs(ay) * band.height / static_cast<double>(band.size) * dpr;
    const int markH = std::clamp(static_cast<int>(std::lround(rowPx * 0.7)),
                                 std::max(1, static_cast<int>(std::lround(dpr))),
                                 static_cast<int>(std::lround(36 * dpr)));
    const double scaleY = ay * band.height / static_cast<double>(band.size) * dpr;
    const double offsetY = (ay * band.start + by - area.top()) * dpr + 0.5 * scaleY;
    for (size_t i = 0; i < r.count; ++i) {
      const int x = static_cast<int>((ax * r.times[i] + bx - area.left()) * dpr) - markW / 2;
      const int y = static_cast<int>(scaleY * r.neurons[i] + offsetY) - markH / 2;
      const int xEnd = std::min(x + markW, width), yEnd = std::min(y + markH, height);
      for (int yy = std::max(y, 0); yy < yEnd; ++yy) {
        uint32_t* row = bits + yy * stride;
        for (int xx = std::max(x, 0); xx < xEnd; ++xx) row[xx] = color;
      }
    }
  }
  lastDrawn_ = visible;
  image_.setDevicePixelRatio(dpr);
  painter->drawImage(area.topLeft(), image_);
}

}  // namespace snn::gui
