#include "ZigguratFloat.h"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <bit>

#include "ZigguratNormal.h"

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace snn {

namespace {

using Block16 = Eigen::Array<float, 16, 1>;

// exp over 16 floats (Eigen's vectorised exp, the same on both paths).
void exp16(const float* in, float* out) {
  Eigen::Map<Block16> result(out);
  result = Eigen::Map<const Block16>(in).exp();
}

inline float uniform24(uint32_t word) {
  return static_cast<float>(word >> 8) * 0x1.0p-24f;  // [0, 1)
}

}  // namespace

struct ZigguratNormal::FloatTables {
  std::array<uint32_t, 128> kn;
  std::array<float, 128> wn, fn, fnStep;  // fnStep[i] = f[i - 1] - f[i], 0 for i = 0
};

const ZigguratNormal::FloatTables& ZigguratNormal::floatTables() {
  static const FloatTables t = [] {
    const Tables& z = tables();
    FloatTables f{};
    for (size_t i = 0; i < 128; ++i) {
      f.kn[i] = static_cast<uint32_t>(z.kn[i]);  // every kn is below 2^31
      f.wn[i] = static_cast<float>(z.wn[i]);
      f.fn[i] = static_cast<float>(z.fn[i]);
      f.fnStep[i] = i == 0 ? 0.0f : static_cast<float>(z.fn[i - 1] - z.fn[i]);
    }
    return f;
  }();
  return t;
}

#if defined(__AVX512F__)

namespace {

template <class T>
void load(const std::array<T, 128>& values, __m512i* part) {
  for (int i = 0; i < 8; ++i) part[i] = _mm512_loadu_si512(values.data() + 16 * i);
}

// Entry `layer` (0-127) of a table held in eight registers: two-table permutes on bits 0-4,
// blends on bits 5 and 6.
inline __m512i lookup(const __m512i* t, __m512i layer, __mmask16 bit5, __mmask16 bit6) {
  const __m512i a = _mm512_permutex2var_epi32(t[0], layer, t[1]);
  const __m512i b = _mm512_permutex2var_epi32(t[2], layer, t[3]);
  const __m512i c = _mm512_permutex2var_epi32(t[4], layer, t[5]);
  const __m512i d = _mm512_permutex2var_epi32(t[6], layer, t[7]);
  return _mm512_mask_blend_epi32(bit6, _mm512_mask_blend_epi32(bit5, a, b),
                                 _mm512_mask_blend_epi32(bit5, c, d));
}

}  // namespace

void ZigguratFloat::fastPath(const uint32_t* words, std::ptrdiff_t blocks) {
  const ZigguratNormal::FloatTables& f = ZigguratNormal::floatTables();
  __m512i kn[8], wn[8];
  load(f.kn, kn);
  load(f.wn, wn);
  const __m512i low7 = _mm512_set1_epi32(127), bit5 = _mm512_set1_epi32(32),
                bit6 = _mm512_set1_epi32(64), sixteen = _mm512_set1_epi32(16);
  __m512i index = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  std::ptrdiff_t count = 0;
  for (std::ptrdiff_t b = 0; b < blocks; ++b) {
    const __m512i word = _mm512_loadu_si512(words + 16 * b);
    const __m512i layer = _mm512_and_si512(word, low7);
    const __m512i value = _mm512_andnot_si512(low7, word);
    const __mmask16 b5 = _mm512_test_epi32_mask(layer, bit5);
    const __mmask16 b6 = _mm512_test_epi32_mask(layer, bit6);
    _mm512_storeu_ps(
        x_.data() + 16 * b,
        _mm512_mul_ps(_mm512_cvtepi32_ps(value), _mm512_castsi512_ps(lookup(wn, layer, b5, b6))));
    // |INT_MIN| stays 0x80000000, which is 2^31 unsigned: the magnitude either way.
    const __mmask16 accepted =
        _mm512_cmp_epu32_mask(_mm512_abs_epi32(value), lookup(kn, layer, b5, b6), _MM_CMPINT_LT);
    accepted_[static_cast<size_t>(b)] = accepted;
    const auto rejected = static_cast<__mmask16>(~accepted);
    _mm512_storeu_si512(rejected_.data() + count, _mm512_maskz_compress_epi32(rejected, index));
    count += std::popcount(static_cast<unsigned>(rejected));
    index = _mm512_add_epi32(index, sixteen);
  }
  rejectedCount_ = count;
}

std::ptrdiff_t ZigguratFloat::compact(std::ptrdiff_t blocks, float* out,
                                      std::ptrdiff_t wanted) const {
  // Compressed in a register and stored as one vector (a compressing store to memory is
  // microcoded and slow on Intel cores), the last one masked to what is still wanted.
  std::ptrdiff_t done = 0;
  for (std::ptrdiff_t b = 0; b < blocks && done < wanted; ++b) {
    const __mmask16 accepted = accepted_[static_cast<size_t>(b)];
    const std::ptrdiff_t room = wanted - done;
    const auto keep = room >= 16 ? __mmask16(0xffff) : static_cast<__mmask16>((1u << room) - 1u);
    _mm512_mask_storeu_ps(out + done, keep,
                          _mm512_maskz_compress_ps(accepted, _mm512_loadu_ps(x_.data() + 16 * b)));
    done += std::popcount(static_cast<unsigned>(accepted));
  }
  return std::min(done, wanted);
}

#else

void ZigguratFloat::fastPath(const uint32_t* words, std::ptrdiff_t blocks) {
  const ZigguratNormal::FloatTables& f = ZigguratNormal::floatTables();
  std::ptrdiff_t count = 0;
  for (std::ptrdiff_t b = 0; b < blocks; ++b) {
    unsigned accepted = 0;
    for (int k = 0; k < 16; ++k) {
      const uint32_t word = words[16 * b + k];
      const unsigned layer = word & 127u;
      const auto value = static_cast<int32_t>(word & ~uint32_t{127});
      const uint32_t magnitude = value < 0 ? 0u - static_cast<uint32_t>(value) : value;
      x_[static_cast<size_t>(16 * b + k)] = static_cast<float>(value) * f.wn[layer];
      if (magnitude < f.kn[layer])
        accepted |= 1u << k;
      else
        rejected_[static_cast<size_t>(count++)] = static_cast<int32_t>(16 * b + k);
    }
    accepted_[static_cast<size_t>(b)] = static_cast<uint16_t>(accepted);
  }
  rejectedCount_ = count;
}

std::ptrdiff_t ZigguratFloat::compact(std::ptrdiff_t blocks, float* out,
                                      std::ptrdiff_t wanted) const {
  std::ptrdiff_t done = 0;
  for (std::ptrdiff_t b = 0; b < blocks && done < wanted; ++b)
    for (int k = 0; k < 16 && done < wanted; ++k)
      if (accepted_[static_cast<size_t>(b)] & (1u << k))
        out[done++] = x_[static_cast<size_t>(16 * b + k)];
  return done;
}

#endif

void ZigguratFloat::wedges(const uint32_t* words, std::mt19937_64& tail) {
  // The uniforms from `tail` (a rejected candidate in 36, one mt19937_64 draw each).
  const ZigguratNormal::FloatTables& f = ZigguratNormal::floatTables();
  for (std::ptrdiff_t r0 = 0; r0 < rejectedCount_; r0 += 16) {
    const auto m = static_cast<int>(std::min<std::ptrdiff_t>(16, rejectedCount_ - r0));
    alignas(64) float arg[16] = {}, density[16], bound[16];
    for (int i = 0; i < m; ++i) {
      const int32_t k = rejected_[static_cast<size_t>(r0 + i)];
      const uint32_t word = words[k];
      const float x = x_[static_cast<size_t>(k)];
      arg[i] = -0.5f * (x * x);
      const unsigned layer = word & 127u;  // layer 0 gets no wedge test: fn[0] = 1 fails it
      bound[i] = f.fn[layer] + uniform24(static_cast<uint32_t>(tail() >> 32)) * f.fnStep[layer];
    }
    exp16(arg, density);
    for (int i = 0; i < m; ++i) {  // no branch on the test: half of them pass, unpredictably
      const int32_t k = rejected_[static_cast<size_t>(r0 + i)];
      const unsigned pass = bound[i] < density[i] ? 1u : 0u;
      accepted_[static_cast<size_t>(k / 16)] |= static_cast<uint16_t>(pass << (k % 16));
    }
    for (int i = 0; i < m; ++i) {  // the base layer (rare): its strip and tail
      const int32_t k = rejected_[static_cast<size_t>(r0 + i)];
      const uint32_t word = words[k];
      if ((word & 127u) != 0) continue;
      x_[static_cast<size_t>(k)] = static_cast<float>(
          ZigguratNormal::baseTail(tail, static_cast<int32_t>(word & ~uint32_t{127})));
      accepted_[static_cast<size_t>(k / 16)] |= static_cast<uint16_t>(1u << (k % 16));
    }
  }
}

std::ptrdiff_t ZigguratFloat::run(const uint32_t* words, std::ptrdiff_t blocks, float* out,
                                  std::ptrdiff_t wanted, std::mt19937_64& tail) {
  if (x_.size() < static_cast<size_t>(16 * blocks)) {
    x_.resize(static_cast<size_t>(16 * blocks));
    accepted_.resize(static_cast<size_t>(blocks));
    rejected_.resize(static_cast<size_t>(16 * blocks + 16));
  }
  fastPath(words, blocks);
  wedges(words, tail);
  return compact(blocks, out, wanted);
}

}  // namespace snn
