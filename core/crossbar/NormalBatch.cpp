#include "NormalBatch.h"

#include <algorithm>
#include <vector>

#include "ZigguratNormal.h"

namespace snn {

namespace {
inline uint64_t rotl(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}
}  // namespace

NormalBatch::NormalBatch(std::mt19937_64& seed) : tail_(seed()) {
  for (int l = 0; l < kLanes; ++l) {
    s0_[l] = seed();
    s1_[l] = seed();
    s2_[l] = seed();
    s3_[l] = seed();
    if ((s0_[l] | s1_[l] | s2_[l] | s3_[l]) == 0) s0_[l] = 1;  // the one state xoshiro avoids
  }
}

void NormalBatch::next(uint64_t* bits) {
  for (int l = 0; l < kLanes; ++l) {  // xoshiro256++, lane by lane (vectorised)
    bits[l] = rotl(s0_[l] + s3_[l], 23) + s0_[l];
    const uint64_t t = s1_[l] << 17;
    s2_[l] ^= s0_[l];
    s3_[l] ^= s1_[l];
    s1_[l] ^= s2_[l];
    s0_[l] ^= s3_[l];
    s2_[l] ^= t;
    s3_[l] = rotl(s3_[l], 45);
  }
}

void NormalBatch::fill(double* out, std::ptrdiff_t n) {
  const std::ptrdiff_t padded = (n + kLanes - 1) / kLanes * kLanes;
  if (static_cast<std::ptrdiff_t>(bits_.size()) < padded) bits_.resize(static_cast<size_t>(padded));
  uint64_t* bits = bits_.data();
  for (std::ptrdiff_t k = 0; k < padded; k += kLanes) next(bits + k);
  // The fast path over the whole batch (no call, no branch: a rejected draw is marked), then the
  // rare rejected ones in order through the ziggurat's tail.
  const ZigguratNormal::Tables& z = ZigguratNormal::tables();
  bool rejected = false;
  for (std::ptrdiff_t k = 0; k < n; ++k) {
    const auto layer = static_cast<unsigned>(bits[k] & 127u);
    const auto value = static_cast<int32_t>(static_cast<uint32_t>(bits[k] >> 32));
    const int64_t magnitude = value < 0 ? -static_cast<int64_t>(value) : value;
    out[k] = value * z.wn[layer];
    const bool reject = magnitude >= z.kn[layer];
    rejected = rejected || reject;
    bits[k] = reject ? bits[k] : 0;  // 0 marks an accepted draw (bits 0 would be accepted too)
  }
  if (!rejected) return;
  const ZigguratNormal normal;
  for (std::ptrdiff_t k = 0; k < n; ++k)
    if (bits[k] != 0)
      out[k] = normal.tail(tail_, static_cast<unsigned>(bits[k] & 127u),
                           static_cast<int32_t>(static_cast<uint32_t>(bits[k] >> 32)));
}

}  // namespace snn
