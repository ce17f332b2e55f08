#pragma once

#include <QStringList>
#include <QWidget>

namespace snn::gui {

class ConfusionMatrixPlot;
class SampleActivityView;
class TrainingCurvePlot;
class TrainingSession;
class WeightMapPlot;

// The live views of a training run, side by side in splitters: the training curve, the weight
// maps, the sample being shown with its raster, and the confusion matrix of the last test pass.
// Fed by a TrainingSession; each plot redraws itself when its data change. GUI thread.
class TrainingViews : public QWidget {
  Q_OBJECT

 public:
  explicit TrainingViews(TrainingSession* session, QWidget* parent = nullptr);

  TrainingCurvePlot* curve() const { return curve_; }
  WeightMapPlot* weights() const { return weights_; }
  SampleActivityView* sample() const { return sample_; }
  ConfusionMatrixPlot* confusion() const { return confusion_; }
  // Redraws every view now (before a screenshot).
  void refreshNow();

 private:
  TrainingSession* session_;
  TrainingCurvePlot* curve_;
  WeightMapPlot* weights_;
  SampleActivityView* sample_;
  ConfusionMatrixPlot* confusion_;
  QStringList classes_;
};

}  // namespace snn::gui
