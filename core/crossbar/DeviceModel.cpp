#include "DeviceModel.h"

#include <algorithm>
#include <cmath>

#include "ZigguratNormal.h"

namespace snn {

namespace {

// Below this a nonlinearity is a linear device (the soft-bounds formulas lose digits as nl -> 0).
constexpr double kLinearNl = 1e-9;

// The PCM statistical model: V. Joshi et al., Nat. Commun. 11:2473 (2020), as fitted in IBM
// aihwkit (docs/source/pcm_inference.rst; src/aihwkit/inference/noise/pcm.py), with
// g_T = target / g_max:
//   programming noise  sigma = max(c0 + c1 g_T + c2 g_T^2, 0) µS at g_max = 25 µS
//   drift exponent     mu_nu = clip(-0.0155 ln g_T + 0.0244, 0.049, 0.1)
//                      sigma_nu = clip(-0.0125 ln g_T - 0.0059, 0.008, 0.045)
//   1/f read noise     Q_s = min(0.0088 / g_T^0.65, 0.2), sigma = G Q_s sqrt(ln((t + t_read) / (2
//   t_read)))
struct PcmFit {
  double progC0 = 0.26348, progC1 = 1.9650, progC2 = -1.1731;
  double progGMaxReference = 25.0;  // µS
  double nuSlope = -0.0155, nuOffset = 0.0244, nuMin = 0.049, nuMax = 0.1;
  double nuStdSlope = -0.0125, nuStdOffset = -0.0059, nuStdMin = 0.008, nuStdMax = 0.045;
  double qsCoeff = 0.0088, qsExponent = 0.65, qsMax = 0.2;
  double tRead = 250e-9;         // s, the 1/f fit's read pulse width
  double minRelativeG = 1e-7;    // aihwkit clips g_T away from 0 before taking logs (_ZERO_CLIP)
  double qsMinRelativeG = 1e-3;  // and g_T^0.65 from below
};
constexpr PcmFit kJoshi2020;

}  // namespace

DeviceDraws DeviceDraws::draw(std::mt19937_64& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  DeviceDraws d;
  d.gMin = normal(rng);
  d.gMax = normal(rng);
  d.step = normal(rng);
  d.nlSet = normal(rng);
  d.nlReset = normal(rng);
  d.drift = normal(rng);
  d.fault = uniform(rng);
  return d;
}

DeviceModel::DeviceModel(const DeviceParams& params)
    : p_(params), pulsesPerRange_(static_cast<double>(params.levels - 1)) {}

DeviceVariation DeviceModel::nominal() const {
  return {p_.gMin, p_.gMax, 1.0, p_.nlSet, p_.nlReset};
}

DeviceVariation DeviceModel::vary(const DeviceDraws& d) const {
  DeviceVariation v;
  v.gMin = std::max(0.0, p_.gMin * (1.0 + p_.rangeD2d * d.gMin));
  v.gMax = std::max(v.gMin, p_.gMax * (1.0 + p_.rangeD2d * d.gMax));
  v.stepScale = std::max(0.0, 1.0 + p_.stepD2d * d.step);
  v.nlSet = std::max(0.0, p_.nlSet + p_.nlD2d * d.nlSet);
  v.nlReset = std::max(0.0, p_.nlReset + p_.nlD2d * d.nlReset);
  return v;
}

double DeviceModel::stepFraction(double nl) const {
  return -std::expm1(-nl / pulsesPerRange_);
}

double DeviceModel::saturationSpan(double nl) const {
  return p_.range() / -std::expm1(-nl);
}

double DeviceModel::afterSet(double g, const DeviceVariation& v) const {
  const double span = v.gMax - v.gMin;
  if (v.nlSet < kLinearNl) return g + v.stepScale * span / pulsesPerRange_;
  const double saturation = v.gMin + span / -std::expm1(-v.nlSet);
  return g + v.stepScale * stepFraction(v.nlSet) * (saturation - g);
}

double DeviceModel::afterReset(double g, const DeviceVariation& v) const {
  const double span = v.gMax - v.gMin;
  if (v.nlReset < kLinearNl) return g - v.stepScale * span / pulsesPerRange_;
  const double saturation = v.gMax - span / -std::expm1(-v.nlReset);
  return g - v.stepScale * stepFraction(v.nlReset) * (g - saturation);
}

PulseResponse DeviceModel::response(const DeviceVariation& v) const {
  PulseResponse r;
  const double span = v.gMax - v.gMin;
  r.gMin = v.gMin;
  r.gMax = v.gMax;
  r.setLinear = v.nlSet < kLinearNl;
  r.resetLinear = v.nlReset < kLinearNl;
  r.setStep = v.stepScale * span / pulsesPerRange_;
  r.resetStep = r.setStep;
  if (!r.setLinear) {
    r.setRate = v.stepScale * stepFraction(v.nlSet);
    r.setSaturation = v.gMin + span / -std::expm1(-v.nlSet);
  }
  if (!r.resetLinear) {
    r.resetRate = v.stepScale * stepFraction(v.nlReset);
    r.resetSaturation = v.gMax - span / -std::expm1(-v.nlReset);
  }
  r.c2cSigma = p_.c2c * span;
  return r;
}

double DeviceModel::pulse(double g, bool set, const PulseResponse& r, std::mt19937_64& rng) const {
  double next;
  if (set)
    next = r.setLinear ? g + r.setStep : g + r.setRate * (r.setSaturation - g);
  else
    next = r.resetLinear ? g - r.resetStep : g - r.resetRate * (g - r.resetSaturation);
  // Ziggurat: one 64-bit draw per pulse (a write-verify sends millions of them).
  if (r.c2cSigma > 0.0) next += r.c2cSigma * ZigguratNormal()(rng);
  return std::clamp(next, r.gMin, r.gMax);
}

double DeviceModel::pulse(double g, bool set, const DeviceVariation& v,
                          std::mt19937_64& rng) const {
  double next = set ? afterSet(g, v) : afterReset(g, v);
  if (p_.c2c > 0.0) next += p_.c2c * (v.gMax - v.gMin) * ZigguratNormal()(rng);
  return std::clamp(next, v.gMin, v.gMax);
}

double DeviceModel::setCurve(double n, const DeviceVariation& v) const {
  const double span = v.gMax - v.gMin;
  if (v.nlSet < kLinearNl) return v.gMin + v.stepScale * n * span / pulsesPerRange_;
  const double saturation = v.gMin + span / -std::expm1(-v.nlSet);
  return saturation -
         (saturation - v.gMin) * std::pow(1.0 - v.stepScale * stepFraction(v.nlSet), n);
}

double DeviceModel::resetCurve(double n, const DeviceVariation& v) const {
  const double span = v.gMax - v.gMin;
  if (v.nlReset < kLinearNl) return v.gMax - v.stepScale * n * span / pulsesPerRange_;
  const double saturation = v.gMax - span / -std::expm1(-v.nlReset);
  return saturation +
         (v.gMax - saturation) * std::pow(1.0 - v.stepScale * stepFraction(v.nlReset), n);
}

namespace {
// Pulses from the start of a nominal soft-bounds curve to the fraction x of the range: the
// inverse of x = (1 - exp(-nl n / P)) / (1 - exp(-nl)). Written so that nl up to 1000 (an
// abrupt, PCM-like RESET) neither overflows nor loses the end point.
double curvePosition(double x, double nl, double pulses) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return pulses;
  if (nl < kLinearNl) return x * pulses;
  const double inner = (1.0 - x) + x * std::exp(-nl);  // = 1 + x (exp(-nl) - 1)
  return std::min(pulses, -pulses / nl * std::log(inner));
}
}  // namespace

double DeviceModel::setPosition(double g) const {
  return curvePosition((g - p_.gMin) / p_.range(), p_.nlSet, pulsesPerRange_);
}

double DeviceModel::resetPosition(double g) const {
  return curvePosition((p_.gMax - g) / p_.range(), p_.nlReset, pulsesPerRange_);
}

int64_t DeviceModel::setPulsesTo(double g, double target) const {
  const double edge = target - 0.5 * levelSpacing();  // near edge of the accepted window
  if (g >= edge) return 0;
  return static_cast<int64_t>(std::ceil(setPosition(edge) - setPosition(g) - 1e-9));
}

int64_t DeviceModel::resetPulsesTo(double g, double target) const {
  const double edge = target + 0.5 * levelSpacing();
  if (g <= edge) return 0;
  return static_cast<int64_t>(std::ceil(resetPosition(edge) - resetPosition(g) - 1e-9));
}

double DeviceModel::quantise(double g) const {
  const double step = levelSpacing();
  const double k =
      std::clamp(std::round((g - p_.gMin) / step), 0.0, static_cast<double>(p_.levels - 1));
  return p_.gMin + k * step;
}

double DeviceModel::driftNu(double gTarget, double draw) const {
  if (p_.statistics == DeviceStatistics::Pcm) {
    const PcmFit& f = kJoshi2020;
    const double gT = std::max(std::abs(gTarget / p_.gMax), f.minRelativeG);
    const double mean = std::clamp(f.nuSlope * std::log(gT) + f.nuOffset, f.nuMin, f.nuMax);
    const double sd =
        std::clamp(f.nuStdSlope * std::log(gT) + f.nuStdOffset, f.nuStdMin, f.nuStdMax);
    return std::abs(mean + sd * draw);
  }
  return std::abs(p_.driftNu + p_.driftNuStd * draw);
}

double DeviceModel::drifted(double gProgrammed, double nu, double t) const {
  if (t <= 0.0 || nu == 0.0) return gProgrammed;
  return gProgrammed * std::pow((t + p_.driftT0) / p_.driftT0, -nu);
}

double DeviceModel::readSigma(double gRead, double gTarget, double t) const {
  if (p_.statistics == DeviceStatistics::Pcm) {
    const PcmFit& f = kJoshi2020;
    const double gT = std::max(std::abs(gTarget / p_.gMax), f.qsMinRelativeG);
    const double qs = std::min(f.qsCoeff / std::pow(gT, f.qsExponent), f.qsMax);
    const double elapsed = t + p_.driftT0;  // aihwkit counts from the first read at t0
    return std::abs(gRead) * qs * std::sqrt(std::log((elapsed + f.tRead) / (2.0 * f.tRead)));
  }
  return p_.readNoise * std::abs(gRead);
}

double DeviceModel::pcmProgramSigma(double gTarget) const {
  const PcmFit& f = kJoshi2020;
  const double gT = gTarget / p_.gMax;
  const double sigma = std::max(f.progC0 + f.progC1 * gT + f.progC2 * gT * gT, 0.0);
  return sigma * p_.gMax / f.progGMaxReference;
}

}  // namespace snn
