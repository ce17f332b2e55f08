#pragma once

#include <vector>

#include "LivePlot.h"
#include "session/SessionTypes.h"

namespace snn::gui {

// The firing rate of each population over time (spikes per neuron per second in bins of
// kBinMs), in the population's colour. Counts come from every step of every chunk, so the
// rate is exact whatever is recorded for the raster. GUI thread.
class PopulationRatePlot : public LivePlot {
  Q_OBJECT

 public:
  static constexpr double kBinMs = 10.0;

  explicit PopulationRatePlot(QWidget* parent = nullptr);

  void startRun(const RunLayout& layout);
  void clear();
  void appendChunk(const SimulationChunk& chunk);
  // The rates computed so far for a population of the run (for tests).
  const QCPGraph* graphOf(size_t population) const;

 protected:
  void prepareWindow(double fromMs, double toMs) override;

 private:
  struct Line {
    QCPGraph* graph = nullptr;
    int64_t size = 1;
    int64_t binStart = 0;  // first step of the bin being counted
    int64_t count = 0;
  };
  std::vector<Line> lines_;  // by population of the run; graph null for current sources
  double dt_ = 0.1;
};

}  // namespace snn::gui
