#pragma once

#include <cstdint>
#include <span>

namespace snn {

// resources/datasets/digits.csv.gz, compiled in by core/data/CMakeLists.txt.
std::span<const uint8_t> embeddedDigitsCsvGz();

}  // namespace snn
