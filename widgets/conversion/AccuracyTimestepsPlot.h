#pragma once

#include <QVector>

#include "plots/ThemedPlot.h"

namespace snn::gui {

// Accuracy against T for a converted network: the SNN's test accuracy at each T evaluated so
// far (points joined, T on a log2 axis) and the ANN's own accuracy as a horizontal line, the
// ceiling conversion approaches. Hovering a point shows its numbers. GUI thread.
class AccuracyTimestepsPlot : public ThemedPlot {
  Q_OBJECT

 public:
  explicit AccuracyTimestepsPlot(QWidget* parent = nullptr);

  // Forgets the points; `steps` names what T is ("T" for rate, "K" for fs).
  void reset(const QString& steps);
  void setAnnAccuracy(double accuracy);  // a fraction
  void addPoint(int timesteps, double accuracy, double spikesPerNeuron);

  int pointCount() const { return static_cast<int>(steps_.size()); }
  QCPGraph* curve() const { return snn_; }
  // The tooltip of point i: T, both accuracies, spikes per neuron and what they are.
  QString tooltipAt(int i) const;

 protected:
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  void rescale();

  QCPGraph* snn_;
  QCPGraph* ann_;  // two points spanning the axis: a line that is in the legend
  QCPItemText* hint_;
  QString stepsName_ = "T";
  double annAccuracy_ = -1.0;
  QVector<double> steps_, accuracy_, spikes_;
};

}  // namespace snn::gui
