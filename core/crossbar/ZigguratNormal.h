#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>

namespace snn {

// Standard normal numbers by the ziggurat method (G. Marsaglia & W. W. Tsang, "The ziggurat
// method for generating random variables", J. Stat. Softw. 5(8), 2000), 128 layers, from a
// std::mt19937_64: about one 64-bit draw and one multiply per number, against a logarithm and a
// square root for std::normal_distribution. Used where a crossbar read draws one number per
// column per time step. The layer index comes from the low 7 bits of the draw and the value from
// the high 32, so the two are independent (J. A. Doornik, "An improved ziggurat method to
// generate normal random samples", 2005, on the original's correlation).
class ZigguratNormal {
 public:
  double operator()(std::mt19937_64& rng) const { return fromBits(rng(), rng); }
  // The number one 64-bit draw gives; rng only when the draw falls outside the fast path.
  double fromBits(uint64_t bits, std::mt19937_64& rng) const {
    const auto layer = static_cast<unsigned>(bits & 127u);
    const auto value = static_cast<int32_t>(static_cast<uint32_t>(bits >> 32));
    const int64_t magnitude = value < 0 ? -static_cast<int64_t>(value) : value;
    if (magnitude < kn()[layer]) return value * wn()[layer];
    return tail(rng, layer, value);
  }
  // The number a draw rejected in the base layer (layer 0) gives: the strip or the tail beyond
  // it, drawing from rng (ZigguratFloat finishes its rare base-layer draws so).
  static double baseTail(std::mt19937_64& rng, int32_t value) {
    return ZigguratNormal().tail(rng, 0, value);
  }
  // The tables in single precision, for ZigguratFloat (defined there).
  struct FloatTables;
  static const FloatTables& floatTables();
  // n numbers into out, the same as n calls in a row.
  void fill(std::mt19937_64& rng, double* out, std::ptrdiff_t n) const {
    for (std::ptrdiff_t k = 0; k < n; ++k) out[k] = (*this)(rng);
  }

 private:
  friend class NormalBatch;    // runs the fast path over a batch itself
  friend class ZigguratFloat;  // the same in single precision, and the base layer's tail
  struct Tables {
    std::array<int64_t, 128> kn;
    std::array<double, 128> wn, fn;
  };
  static const Tables& tables();
  static const std::array<int64_t, 128>& kn() { return tables().kn; }
  static const std::array<double, 128>& wn() { return tables().wn; }
  double tail(std::mt19937_64& rng, unsigned layer, int32_t value) const;
};

}  // namespace snn
