#include "NormalBatch.h"

#include <algorithm>
#include <vector>

#include "ZigguratFloat.h"
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
  // Blocks of 16 candidate words for ZigguratFloat, one block of lanes giving 16 words: the low
  // halves, then the high halves. About 3 % of the candidates are rejected: a margin of 1/16
  // makes a second round rare.
  std::ptrdiff_t done = 0;
  while (done < n) {
    const std::ptrdiff_t wanted = n - done, blocks = (wanted + wanted / 16 + 15) / 16 + 1;
    if (words_.size() < static_cast<size_t>(16 * blocks))
      words_.resize(static_cast<size_t>(16 * blocks));
    uint32_t* __restrict words = words_.data();
    generate(blocks, [words](std::ptrdiff_t b, int l, uint64_t x) {
      words[b * 2 * kLanes + l] = static_cast<uint32_t>(x);
      words[b * 2 * kLanes + kLanes + l] = static_cast<uint32_t>(x >> 32);
    });
    done += ziggurat_.run(words, blocks, out + done, wanted, tail_);
  }
}

}  // namespace snn
