#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

namespace snn {

// Large numeric arrays in a JSON file: {"dtype": "<f8", "shape": [rows, cols], "data": BASE64},
// the little-endian bytes of the values in row-major order, base64-encoded (RFC 4648). dtype is
// "<f8" (float64, exact) or "<f4" (float32), numpy's names. A million values parse in milliseconds
// where a JSON list of numbers takes about a second, and the file stays one file. Any array field
// can hold one (JsonFieldReader::numbers reads both forms).

// The packed object of `values` with `shape` (their product must be values.size()).
nlohmann::ordered_json packArray(std::span<const double> values, const std::vector<int64_t>& shape,
                                 bool float32 = false);

// Whether j looks like a packed array (an object with "dtype" and "data").
bool isPackedArray(const nlohmann::json& j);

// The values and shape of a packed array. Throws std::runtime_error saying what is wrong (an
// unknown dtype, a shape that is not a list of sizes, data that is not base64 or whose length
// does not match the shape), checked before anything the file merely claims is allocated.
struct UnpackedArray {
  std::vector<double> values;
  std::vector<int64_t> shape;
};
UnpackedArray unpackArray(const nlohmann::json& j);

// Arrays at least this long are written packed.
inline constexpr size_t kPackFromValues = 1024;

}  // namespace snn
