#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace snn::gui {

// The spikes of each population, in time order, for the raster: appended chunk by chunk and kept
// for the whole run (so a finished run can be scrolled and zoomed back), up to a bound on memory
// past which the oldest go (keepAtMost). Finding the spikes of a window is a binary search, so
// drawing costs what is visible, not what was recorded. GUI thread.
class SpikeHistory {
 public:
  struct Range {
    const double* times = nullptr;  // ms
    const int32_t* neurons = nullptr;
    size_t count = 0;
  };

  void reset(size_t populations);
  size_t populations() const { return times_.size(); }
  // Spikes at steps (sorted) of `population`; `dt` turns steps into ms.
  void append(size_t population, const std::vector<int64_t>& steps,
              const std::vector<int32_t>& neurons, double dt);
  // Forgets spikes before `timeMs` (amortised: storage is compacted now and then).
  void dropBefore(double timeMs);
  // Drops the oldest spikes (of every population, before one time) so that at most `count`
  // remain; a no-op while fewer are held. Returns the time before which spikes were dropped
  // (-infinity when none were).
  double keepAtMost(size_t count);
  // Spikes held, over every population.
  size_t total() const;
  Range between(size_t population, double fromMs, double toMs) const;
  size_t size(size_t population) const { return times_[population].size() - head_[population]; }

 private:
  std::vector<std::vector<double>> times_;
  std::vector<std::vector<int32_t>> neurons_;
  std::vector<size_t> head_;  // first live spike
};

}  // namespace snn::gui
