#include "RunPacer.h"

#include <algorithm>
#include <cmath>

namespace snn::gui {

void RunPacer::anchor(double simMs, double wallSeconds) {
  anchorSimMs_ = simMs;
  anchorWall_ = wallSeconds;
}

int64_t RunPacer::stepsDue(double simMs, double dtMs, double wallSeconds) {
  const int64_t budget = stepBudget();
  if (speed_ <= 0.0) return budget;
  const double targetMs = anchorSimMs_ + speed_ * (wallSeconds - anchorWall_) * 1000.0;
  const double due = std::floor((targetMs - simMs) / dtMs + 1e-9);
  if (due <= 0) return 0;
  if (due > 2.0 * static_cast<double>(budget)) anchor(simMs, wallSeconds);  // cannot keep up
  return std::min<int64_t>(static_cast<int64_t>(due), budget);
}

void RunPacer::recordChunk(int64_t steps, double wallSeconds) {
  if (steps <= 0) return;
  const double perStep = std::max(wallSeconds, 1e-9) / static_cast<double>(steps);
  // A rising cost is believed at once (it is what makes a chunk late); a falling one slowly.
  secondsPerStep_ = secondsPerStep_ == 0.0 || perStep > secondsPerStep_
                        ? perStep
                        : 0.7 * secondsPerStep_ + 0.3 * perStep;
  const auto fits = static_cast<int64_t>(kFrameSeconds * kFrameShare / secondsPerStep_);
  // Grow at most fourfold per chunk: activity, hence cost, can rise suddenly.
  budget_ = std::clamp<int64_t>(fits, 1, std::max<int64_t>(budget_ * 4, 1));
}

int64_t RunPacer::stepBudget() const {
  return budget_;
}

}  // namespace snn::gui
