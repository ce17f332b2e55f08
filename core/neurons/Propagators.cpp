#include "Propagators.h"

#include <cmath>
#include <limits>

namespace snn::propagators {

double membraneDecay(double h, double tauM) {
  return std::isinf(tauM) ? 1.0 : std::exp(-h / tauM);
}

double constantCurrentGain(double h, double tauM, double cm) {
  if (std::isinf(tauM)) return h / cm;
  return -tauM / cm * std::expm1(-h / tauM);
}

double synapticDecay(double h, double tauSyn) {
  return tauSyn > 0.0 ? std::exp(-h / tauSyn) : 0.0;
}

double synapticCurrentGain(double h, double tauM, double tauSyn, double cm) {
  if (tauSyn <= 0.0) return constantCurrentGain(h, tauM, cm);
  // Integral over the step of exp(-(h-s)/tau_m) * exp(-s/tau_syn) ds / cm, written with
  // d = 1/tau_syn - 1/tau_m so that tau_syn == tau_m (d -> 0) stays exact: the limit is h.
  const double invTauM = std::isinf(tauM) ? 0.0 : 1.0 / tauM;
  const double d = 1.0 / tauSyn - invTauM;
  const double hd = h * d;
  const double integral = std::abs(hd) < 1e-9 ? h : -std::expm1(-hd) / d;
  return std::exp(-h * invTauM) * integral / cm;
}

}  // namespace snn::propagators
