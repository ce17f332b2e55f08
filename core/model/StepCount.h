#pragma once

#include <cstdint>
#include <limits>
#include <optional>

namespace snn {

// Checked conversions from a time in ms to a count of steps, and overflow-free step arithmetic.
// A cast from a double that does not fit an integer is undefined behaviour (and on x86 gives
// INT64_MIN, a negative count that indexes out of bounds); every ms -> steps conversion of a
// value the user gives goes through these.

// The largest step count a schedule may hold: two of them still add up without overflow, and a
// step index plus one of them stays below INT64_MAX for any run the validator accepts (at most
// 10^12 steps).
inline constexpr int64_t kMaxScheduleSteps = int64_t(1) << 60;

// A step that never comes (a spike or switch beyond any run).
inline constexpr int64_t kNeverStep = std::numeric_limits<int64_t>::max();

// round(ms / dt), or nullopt when that is not finite, negative or above `limit` steps.
std::optional<int64_t> stepsIn(double ms, double dt, int64_t limit = kMaxScheduleSteps);

// round(ms / dt) for a time that may lie beyond any run: kNeverStep when it is above `limit`
// steps or +infinity; nullopt for NaN or a negative time.
std::optional<int64_t> stepsOrNever(double ms, double dt, int64_t limit = kMaxScheduleSteps);

// a + b, saturating at kNeverStep (both >= 0).
inline int64_t addSteps(int64_t a, int64_t b) {
  int64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? kNeverStep : sum;
}

}  // namespace snn
