#include "PackedArray.h"

#include <array>
#include <bit>
#include <cstring>
#include <stdexcept>

namespace snn {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static_assert(std::endian::native == std::endian::little,
              "packed arrays are little-endian; a big-endian build must swap bytes");

std::string encodeBase64(const unsigned char* bytes, size_t n) {
  std::string out;
  out.reserve((n + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    const uint32_t v = (uint32_t(bytes[i]) << 16) | (uint32_t(bytes[i + 1]) << 8) | bytes[i + 2];
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  if (i < n) {
    uint32_t v = uint32_t(bytes[i]) << 16;
    if (i + 1 < n) v |= uint32_t(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(i + 1 < n ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

// Decodes into `out`, which has exactly the size the shape asks for.
void decodeBase64(const std::string& text, std::vector<unsigned char>& out) {
  static const std::array<int8_t, 256> table = [] {
    std::array<int8_t, 256> t{};
    t.fill(-1);
    for (int k = 0; k < 64; ++k) t[static_cast<unsigned char>(kAlphabet[k])] = int8_t(k);
    return t;
  }();
  size_t len = text.size();
  while (len > 0 && text[len - 1] == '=') --len;
  if (text.size() % 4 != 0 || text.size() - len > 2)
    throw std::runtime_error("\"data\" is not base64 (its length must be a multiple of 4)");
  const size_t bytes = len * 3 / 4;
  if (bytes != out.size())
    throw std::runtime_error("\"data\" holds " + std::to_string(bytes) + " bytes but the shape " +
                             "and dtype need " + std::to_string(out.size()));
  size_t o = 0;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < len; ++i) {
    const int8_t v = table[static_cast<unsigned char>(text[i])];
    if (v < 0)
      throw std::runtime_error("\"data\" is not base64 (character " + std::to_string(i) + ")");
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = static_cast<unsigned char>((acc >> bits) & 0xff);
    }
  }
}

}  // namespace

nlohmann::ordered_json packArray(std::span<const double> values, const std::vector<int64_t>& shape,
                                 bool float32) {
  std::string data;
  if (float32) {
    std::vector<float> f(values.begin(), values.end());
    data = encodeBase64(reinterpret_cast<const unsigned char*>(f.data()), f.size() * sizeof(float));
  } else {
    data = encodeBase64(reinterpret_cast<const unsigned char*>(values.data()),
                        values.size() * sizeof(double));
  }
  return {{"dtype", float32 ? "<f4" : "<f8"}, {"shape", shape}, {"data", std::move(data)}};
}

bool isPackedArray(const nlohmann::json& j) {
  return j.is_object() && j.contains("dtype") && j.contains("data");
}

UnpackedArray unpackArray(const nlohmann::json& j) {
  if (!isPackedArray(j)) throw std::runtime_error("expected {\"dtype\", \"shape\", \"data\"}");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "dtype" && it.key() != "shape" && it.key() != "data")
      throw std::runtime_error("unknown key \"" + it.key() + "\" (known: dtype, shape, data)");
  const nlohmann::json& dtype = j.at("dtype");
  if (!dtype.is_string() || (dtype != "<f8" && dtype != "<f4"))
    throw std::runtime_error("\"dtype\" must be \"<f8\" (float64) or \"<f4\" (float32)");
  const size_t width = dtype == "<f8" ? 8 : 4;
  UnpackedArray out;
  uint64_t count = 1;
  auto shape = j.find("shape");
  if (shape == j.end() || !shape->is_array() || shape->empty())
    throw std::runtime_error("\"shape\" must be a list of sizes, e.g. [rows, cols]");
  const nlohmann::json& data = j.at("data");
  if (!data.is_string()) throw std::runtime_error("\"data\" must be a base64 string");
  const uint64_t available = data.get_ref<const std::string&>().size() / 4 * 3 / width + 1;
  for (const nlohmann::json& n : *shape) {
    if (!n.is_number_integer() || n.get<int64_t>() < 0)
      throw std::runtime_error("\"shape\" must be a list of sizes (whole numbers >= 0)");
    const auto size = n.get<uint64_t>();
    if (size != 0 && count > available / size)  // more than the data can hold: refuse early
      throw std::runtime_error("\"shape\" asks for more values than \"data\" holds");
    count *= size;
    out.shape.push_back(static_cast<int64_t>(size));
  }
  std::vector<unsigned char> bytes(count * width);
  decodeBase64(data.get_ref<const std::string&>(), bytes);
  out.values.resize(count);
  if (width == 8) {
    if (!bytes.empty()) std::memcpy(out.values.data(), bytes.data(), bytes.size());
  } else {
    for (size_t i = 0; i < count; ++i) {
      float f;
      std::memcpy(&f, bytes.data() + 4 * i, 4);
      out.values[i] = f;
    }
  }
  return out;
}

}  // namespace snn
