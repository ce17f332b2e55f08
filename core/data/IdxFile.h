#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace snn {

// An IDX array (LeCun's MNIST file format): a magic number giving the element type and the number
// of dimensions, the dimensions as big-endian 32-bit counts, then the data. Only unsigned bytes
// (type 0x08), the type every MNIST-format dataset uses, are accepted.
struct IdxArray {
  std::vector<uint32_t> dims;
  std::vector<uint8_t> data;
};

// Reads an IDX file, gzipped or not (zlib detects which). Throws std::runtime_error naming the
// file for anything wrong: not IDX, wrong element type, truncated, trailing bytes, corrupt gzip.
IdxArray readIdxFile(const std::filesystem::path& path);

// Inflates gzip data held in memory. Throws std::runtime_error(what + reason) on corrupt data.
std::vector<uint8_t> gunzip(const uint8_t* data, size_t size, const std::string& what);

}  // namespace snn
