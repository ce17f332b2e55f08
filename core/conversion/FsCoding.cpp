#include "FsCoding.h"

#include <cmath>

namespace snn {

FsCoefficients fsReluCoefficients(int steps, float alpha) {
  FsCoefficients c;
  for (int t = 1; t <= steps; ++t) {
    const float v = std::ldexp(alpha, -t);
    c.threshold.push_back(v);
    c.reset.push_back(v);
    c.weight.push_back(v);
  }
  return c;
}

double fsReluQuantisationBound(int steps, float alpha) {
  return std::ldexp(static_cast<double>(alpha), -steps);
}

float fsNeuronOutput(const FsCoefficients& c, float x, int* spikes) {
  float v = x, out = 0.0f;
  int fired = 0;
  for (int t = 0; t < c.steps(); ++t) {
    const bool z = v >= c.threshold[static_cast<size_t>(t)];
    v -= z ? c.reset[static_cast<size_t>(t)] : 0.0f;
    out += z ? c.weight[static_cast<size_t>(t)] : 0.0f;
    fired += z;
  }
  if (spikes) *spikes += fired;
  return out;
}

}  // namespace snn
