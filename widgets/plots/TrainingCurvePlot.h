#pragma once

#include "ThemedPlot.h"
#include "learning/Trainer.h"

namespace snn::gui {

// Accuracy and loss over epochs: train and test accuracy (%, left axis) and loss (right axis,
// shown when the method has one) after each epoch, and the running values of the epoch in
// progress as thin lines (x = epoch - 1 + the share of the training pass done). GUI thread;
// redraws itself (queued) when data arrive, a few times a second at most.
class TrainingCurvePlot : public ThemedPlot {
  Q_OBJECT

 public:
  explicit TrainingCurvePlot(QWidget* parent = nullptr);

  // A run of `epochs` epochs starts: the curves start over.
  void start(int epochs);
  void addProgress(const TrainingProgress& progress);
  void addEpoch(const EpochReport& report);

  // For the tests: points of each curve.
  int epochPoints() const;
  int runningPoints() const;
  bool showsLoss() const;

 protected:
  void applyPalette() override;

 private:
  QCPGraph* addCurve(const QString& name, QCPAxis* valueAxis);
  void setEpochs(int epochs);
  void fitLossAxis();
  void updateLegend();

  QCPGraph* trainAccuracy_ = nullptr;
  QCPGraph* testAccuracy_ = nullptr;
  QCPGraph* loss_ = nullptr;
  QCPGraph* runningAccuracy_ = nullptr;  // in the legend once it has points
  QCPGraph* runningLoss_ = nullptr;      // never in the legend: the colour says it
  QCPItemText* hint_ = nullptr;
  int epochs_ = 1;
};

}  // namespace snn::gui
