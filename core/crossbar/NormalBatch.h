#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "ZigguratFloat.h"

namespace snn {

// Standard normal numbers in batches, for the read noise of crossbar tiles: one number per column
// of every array read in every time step, the crossbar's hottest random numbers. Eight
// independent xoshiro256++ generators (D. Blackman & S. Vigna, "Scrambled linear pseudorandom
// number generators", ACM TOMS 47(4), 2021) run side by side so that the compiler vectorises
// them, and each 64-bit output becomes a normal by the ziggurat's fast path (ZigguratNormal's
// tables: Marsaglia & Tsang 2000, layer from the low 7 bits, value from the high 32). The rare
// draws outside the fast path (about 2.8 %) are finished by ZigguratNormal's own tail, which
// draws from `tail_`. The eight states and the tail stream are seeded from a std::mt19937_64 (the
// crossbar's read stream), so a seed still fixes every number. Copying copies the state: a copy
// draws the same numbers as the original.
class NormalBatch {
 public:
  explicit NormalBatch(std::mt19937_64& seed);

  // n standard normal numbers into out.
  void fill(double* out, std::ptrdiff_t n);
  // The same in single precision (the spike reads' noise, SpikeReader): each 64-bit output
  // gives two 32-bit words, and ZigguratFloat makes normals of them 16 at a time, wedges and
  // tails included (no scalar path for the 3 % the fast path rejects). A stream of its own,
  // not the numbers fill(double*) would give.
  void fill(float* out, std::ptrdiff_t n);

 private:
  static constexpr int kLanes = 8;
  // blocks x kLanes outputs, each passed to store(block, lane, bits).
  template <class Store>
  void generate(std::ptrdiff_t blocks, Store store);

  alignas(64) std::array<uint64_t, kLanes> s0_{}, s1_{}, s2_{}, s3_{};
  std::mt19937_64 tail_;
  std::vector<uint64_t> bits_;   // scratch: one batch of draws
  std::vector<uint32_t> words_;  // the same for fill(float*)
  ZigguratFloat ziggurat_;       // its scratch
};

}  // namespace snn
