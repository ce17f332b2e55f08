#pragma once

// Validators for numeric flags (CLI11 checks): every number a flag takes is refused, with its
// range, unless it is finite, in range and (for counts) whole. CLI11's own conversions accept
// "-1" for an unsigned seed (it becomes 2^64 - 1) and its NonNegativeNumber prints its bound
// with 309 digits; these do neither.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

enum class Bound { Closed, Open };

// A finite real number between min and max (`unit` follows the range in the message), e.g.
// realIn(0, 10, "ms", Bound::Open) accepts (0, 10] ms.
CLI::Validator realIn(double min, double max, const std::string& unit, Bound lower = Bound::Closed,
                      Bound upper = Bound::Closed);

// A whole number written in decimal digits in [min, max]: refuses "-1", "1e23", "1.5" and
// anything beyond max (e.g. 2^64 for a 64-bit seed).
CLI::Validator wholeIn(uint64_t min, uint64_t max);
