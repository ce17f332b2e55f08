#include "StepCount.h"

#include <cmath>

namespace snn {

std::optional<int64_t> stepsIn(double ms, double dt, int64_t limit) {
  const double steps = ms / dt;
  // Compared as doubles before any cast: NaN fails both tests.
  if (!(steps >= 0.0) || !(steps <= static_cast<double>(limit))) return std::nullopt;
  // Half away from zero, as std::llround (the conversions this replaces).
  const double rounded = std::round(steps);
  if (rounded > static_cast<double>(limit)) return std::nullopt;
  return static_cast<int64_t>(rounded);
}

std::optional<int64_t> stepsOrNever(double ms, double dt, int64_t limit) {
  const double steps = ms / dt;
  if (std::isnan(steps) || steps < 0.0) return std::nullopt;
  if (auto s = stepsIn(ms, dt, limit)) return s;
  return kNeverStep;
}

}  // namespace snn
