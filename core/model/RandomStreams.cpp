#include "RandomStreams.h"

namespace snn {

namespace {
// FNV-1a: a fixed, platform-independent hash of a name (std::hash is neither).
uint64_t fnv1a(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}
}  // namespace

std::mt19937_64 makeRandomStream(uint64_t runSeed, std::string_view purpose,
                                 std::string_view objectId, uint64_t index) {
  const uint64_t p = fnv1a(purpose), o = fnv1a(objectId);
  std::seed_seq seq{static_cast<uint32_t>(runSeed), static_cast<uint32_t>(runSeed >> 32),
                    static_cast<uint32_t>(p),       static_cast<uint32_t>(p >> 32),
                    static_cast<uint32_t>(o),       static_cast<uint32_t>(o >> 32),
                    static_cast<uint32_t>(index),   static_cast<uint32_t>(index >> 32)};
  return std::mt19937_64(seq);
}

}  // namespace snn
