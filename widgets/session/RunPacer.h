#pragma once

#include <cstdint>

namespace snn::gui {

// Decides how many steps the next chunk runs, so that chunks come about 30 times a second at the
// chosen speed: at speed s (simulated seconds per wall-clock second) simulated time follows s ×
// wall time since the last anchor; as fast as possible (s = 0) every chunk fills one frame. No
// chunk is planned to take longer than a frame, which is what bounds pause and stop latency.
// Plain logic, no clock of its own (the worker passes wall time in seconds); used by the
// simulation worker thread.
class RunPacer {
 public:
  static constexpr double kFrameSeconds = 1.0 / 30.0;
  // Share of a frame one chunk may use; the rest is for the worker's own bookkeeping.
  static constexpr double kFrameShare = 0.8;

  // Simulated time follows wall time from here (after start, resume, reset or a speed change).
  void anchor(double simMs, double wallSeconds);
  void setSpeed(double speed) { speed_ = speed; }
  double speed() const { return speed_; }

  // Steps to run now (0: nothing is due yet). Falling behind by more than a frame's worth
  // re-anchors instead of trying to catch up later in a burst.
  int64_t stepsDue(double simMs, double dtMs, double wallSeconds);
  // Learns what a step costs from a finished chunk.
  void recordChunk(int64_t steps, double wallSeconds);
  // The most steps one chunk may run.
  int64_t stepBudget() const;
  // Wall-clock seconds one step is believed to cost (0 until a chunk was measured).
  double secondsPerStep() const { return secondsPerStep_; }

 private:
  double speed_ = 1.0;  // 0 = as fast as possible
  double anchorSimMs_ = 0.0;
  double anchorWall_ = 0.0;
  double secondsPerStep_ = 0.0;
  int64_t budget_ = 10;  // the first chunk is small: its cost is not known yet
};

}  // namespace snn::gui
