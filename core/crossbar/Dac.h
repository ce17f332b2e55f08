#pragma once

#include <algorithm>
#include <cmath>

namespace snn {

// The input digital-to-analog converter of a row driver: bits of magnitude over [0, vMax] and a
// sign (drivers are bipolar; negative inputs are read in a second phase), rounding to the
// nearest code (ties to even). bits = 0 is ideal: no quantisation and no clipping.
class Dac {
 public:
  Dac(int bits, double vMax)
      : bits_(bits),
        vMax_(vMax),
        top_(std::ldexp(1.0, std::max(bits, 1)) - 1.0),
        step_(vMax / top_),
        inverseStep_(1.0 / step_) {}

  bool ideal() const { return bits_ <= 0; }
  int bits() const { return bits_; }
  double vMax() const { return vMax_; }
  double step() const { return step_; }
  double convert(double v) const {
    if (ideal()) return v;
    return std::clamp(std::nearbyint(v * inverseStep_), -top_, top_) * step_;
  }

 private:
  int bits_;
  double vMax_, top_, step_, inverseStep_;
};

}  // namespace snn
