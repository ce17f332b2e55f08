#include "NormalBatch.h"

#include <algorithm>
#include <vector>

#include "ZigguratNormal.h"

namespace snn {

namespace {

inline uint64_t rotl(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

// Layer (low 7 bits) and value (the high 25: sign and 24 bits) of a 32-bit word, for the
// single-precision ziggurat; rejected when the value's magnitude is not below the layer's kn.
struct HalfDraw {
  unsigned layer;
  int32_t value;
  bool accepted;
};

inline HalfDraw halfDraw(uint32_t word, const uint32_t* kn) {
  const unsigned layer = word & 127u;
  const uint32_t bits = word & ~uint32_t{127};
  const auto value = static_cast<int32_t>(bits);
  const uint32_t magnitude = value < 0 ? 0u - bits : bits;
  return {layer, value, magnitude < kn[layer]};
}

// The ziggurat's fast path over n words into out, marking the draws it rejects (1) in rejected;
// returns whether there is any. Vectorised: no branch, restrict pointers, 32-bit lanes throughout.
uint32_t fastPath(const uint32_t* __restrict words, const uint32_t* __restrict kn,
                  const float* __restrict wn, std::ptrdiff_t n, float* __restrict out,
                  uint32_t* __restrict rejected) {
  uint32_t any = 0;
  for (std::ptrdiff_t k = 0; k < n; ++k) {
    const uint32_t word = words[k], layer = word & 127u, bits = word & ~uint32_t{127};
    const auto value = static_cast<int32_t>(bits);
    const uint32_t magnitude = value < 0 ? 0u - bits : bits;
    out[k] = static_cast<float>(value) * wn[layer];  // the value is exact in a float
    const uint32_t reject = magnitude >= kn[layer] ? 1u : 0u;
    rejected[k] = reject;
    any |= reject;
  }
  return any;
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

template <class Store>
void NormalBatch::generate(std::ptrdiff_t blocks, Store store) {
  // xoshiro256++ lane by lane on local copies of the state, so that the lanes stay in vector
  // registers (through the members, which the compiler cannot prove apart from the output, it
  // went word by word through memory: 3x slower).
  alignas(64) std::array<uint64_t, kLanes> s0 = s0_, s1 = s1_, s2 = s2_, s3 = s3_;
  for (std::ptrdiff_t b = 0; b < blocks; ++b) {
#pragma omp simd
    for (int l = 0; l < kLanes; ++l) {
      store(b, l, rotl(s0[l] + s3[l], 23) + s0[l]);
      const uint64_t t = s1[l] << 17;
      s2[l] ^= s0[l];
      s3[l] ^= s1[l];
      s1[l] ^= s2[l];
      s0[l] ^= s3[l];
      s2[l] ^= t;
      s3[l] = rotl(s3[l], 45);
    }
  }
  s0_ = s0;
  s1_ = s1;
  s2_ = s2;
  s3_ = s3;
}

void NormalBatch::fill(double* out, std::ptrdiff_t n) {
  const std::ptrdiff_t blocks = (n + kLanes - 1) / kLanes;
  if (bits_.size() < static_cast<size_t>(blocks * kLanes))
    bits_.resize(static_cast<size_t>(blocks * kLanes));
  uint64_t* __restrict bits = bits_.data();
  generate(blocks, [bits](std::ptrdiff_t b, int l, uint64_t x) { bits[b * kLanes + l] = x; });
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

void NormalBatch::fill(float* out, std::ptrdiff_t n) {
  // Each block of lanes gives 2 kLanes words: the low halves, then the high halves.
  const std::ptrdiff_t blocks = (n + 2 * kLanes - 1) / (2 * kLanes);
  if (words_.size() < static_cast<size_t>(blocks * 2 * kLanes))
    words_.resize(static_cast<size_t>(blocks * 2 * kLanes));
  uint32_t* __restrict words = words_.data();
  generate(blocks, [words](std::ptrdiff_t b, int l, uint64_t x) {
    words[b * 2 * kLanes + l] = static_cast<uint32_t>(x);
    words[b * 2 * kLanes + kLanes + l] = static_cast<uint32_t>(x >> 32);
  });
  // The fast path over the whole batch, vectorised (the layer's tables gathered); a rejected
  // draw is marked, and the rare rejected ones are finished in order through the ziggurat's tail.
  const ZigguratNormal::Tables& z = ZigguratNormal::tables();
  if (rejected_.size() < static_cast<size_t>(n)) rejected_.resize(static_cast<size_t>(n));
  const uint32_t any = fastPath(words, z.kn32.data(), z.wnFloat.data(), n, out, rejected_.data());
  if (any == 0) return;
  const ZigguratNormal normal;
  const uint32_t* rejected = rejected_.data();
  for (std::ptrdiff_t k = 0; k < n; ++k)
    if (rejected[k] != 0) {
      const HalfDraw d = halfDraw(words[k], z.kn32.data());
      out[k] = static_cast<float>(normal.tail(tail_, d.layer, d.value));
    }
}

}  // namespace snn
