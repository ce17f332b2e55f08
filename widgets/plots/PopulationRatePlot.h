#pragma once

#include <vector>

#include "LivePlot.h"
#include "session/SessionTypes.h"

namespace snn::gui {

// The firing rate of each population over time (spikes per neuron per second), in the
// population's colour, a point every kBinMs. A large population's rate is counted in one bin; a
// small one's over a sliding window that holds about kSpikesPerWindow neuron-bins' worth
// (smoothingMs: 200 ms for one neuron, down to one bin from 20 neurons on), so that a single
// neuron's rate reads as a rate, not as 0 and 100 Hz in turn. Counts come from every step of
// every chunk, so the rate is exact whatever is recorded for the raster. GUI thread.
class PopulationRatePlot : public LivePlot {
  Q_OBJECT

 public:
  static constexpr double kBinMs = 10.0;
  static constexpr double kMaxSmoothingMs = 200.0;
  static constexpr int kMaxPointsPerLine = 1'000'000;

  // The sliding window a population of `size` neurons is counted over.
  static double smoothingMs(int64_t size);

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
    int window = 1;               // bins summed per point
    std::vector<int64_t> recent;  // counts of the last `window` bins, a ring
    int64_t binsDone = 0;
  };
  std::vector<Line> lines_;  // by population of the run; graph null for current sources
  double dt_ = 0.1;
};

}  // namespace snn::gui
