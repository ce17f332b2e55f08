#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace snn {

// The ziggurat (Marsaglia & Tsang 2000, ZigguratNormal's 128 layers) in single precision over
// whole batches, for NormalBatch::fill(float*). A candidate is a 32-bit word: the layer from its
// low 7 bits, the value from the other 25 (a sign and 24 bits, exact in a float). Three passes,
// none with a branch per number:
//  1. the fast path over every candidate (about 97 % accepted): x = value * w[layer], and the
//     indices of the rejected ones listed;
//  2. the rejected ones, 16 at a time: the wedge test f[i] + u (f[i - 1] - f[i]) < exp(-x^2/2)
//     (exp over a vector, u from `tail`), or for the base layer ZigguratNormal's scalar tail;
//     a candidate failing its wedge test is dropped, which is what the scalar method's "draw
//     again" amounts to when the next draw is the next candidate;
//  3. the accepted numbers written out in candidate order, so that whether a number survives
//     never depends on where it lands: the output is independent standard normals (rejection
//     sampling keeps its accepted draws i.i.d.).
// With AVX-512, pass 1's 128-entry tables are held in registers and looked up by two-table
// permutes (GCC emits no gathers under generic tuning, and its emulated ones cost 1.6 ns a
// number) and pass 3 compresses in registers; otherwise plain loops, with the same numbers.
class ZigguratFloat {
 public:
  // 16 `blocks` candidates: writes the accepted numbers at out, at most `wanted`, and returns
  // how many.
  std::ptrdiff_t run(const uint32_t* words, std::ptrdiff_t blocks, float* out,
                     std::ptrdiff_t wanted, std::mt19937_64& tail);

 private:
  void fastPath(const uint32_t* words, std::ptrdiff_t blocks);
  void wedges(const uint32_t* words, std::mt19937_64& tail);
  std::ptrdiff_t compact(std::ptrdiff_t blocks, float* out, std::ptrdiff_t wanted) const;

  std::vector<float> x_;            // each candidate's number
  std::vector<uint16_t> accepted_;  // a bit per candidate, a mask per block
  std::vector<int32_t> rejected_;   // candidates the fast path rejected (room for 16 more)
  std::ptrdiff_t rejectedCount_ = 0;
};

}  // namespace snn
