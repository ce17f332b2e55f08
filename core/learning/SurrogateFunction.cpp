#include "SurrogateFunction.h"

#include <algorithm>
#include <numbers>

namespace snn {

const std::vector<std::string>& SurrogateFunction::names() {
  static const std::vector<std::string> n{"fast_sigmoid", "arctan", "triangle"};
  return n;
}

std::optional<SurrogateKind> SurrogateFunction::parse(std::string_view name) {
  const auto& n = names();
  for (size_t i = 0; i < n.size(); ++i)
    if (n[i] == name) return static_cast<SurrogateKind>(i);
  return std::nullopt;
}

float SurrogateFunction::integral(float x) const {
  const float k = slope;
  switch (kind) {
    case SurrogateKind::FastSigmoid:
      // d/dx [x / (1 + k|x|)] = 1 / (1 + k|x|)^2
      return x / (1.0f + k * std::abs(x));
    case SurrogateKind::Arctan:
      // d/dx [atan(pi/2 k x) / pi] = (k/2) / (1 + (pi/2 k x)^2)
      return std::atan(0.5f * std::numbers::pi_v<float> * k * x) / std::numbers::pi_v<float>;
    case SurrogateKind::Triangle: {
      // d/dx [x - k x|x|/2] = 1 - k|x| on |x| <= 1/k, constant beyond.
      const float c = std::clamp(x, -1.0f / k, 1.0f / k);
      return c - 0.5f * k * c * std::abs(c);
    }
  }
  return 0.0f;
}

}  // namespace snn
