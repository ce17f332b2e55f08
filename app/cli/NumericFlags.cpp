#include "NumericFlags.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "model/NumberText.h"

CLI::Validator realIn(double min, double max, const std::string& unit, Bound lower, Bound upper) {
  const std::string range = std::string(lower == Bound::Closed ? "[" : "(") +
                            snn::formatNumber(min) + ", " + snn::formatNumber(max) +
                            (upper == Bound::Closed ? "]" : ")") + (unit.empty() ? "" : " " + unit);
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        const bool parsed = !text.empty() && end == text.c_str() + text.size();
        const bool above = lower == Bound::Closed ? v >= min : v > min;
        const bool below = upper == Bound::Closed ? v <= max : v < max;
        if (parsed && std::isfinite(v) && above && below) return {};
        return "must be a number in " + range + " (got " + text.substr(0, 40) + ")";
      },
      "NUMBER in " + range);
}

CLI::Validator wholeIn(uint64_t min, uint64_t max) {
  const std::string range = "[" + std::to_string(min) + ", " + std::to_string(max) + "]";
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        uint64_t v = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, v);
        // from_chars takes digits only: no sign, exponent or fraction, and reports overflow.
        if (!text.empty() && error == std::errc() && stop == end && v >= min && v <= max) return {};
        return "must be a whole number in " + range + " (got " + text.substr(0, 40) + ")";
      },
      "INTEGER in " + range);
}
