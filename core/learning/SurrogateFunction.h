#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snn {

// The stand-in for the derivative of the spike (a Heaviside step of x = u - 1, u the membrane in
// units of the threshold) on the backward pass of surrogate-gradient training (Neftci, Mostafa &
// Zenke, IEEE Signal Process. Mag. 36:51, 2019). The forward pass keeps the step; only
// backpropagation sees the smooth derivative. Zenke & Vogels (Neural Comput. 33:899, 2021)
// found learning robust to the shape and sensitive mainly to the scale (the slope).
//
// Each shape comes with its integral, a smooth step whose derivative is exactly the surrogate:
// a network whose forward pass uses integral() instead of the step is differentiable and its
// exact gradient is what backpropagation with derivative() computes, which is how the tests
// check BPTT against finite differences.
enum class SurrogateKind {
  FastSigmoid,  // 1 / (slope |x| + 1)^2: SuperSpike (Zenke & Ganguli 2018), snnTorch fast_sigmoid
  Arctan,       // (slope/2) / (1 + (pi/2 slope x)^2): snnTorch ATan (Fang et al. 2021)
  Triangle,     // max(0, 1 - slope |x|): Esser et al. 2016, Bellec et al. 2018 (without dampening)
};

struct SurrogateFunction {
  SurrogateKind kind = SurrogateKind::FastSigmoid;
  float slope = 25.0f;

  // The names used in a project's "surrogate" parameter, in the order of SurrogateKind.
  static const std::vector<std::string>& names();
  static std::optional<SurrogateKind> parse(std::string_view name);

  float derivative(float x) const {
    switch (kind) {
      case SurrogateKind::FastSigmoid:
        return fastSigmoid(x, slope);
      case SurrogateKind::Arctan:
        return arctan(x, slope);
      case SurrogateKind::Triangle:
        return triangle(x, slope);
    }
    return 0.0f;
  }
  // A smooth step with integral()' == derivative(), used only by gradient tests.
  float integral(float x) const;

  // The shapes as free functions so hot loops can be instantiated per shape (no switch inside).
  static float fastSigmoid(float x, float k) {
    const float d = k * std::abs(x) + 1.0f;
    return 1.0f / (d * d);
  }
  static float arctan(float x, float k) {
    const float y = 1.5707963267948966f * k * x;
    return 0.5f * k / (1.0f + y * y);
  }
  static float triangle(float x, float k) { return std::max(0.0f, 1.0f - k * std::abs(x)); }
};

}  // namespace snn
