#include "SampleImage.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace snn::gui {

SampleImage::SampleImage(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void SampleImage::setImage(const float* pixels, int height, int width) {
  if (!pixels || height <= 0 || width <= 0) {
    clear();
    return;
  }
  // Ink is bright, as the datasets store it (MNIST: 0 background, 1 ink).
  QImage image(width, height, QImage::Format_Grayscale8);
  for (int y = 0; y < height; ++y) {
    uchar* line = image.scanLine(y);
    for (int x = 0; x < width; ++x)
      line[x] =
          static_cast<uchar>(std::lround(std::clamp(pixels[y * width + x], 0.0f, 1.0f) * 255));
  }
  image_ = image;
  update();
}

void SampleImage::clear() {
  image_ = QImage();
  update();
}

void SampleImage::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  if (image_.isNull()) return;
  // The largest whole number of screen pixels per image pixel that fits; smaller than the
  // image itself (a status bar), scaled down smoothly.
  const double fit = std::min(double(width()) / image_.width(), double(height()) / image_.height());
  const double scale = fit >= 1.0 ? std::floor(fit) : fit;
  const QSize size(static_cast<int>(image_.width() * scale),
                   static_cast<int>(image_.height() * scale));
  const QRect target(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2), size);
  painter.setRenderHint(QPainter::SmoothPixmapTransform, scale < 1.0);
  painter.drawImage(target, image_);
  QColor frame = palette().color(QPalette::Text);
  frame.setAlpha(80);
  painter.setPen(QPen(frame, 1));
  painter.drawRect(target.adjusted(0, 0, -1, -1));
}

}  // namespace snn::gui
