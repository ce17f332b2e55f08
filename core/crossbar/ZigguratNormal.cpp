#include "ZigguratNormal.h"

#include <cmath>

namespace snn {

namespace {
// Marsaglia & Tsang (2000), 128 layers: the right edge of the base layer and the common area
// of every layer.
constexpr double kEdge = 3.442619855899;
constexpr double kArea = 9.91256303526217e-3;
constexpr double kScale = 2147483648.0;  // 2^31

double uniform(std::mt19937_64& rng) {
  return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;  // (0, 1)
}
}  // namespace

const ZigguratNormal::Tables& ZigguratNormal::tables() {
  static const Tables t = [] {
    Tables z{};
    double dn = kEdge, tn = kEdge;
    const double q = kArea / std::exp(-0.5 * dn * dn);
    z.kn[0] = static_cast<int64_t>((dn / q) * kScale);
    z.kn[1] = 0;
    z.wn[0] = q / kScale;
    z.wn[127] = dn / kScale;
    z.fn[0] = 1.0;
    z.fn[127] = std::exp(-0.5 * dn * dn);
    for (int i = 126; i >= 1; --i) {
      dn = std::sqrt(-2.0 * std::log(kArea / dn + std::exp(-0.5 * dn * dn)));
      z.kn[i + 1] = static_cast<int64_t>((dn / tn) * kScale);
      tn = dn;
      z.fn[i] = std::exp(-0.5 * dn * dn);
      z.wn[i] = dn / kScale;
    }
    return z;
  }();
  return t;
}

double ZigguratNormal::tail(std::mt19937_64& rng, unsigned layer, int32_t value) const {
  const Tables& z = tables();
  for (;;) {
    const double x = value * z.wn[layer];
    if (layer == 0) {  // the base strip: sample the tail beyond kEdge (Marsaglia 1964)
      double a, b;
      do {
        a = -std::log(uniform(rng)) / kEdge;
        b = -std::log(uniform(rng));
      } while (b + b < a * a);
      return value > 0 ? kEdge + a : -kEdge - a;
    }
    if (z.fn[layer] + uniform(rng) * (z.fn[layer - 1] - z.fn[layer]) < std::exp(-0.5 * x * x))
      return x;
    const uint64_t bits = rng();
    layer = static_cast<unsigned>(bits & 127u);
    value = static_cast<int32_t>(static_cast<uint32_t>(bits >> 32));
    const int64_t magnitude = value < 0 ? -static_cast<int64_t>(value) : value;
    if (magnitude < z.kn[layer]) return value * z.wn[layer];
  }
}

}  // namespace snn
