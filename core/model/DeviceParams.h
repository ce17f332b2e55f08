#pragma once

#include <cstdint>

namespace snn {

// Which statistical description of noise and drift a memristive device follows.
enum class DeviceStatistics {
  Generic,  // programming residual from the pulse model, relative read noise, power-law drift
  Pcm,      // the PCM statistical model of Joshi et al., Nat. Commun. 11:2473 (2020), as aihwkit
            // gives it: programming noise, drift exponent and 1/f read noise from the target
};

// The resolved parameters of one kind of memristive device: a preset (DevicePresets) with the
// project's overrides applied. Units: conductance µS, time s. Field names in comments are the
// project-file keys (CrossbarSchema).
//
// Pulse response (soft bounds): a SET pulse moves G a fixed fraction of the way to an asymptote
// above G_max, a RESET pulse a fixed fraction of the way to one below G_min, so that levels - 1
// identical pulses take the nominal device from one end of the range to the other. This is the
// exponential model of NeuroSim, G(P) = B (1 - exp(-P/A)) + G_min (Chen, Peng & Yu, IEEE TCAD
// 37:3067, 2018), and aihwkit's SoftBoundsPmaxDevice, w(p) = B (1 - exp(-alpha p)) + r_min, with
// nl = P_max / A = alpha p_max: a SET pulse changes G e^nl times more at G_min than at G_max,
// and nl = 0 is a linear device.
struct DeviceParams {
  DeviceStatistics statistics = DeviceStatistics::Generic;  // statistics
  double gMin = 0.0;                                        // g_min, µS
  double gMax = 100.0;                                      // g_max, µS
  int64_t levels = 256;   // levels: programmable conductance states, >= 2
  double nlSet = 0.0;     // nl_set: potentiation nonlinearity (0 = linear)
  double nlReset = 0.0;   // nl_reset: depression nonlinearity
  double c2c = 0.0;       // c2c: cycle-to-cycle std of one pulse's change, fraction of the G range
  double stepD2d = 0.0;   // step_d2d: device-to-device relative std of the pulse step
  double rangeD2d = 0.0;  // range_d2d: device-to-device relative std of G_min and G_max
  double nlD2d = 0.0;     // nl_d2d: device-to-device std of nl_set and nl_reset
  double programNoise = 0.0;  // program_noise: std of the programmed G relative to its target
  double readNoise = 0.0;     // read_noise: std of G on every read, relative to G
  double driftNu = 0.0;       // drift_nu: mean drift exponent nu, G(t) = G_prog (t/t0)^-nu
  double driftNuStd = 0.0;    // drift_nu_std: device-to-device std of nu
  double driftT0 = 20.0;      // drift_t0: s, time after programming the drift is counted from
  double endurance = 0.0;     // endurance: pulses a device takes before it sticks; 0 = unlimited

  double range() const { return gMax - gMin; }
  bool operator==(const DeviceParams&) const = default;
};

}  // namespace snn
