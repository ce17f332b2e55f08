#include "PulseAccumulator.h"

#include <cmath>
#include <stdexcept>

namespace snn {

PulseRule pulseRuleFromName(const std::string& name) {
  if (name == "manhattan") return PulseRule::Manhattan;
  if (name == "stochastic") return PulseRule::Stochastic;
  throw std::invalid_argument("unknown pulse rule '" + name + "' (manhattan, stochastic)");
}

std::vector<std::string> pulseRuleNames() {
  return {"manhattan", "stochastic"};
}

PulseAccumulator::PulseAccumulator(Eigen::Index rows, Eigen::Index cols, PulseRule rule,
                                   double pulseWeight, int maxPulses)
    : rule_(rule),
      pulseWeight_(pulseWeight),
      maxPulses_(maxPulses),
      chi_(Eigen::MatrixXd::Zero(rows, cols)),
      pulses_(Eigen::MatrixXi::Zero(rows, cols)) {
  if (!(pulseWeight > 0.0) || !std::isfinite(pulseWeight))
    throw std::invalid_argument("pulse accumulator: the weight change of a pulse must be > 0");
  if (maxPulses < 1) throw std::invalid_argument("pulse accumulator: maxPulses must be >= 1");
}

const Eigen::MatrixXi& PulseAccumulator::add(const Eigen::Ref<const Eigen::MatrixXd>& delta,
                                             std::mt19937_64& rng) {
  if (delta.rows() != chi_.rows() || delta.cols() != chi_.cols())
    throw std::invalid_argument("pulse accumulator: change of " + std::to_string(delta.rows()) +
                                " x " + std::to_string(delta.cols()) + " for " +
                                std::to_string(chi_.rows()) + " x " + std::to_string(chi_.cols()) +
                                " weights");
  chi_ += delta;
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const int cap = rule_ == PulseRule::Manhattan ? 1 : maxPulses_;
  for (Eigen::Index c = 0; c < chi_.cols(); ++c) {
    for (Eigen::Index r = 0; r < chi_.rows(); ++r) {
      const double x = chi_(r, c) / pulseWeight_;
      double n = 0.0;
      if (rule_ == PulseRule::Manhattan) {
        n = std::abs(x) >= 0.5 ? std::copysign(1.0, x) : 0.0;
      } else {
        const double whole = std::floor(std::abs(x));
        n = std::copysign(whole + (uniform(rng) < std::abs(x) - whole ? 1.0 : 0.0), x);
      }
      n = std::clamp(n, -double(cap), double(cap));
      pulses_(r, c) = static_cast<int>(n);
      chi_(r, c) -= n * pulseWeight_;
    }
  }
  return pulses_;
}

}  // namespace snn
