#pragma once

#include <cstdint>
#include <random>

#include "model/DeviceParams.h"

namespace snn {

// What fabrication made of one device: its own range, pulse step and nonlinearities
// (device-to-device variation around the nominal DeviceParams).
struct DeviceVariation {
  double gMin = 0.0;       // µS
  double gMax = 0.0;       // µS
  double stepScale = 1.0;  // multiplies the nominal per-pulse change
  double nlSet = 0.0;
  double nlReset = 0.0;
};

// The standard normal numbers one device draws at fabrication. Kept separate from their scale so
// that a sweep of a variation parameter moves the same devices further (common random numbers).
struct DeviceDraws {
  double gMin = 0.0, gMax = 0.0, step = 0.0, nlSet = 0.0, nlReset = 0.0, drift = 0.0;
  double fault = 0.0;  // uniform in [0, 1)
  static DeviceDraws draw(std::mt19937_64& rng);
};

// One device's answer to a pulse, worked out once from its variation (the exponentials of the
// soft-bounds formulas below) for the many pulses a write-verify or an update sends it; the same
// numbers as DeviceModel::afterSet / afterReset.
struct PulseResponse {
  double gMin = 0.0, gMax = 0.0;  // µS, the device's own range
  bool setLinear = true, resetLinear = true;
  double setStep = 0.0, resetStep = 0.0;              // µS per pulse of a linear device
  double setRate = 0.0, resetRate = 0.0;              // s r of the soft-bounds step
  double setSaturation = 0.0, resetSaturation = 0.0;  // G_sat+ and G_sat-, µS
  double c2cSigma = 0.0;                              // µS, cycle-to-cycle noise per pulse
};

// The physics of one kind of memristive device, for one device at a time: the response to SET
// (potentiation) and RESET (depression) pulses, its closed form, the nominal pulse counts a
// target needs, quantisation to the programmable levels, drift and read noise.
//
// Pulse response (soft bounds; NeuroSim's exponential model, aihwkit's SoftBoundsPmaxDevice):
// with P = levels - 1 pulses spanning the range and nonlinearity nl,
//   SET:   G <- G + s r (G_sat+ - G),  r = 1 - exp(-nl/P),  G_sat+ = G_min + (G_max - G_min) / (1 -
//   exp(-nl)) RESET: G <- G - s r (G - G_sat-),  G_sat- = G_max - (G_max - G_min) / (1 - exp(-nl))
// so that from G_min, n nominal SET pulses give G_min + (G_max - G_min)(1 - e^(-nl n/P))/(1 -
// e^-nl) (G_max after P pulses); nl -> 0 is the linear step (G_max - G_min)/P. A SET pulse changes
// G e^nl times more at G_min than at G_max (a RESET pulse e^nl times more at G_max than at G_min):
// nl = P / A for NeuroSim's A, alpha p_max for aihwkit's alpha. Each pulse then adds
// cycle-to-cycle noise c2c (G_max - G_min) xi (NeuroSim's definition) and the result is clipped to
// [G_min, G_max] of the device.
class DeviceModel {
 public:
  explicit DeviceModel(const DeviceParams& params);

  const DeviceParams& params() const { return p_; }
  DeviceVariation nominal() const;
  DeviceVariation vary(const DeviceDraws& draws) const;  // the device fabrication made

  // One pulse without noise, and with cycle-to-cycle noise and clipping.
  double afterSet(double g, const DeviceVariation& v) const;
  double afterReset(double g, const DeviceVariation& v) const;
  double pulse(double g, bool set, const DeviceVariation& v, std::mt19937_64& rng) const;
  // The same for a device whose response was worked out before (response()).
  PulseResponse response(const DeviceVariation& v) const;
  double pulse(double g, bool set, const PulseResponse& r, std::mt19937_64& rng) const;

  // Closed forms of n noise-free pulses: SET from v.gMin, RESET from v.gMax.
  double setCurve(double n, const DeviceVariation& v) const;
  double resetCurve(double n, const DeviceVariation& v) const;
  // Where g sits on the nominal curves (pulses from G_min on the SET curve, from G_max on the
  // RESET curve); the inverses of setCurve and resetCurve.
  double setPosition(double g) const;
  double resetPosition(double g) const;
  // Nominal SET (RESET) pulses that bring g up (down) to within half a level spacing of target
  // along the nominal curves; 0 if g is already there or beyond.
  int64_t setPulsesTo(double g, double target) const;
  int64_t resetPulsesTo(double g, double target) const;

  double levelSpacing() const { return p_.range() / static_cast<double>(p_.levels - 1); }
  double quantise(double g) const;  // nearest programmable level, within [G_min, G_max]

  // Drift exponent of a device programmed to gTarget, from its fabrication draw. Generic:
  // |drift_nu + drift_nu_std xi|; PCM: Joshi et al.'s fits of mean and std against gTarget/g_max.
  double driftNu(double gTarget, double draw) const;
  // Conductance read t seconds after programming: G_prog ((t + t0) / t0)^-nu.
  double drifted(double gProgrammed, double nu, double t) const;
  // Standard deviation of one read (µS). Generic: read_noise G; PCM: Joshi et al.'s 1/f noise,
  // G Q_s(gTarget) sqrt(ln((t + t0 + t_read) / (2 t_read))).
  double readSigma(double gRead, double gTarget, double t) const;
  // PCM only: standard deviation of the programmed conductance around gTarget (µS), Joshi et
  // al.'s fit, scaled from their g_max of 25 µS to this device's g_max.
  double pcmProgramSigma(double gTarget) const;

 private:
  double stepFraction(double nl) const;    // r = 1 - exp(-nl / P)
  double saturationSpan(double nl) const;  // (G_max - G_min) / (1 - exp(-nl)), nominal range

  DeviceParams p_;
  double pulsesPerRange_;  // P = levels - 1
};

}  // namespace snn
