#include "CrossbarDevices.h"

#include <algorithm>
#include <cmath>

#include "model/RandomStreams.h"

namespace snn {

CrossbarDevices::CrossbarDevices(int64_t rows, int64_t cols, const DeviceParams& params,
                                 const CrossbarFaultSpec& faults, uint64_t chipSeed,
                                 const std::string& id)
    : model_(params),
      programmed_(rows, cols),
      targets_(rows, cols),
      nu_(Eigen::MatrixXd::Zero(rows, cols)),
      gMin_(rows, cols),
      gMax_(rows, cols),
      stepScale_(rows, cols),
      nlSet_(rows, cols),
      nlReset_(rows, cols),
      driftDraw_(rows, cols),
      faults_(FaultMatrix::Zero(rows, cols)),
      lifetime_(static_cast<size_t>(rows * cols), 0) {
  std::mt19937_64 rng = makeRandomStream(chipSeed, "crossbar.fabrication", id);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) {
      const DeviceDraws d = DeviceDraws::draw(rng);
      const DeviceVariation v = model_.vary(d);
      gMin_(r, c) = v.gMin;
      gMax_(r, c) = v.gMax;
      stepScale_(r, c) = v.stepScale;
      nlSet_(r, c) = v.nlSet;
      nlReset_(r, c) = v.nlReset;
      driftDraw_(r, c) = d.drift;
      // One uniform number per device decides its fault, so that raising a rate only adds
      // stuck devices (common random numbers across a sweep).
      DeviceFault f = DeviceFault::None;
      if (d.fault < faults.stuckOnRate)
        f = DeviceFault::StuckOn;
      else if (d.fault >= 1.0 - faults.stuckOffRate)
        f = DeviceFault::StuckOff;
      faults_(r, c) = static_cast<uint8_t>(f);
      programmed_(r, c) = f == DeviceFault::StuckOn ? v.gMax : v.gMin;
      targets_(r, c) = programmed_(r, c);
    }
  }
}

DeviceVariation CrossbarDevices::variation(int64_t r, int64_t c) const {
  return {gMin_(r, c), gMax_(r, c), stepScale_(r, c), nlSet_(r, c), nlReset_(r, c)};
}

void CrossbarDevices::wear(int64_t r, int64_t c, uint64_t pulses) {
  uint64_t& life = lifetime_[index(r, c)];
  life += pulses;
  const double endurance = model_.params().endurance;
  if (endurance > 0.0 && static_cast<double>(life) >= endurance && movable(r, c))
    faults_(r, c) = static_cast<uint8_t>(DeviceFault::WornOut);
}

PulseCounts CrossbarDevices::pulse(int64_t r, int64_t c, int64_t n, std::mt19937_64& rng) {
  PulseCounts counts;
  if (n == 0) return counts;
  const bool set = n > 0;
  const auto k = static_cast<uint64_t>(set ? n : -n);
  (set ? counts.set : counts.reset) = k;
  const DeviceVariation v = variation(r, c);
  double& g = programmed_(r, c);
  uint64_t applied = 0;
  for (; applied < k && movable(r, c); ++applied) {
    g = model_.pulse(g, set, v, rng);
    wear(r, c, 1);
  }
  wear(r, c, k - applied);  // pulses to a stuck device still count
  return counts;
}

void CrossbarDevices::writeVerify(int64_t r, int64_t c, double target, double tolerance,
                                  uint64_t budget, std::mt19937_64& rng, ProgramReport& report) {
  const PulseResponse real = model_.response(variation(r, c));
  double& g = programmed_(r, c);
  for (uint64_t used = 0; used < budget; ++used) {
    ++report.verifyReads;
    if (std::abs(g - target) <= tolerance) return;
    const bool set = g < target;
    if (movable(r, c)) g = model_.pulse(g, set, real, rng);
    wear(r, c, 1);
    (set ? report.pulses.set : report.pulses.reset) += 1;
  }
  ++report.verifyReads;  // the read that finds the budget spent
  if (std::abs(g - target) > tolerance) ++report.outOfBudget;
}

void CrossbarDevices::planNominal(double g, double target, uint64_t budget) {
  // RESET down to the target's level (or below it, for an abrupt RESET), then SET up to it.
  const DeviceVariation nominal = model_.nominal();
  const double half = 0.5 * model_.levelSpacing();
  plan_.clear();
  while (g > target + half && plan_.size() < budget) {
    g = model_.afterReset(g, nominal);
    plan_.push_back(0);
  }
  while (g < target - half && plan_.size() < budget) {
    g = model_.afterSet(g, nominal);
    plan_.push_back(1);
  }
}

void CrossbarDevices::addProgrammingNoise(int64_t r, int64_t c, double target,
                                          std::mt19937_64& rng) {
  if (!movable(r, c)) return;
  double& g = programmed_(r, c);
  if (model_.params().statistics == DeviceStatistics::Pcm) {
    std::normal_distribution<double> normal(0.0, model_.pcmProgramSigma(target));
    g = std::max(0.0, target + normal(rng));
  } else if (model_.params().programNoise > 0.0) {
    std::normal_distribution<double> normal(0.0, model_.params().programNoise * target);
    g = std::clamp(g + normal(rng), gMin_(r, c), gMax_(r, c));
  }
}

bool CrossbarDevices::programDevice(int64_t r, int64_t c, double target,
                                    const CrossbarProgrammingSpec& how, std::mt19937_64& rng,
                                    ProgramReport& report) {
  const double tolerance = how.tolerance * model_.levelSpacing();
  const auto budget = static_cast<uint64_t>(how.maxPulses);
  // PCM statistics describe what an iterative write-verify leaves (Joshi et al.), so PCM devices
  // are programmed to their statistical outcome whatever the mode, with the nominal pulses counted.
  const bool pcm = model_.params().statistics == DeviceStatistics::Pcm;
  if (how.mode == ProgrammingMode::WriteVerify && !pcm) {
    writeVerify(r, c, target, tolerance, budget, rng, report);
  } else {
    planNominal(programmed_(r, c), target, budget);
    for (char set : plan_) (set ? report.pulses.set : report.pulses.reset) += 1;
    if (how.mode == ProgrammingMode::OpenLoop && !pcm) {
      const PulseResponse real = model_.response(variation(r, c));
      for (char set : plan_) {
        if (movable(r, c)) programmed_(r, c) = model_.pulse(programmed_(r, c), set != 0, real, rng);
        wear(r, c, 1);
      }
    } else {
      if (movable(r, c)) programmed_(r, c) = target;
      wear(r, c, plan_.size());
    }
  }
  addProgrammingNoise(r, c, target, rng);
  return std::abs(programmed_(r, c) - target) <= tolerance;
}

ProgramReport CrossbarDevices::program(const Eigen::Ref<const Eigen::MatrixXd>& targets,
                                       const CrossbarProgrammingSpec& how, std::mt19937_64& rng) {
  ProgramReport report;
  report.devices = rows() * cols();
  double squares = 0.0;
  for (int64_t r = 0; r < rows(); ++r) {
    for (int64_t c = 0; c < cols(); ++c) {
      const double target = model_.quantise(targets(r, c));
      targets_(r, c) = target;
      if (programDevice(r, c, target, how, rng, report)) ++report.withinTolerance;
      if (!movable(r, c)) ++report.faulty;
      nu_(r, c) = model_.driftNu(target, driftDraw_(r, c));
      const double e = programmed_(r, c) - target;
      squares += e * e;
    }
  }
  report.rmsError =
      report.devices > 0 ? std::sqrt(squares / static_cast<double>(report.devices)) : 0.0;
  return report;
}

void CrossbarDevices::setFault(int64_t r, int64_t c, DeviceFault f) {
  faults_(r, c) = static_cast<uint8_t>(f);
  if (f == DeviceFault::StuckOn) programmed_(r, c) = gMax_(r, c);
  if (f == DeviceFault::StuckOff) programmed_(r, c) = gMin_(r, c);
}

void CrossbarDevices::load(const Eigen::Ref<const Eigen::MatrixXd>& conductances) {
  for (int64_t r = 0; r < rows(); ++r) {
    for (int64_t c = 0; c < cols(); ++c) {
      const DeviceFault f = fault(r, c);
      if (f == DeviceFault::StuckOn || f == DeviceFault::StuckOff) continue;
      programmed_(r, c) = conductances(r, c);
      targets_(r, c) = conductances(r, c);
      nu_(r, c) = model_.driftNu(conductances(r, c), driftDraw_(r, c));
    }
  }
}

double CrossbarDevices::readConductance(int64_t r, int64_t c, double t) const {
  switch (fault(r, c)) {
    case DeviceFault::StuckOn:
      return gMax_(r, c);
    case DeviceFault::StuckOff:
      return gMin_(r, c);
    case DeviceFault::None:
    case DeviceFault::WornOut:
      break;
  }
  return model_.drifted(programmed_(r, c), nu_(r, c), t);
}

void CrossbarDevices::readConductances(double t, Eigen::MatrixXd& out) const {
  out.resize(rows(), cols());
  for (int64_t c = 0; c < cols(); ++c)
    for (int64_t r = 0; r < rows(); ++r) out(r, c) = readConductance(r, c, t);
}

double CrossbarDevices::readSigma(int64_t r, int64_t c, double gRead, double t) const {
  const bool stuck = fault(r, c) == DeviceFault::StuckOn || fault(r, c) == DeviceFault::StuckOff;
  return model_.readSigma(gRead, stuck ? gRead : targets_(r, c), t);
}

}  // namespace snn
