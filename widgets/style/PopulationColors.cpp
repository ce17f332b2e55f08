#include "PopulationColors.h"

#include <array>

namespace snn::gui {

namespace {
constexpr std::array<QRgb, 10> kTableau10 = {0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0xb07aa1,
                                             0x76b7b2, 0xedc948, 0xff9da7, 0x9c755f, 0xbab0ac};
}  // namespace

QColor populationColor(int index) {
  const auto i = static_cast<size_t>(index < 0 ? 0 : index) % kTableau10.size();
  return QColor::fromRgb(kTableau10[i]);
}

QColor traceColor(int k) {
  // Start away from the first population colours so a trace does not look like a raster band.
  return populationColor(k + 3);
}

QColor populationShade(const QColor& base, int k) {
  if (k <= 0) return base;
  const int step = (k + 1) / 2;  // 1, 1, 2, 2, ...
  return k % 2 == 1 ? base.darker(100 + 35 * step) : base.lighter(100 + 30 * step);
}

}  // namespace snn::gui
