#pragma once

#include <Eigen/Dense>
#include <vector>

#include "plots/ThemedPlot.h"

namespace snn::gui {

// How the devices' conductances spread against the levels they were programmed to: a histogram
// of the read conductances (µS) with a thin line at each target level, so quantisation,
// variation, drift and stuck devices show as bars away from the lines. GUI thread.
class ConductanceHistogram : public ThemedPlot {
  Q_OBJECT

 public:
  static constexpr int kBins = 120;

  explicit ConductanceHistogram(QWidget* parent = nullptr);

  // `conductances` of every device; `levels` the device's programmable levels in [gMin, gMax].
  void setData(const Eigen::Ref<const Eigen::MatrixXd>& conductances,
               const std::vector<double>& levels, double gMin, double gMax);
  void clear(const QString& hint);
  // Device counts on a logarithmic axis: the few devices away from a crowded level (stuck,
  // drifted, out of tolerance) stay visible next to the thousands at G_min.
  void setLogScale(bool on);
  bool logScale() const { return log_; }

  // Devices counted in each bin (for tests: they add up to the devices shown).
  QVector<double> counts() const;
  int levelLines() const { return levelLines_; }

 protected:
  void applyPalette() override;

 private:
  QCPBars* bars_;
  QCPGraph* levels_;
  QCPItemText* hint_;
  int levelLines_ = 0;
  bool log_ = false;
  double top_ = 1.0;  // the largest count of the data shown
  void applyScale();  // the count axis for top_ and log_
};

}  // namespace snn::gui
