#pragma once

#include <string>

namespace snn {

// A number as a person reads it in a message: six significant digits, "0.1", "1e+30", "nan",
// "-inf"; never the 309 digits std::to_string gives 1e308.
std::string formatNumber(double value);

}  // namespace snn
