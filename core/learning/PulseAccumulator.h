#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace snn {

// How a desired weight change becomes SET/RESET pulses on a crossbar (in-situ training).
enum class PulseRule {
  // Sign (Manhattan) update: at most one pulse per weight and update, in the sign of the
  // accumulated change, once it reaches half a pulse's nominal change (Yao et al., Nature
  // 577:641, 2020, fine-tune their FC layer with one pulse per update in the gradient's sign).
  Manhattan,
  // Stochastic pulse trains: n = floor(x) pulses plus one more with probability frac(x), where x
  // is the accumulated change in pulses, capped at maxPulses per update (stochastic rounding,
  // unbiased: the expected change equals the desired one on a nominal linear device).
  Stochastic,
};
PulseRule pulseRuleFromName(const std::string& name);  // "manhattan", "stochastic"
std::vector<std::string> pulseRuleNames();

// The mixed-precision accumulator of Nandakumar et al. (Front. Neurosci. 14:406, 2020): the
// desired change of each weight accumulates in software (chi, weight units); the pulses a rule
// takes from it leave chi less their nominal change, so changes smaller than one pulse are not
// lost but wait until they add up. Matrices are rows x cols of weights (a crossbar's inputs x
// weight columns). Used by one thread.
class PulseAccumulator {
 public:
  // pulseWeight: the nominal weight change of one pulse (> 0); maxPulses >= 1.
  PulseAccumulator(Eigen::Index rows, Eigen::Index cols, PulseRule rule, double pulseWeight,
                   int maxPulses);

  // Adds `delta` (weight units) and returns the pulses to apply now (positive: raise the weight).
  // Throws std::invalid_argument for a size mismatch.
  const Eigen::MatrixXi& add(const Eigen::Ref<const Eigen::MatrixXd>& delta, std::mt19937_64& rng);
  const Eigen::MatrixXd& pending() const { return chi_; }
  double pulseWeight() const { return pulseWeight_; }

 private:
  PulseRule rule_;
  double pulseWeight_;
  int maxPulses_;
  Eigen::MatrixXd chi_;
  Eigen::MatrixXi pulses_;
};

}  // namespace snn
