#pragma once

#include <QStringList>
#include <QVector>

#include "energy/EnergyReport.h"
#include "plots/ThemedPlot.h"

namespace snn::gui {

// The trade-off conversion is about: for each T evaluated, the energy per inference of the
// converted network on every substrate (conversionEnergy: the SNN on CMOS, on the chip, on
// crossbars; the source ANN in fp32 and int8, flat in T) on a log axis, and the SNN's accuracy
// on the right-hand axis. Hovering a point shows its value with the formula and the constants
// (with their sources) it comes from; exportCsv writes the table behind the plot. GUI thread.
class EnergyTimestepsPlot : public ThemedPlot {
  Q_OBJECT

 public:
  explicit EnergyTimestepsPlot(QWidget* parent = nullptr);

  void reset(const QString& steps);  // "T" (rate) or "K" (fs)
  void addPoint(int timesteps, double snnAccuracy, double annAccuracy, double spikesPerNeuron,
                const EnergyReport& report);

  int pointCount() const { return static_cast<int>(points_.size()); }
  QStringList substrates() const { return substrates_; }
  // Joules per inference of substrate `substrate` at point `point` (points sorted by T).
  double joulesAt(int substrate, int point) const;
  // Value, formula, constants and their sources, and what the substrate assumes.
  QString tooltipAt(int substrate, int point) const;
  // timesteps,substrate,chip,joules_per_inference,snn_accuracy,ann_accuracy,spikes_per_neuron
  // rows, written atomically; the reason on failure, an empty string on success.
  QString exportCsv(const QString& path) const;

 protected:
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  struct Point {
    int timesteps = 0;
    double snnAccuracy = 0.0, annAccuracy = 0.0, spikesPerNeuron = 0.0;
    EnergyReport report;
  };
  void rebuild();
  const SubstrateEnergy* substrateAt(int substrate, int point) const;

  QString stepsName_ = "T";
  QVector<Point> points_;
  QStringList substrates_;
  QList<QCPGraph*> energy_;
  QCPGraph* accuracy_ = nullptr;
  QCPItemText* hint_;
};

}  // namespace snn::gui
