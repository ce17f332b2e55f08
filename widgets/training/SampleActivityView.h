#pragma once

#include <QStringList>
#include <QWidget>

#include "learning/Trainer.h"

class QLabel;

namespace snn::gui {

class SampleImage;
class SpikeRasterPlot;

// One training sample as the network saw it: the image, its class (and the network's answer
// where the method gives one), and the raster of every population during its presentation, in
// the populations' canvas colours. GUI thread.
class SampleActivityView : public QWidget {
  Q_OBJECT

 public:
  explicit SampleActivityView(QWidget* parent = nullptr);

  // `project` gives the populations' sizes and colours, `classes` the class names.
  void setActivity(const SampleActivity& activity, const Project& project,
                   const QStringList& classes);
  void clear();

  SpikeRasterPlot* raster() const { return raster_; }
  SampleImage* image() const { return image_; }
  QString caption() const;

 private:
  SampleImage* image_;
  QLabel* caption_;
  SpikeRasterPlot* raster_;
  std::vector<std::string> shownPopulations_;
};

}  // namespace snn::gui
