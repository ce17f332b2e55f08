#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace snn {

// The output analog-to-digital converter of a column: 2^bits codes over [0, iMax] (a column
// current is not negative unless noise makes it so), rounding to the nearest code (ties to even),
// so that zero current reads as exactly zero. With clip, currents beyond the range saturate at 0
// or iMax; without, they are quantised with the same step but not limited. bits = 0 is ideal: no
// quantisation and no clipping.
class Adc {
 public:
  Adc(int bits, double iMax, bool clip)
      : bits_(bits),
        iMax_(iMax),
        clip_(clip),
        top_(std::ldexp(1.0, std::max(bits, 1)) - 1.0),
        step_(iMax / top_),
        inverseStep_(1.0 / step_) {}

  bool ideal() const { return bits_ <= 0; }
  int bits() const { return bits_; }
  double iMax() const { return iMax_; }
  bool clip() const { return clip_; }
  double step() const { return step_; }
  double convert(double i) const {
    if (ideal()) return i;
    double code = std::nearbyint(i * inverseStep_);
    if (clip_) code = std::clamp(code, 0.0, top_);
    return code * step_;
  }
  // The same for every column of a read, in place (rint rounds as nearbyint does: to the
  // nearest, ties to even, in the default rounding mode).
  void convertAll(Eigen::Ref<Eigen::VectorXd> currents) const {
    if (ideal()) return;
    auto i = currents.array();
    i = (i * inverseStep_).rint();
    if (clip_) i = i.max(0.0).min(top_);
    i *= step_;
  }
  // In single precision (SpikeReader's reads), to codes: the ADC's integers, exact in a float;
  // times step() they are the currents convertAll gives. Ideal: unchanged.
  void toCodes(Eigen::Ref<Eigen::VectorXf> currents) const {
    if (ideal()) return;
    auto i = currents.array();
    i = (i * static_cast<float>(inverseStep_)).rint();
    if (clip_) i = i.max(0.0f).min(static_cast<float>(top_));
  }

 private:
  int bits_;
  double iMax_;
  bool clip_;
  double top_, step_, inverseStep_;
};

}  // namespace snn
