#pragma once

#include <QImage>
#include <QWidget>
#include <vector>

namespace snn::gui {

// One dataset image (intensities in [0, 1]) drawn in grey levels with square, unsmoothed
// pixels, as large as the widget allows; a thin frame shows the image's extent on dark
// backgrounds. Used for the sample a training step shows and for the one a dataset feed
// presents during a run. GUI thread.
class SampleImage : public QWidget {
  Q_OBJECT

 public:
  explicit SampleImage(QWidget* parent = nullptr);

  void setImage(const float* pixels, int height, int width);
  void setImage(const std::vector<float>& pixels, int height, int width) {
    setImage(pixels.data(), height, width);
  }
  void clear();
  bool isEmpty() const { return image_.isNull(); }
  const QImage& image() const { return image_; }
  QSize sizeHint() const override { return {96, 96}; }
  QSize minimumSizeHint() const override { return {16, 16}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage image_;
};

}  // namespace snn::gui
