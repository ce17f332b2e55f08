#pragma once

#include <cstdint>
#include <random>

#include "CrossbarArray.h"
#include "plasticity/StdpSynapses.h"

namespace snn {

// Pair STDP (StdpRule) carried out as SET/RESET pulses on the devices of a crossbar, the rule a
// plastic projection gets when a crossbar carries it. The traces are StdpSynapses' own; where
// StdpSynapses adds a weight change dw to a float, this rule sends
//   n = floor(dw / dw_pulse + u),  u ~ U[0, 1)     (stochastic rounding, unbiased: E n =
//   dw/dw_pulse)
// pulses to the synapse's devices (CrossbarArray::pulseWeight: SET for n > 0, RESET for n < 0, as
// the mapping's update policy says), dw_pulse being the weight change of one pulse of a linear
// device (one level spacing over the mapping's scale). The weight then is what the devices
// represent: a soft-bounds device moves less near the end of its range it is pushed to, and SET
// and RESET differ when nl_set != nl_reset, so the device bends the learning window
// (bench/crossbar_stdp_window.py shows it). With a linear, noise-free device the window is
// StdpRule's, quantised to pulses.
//
// Diehl & Cook's normalisation becomes pulses too: each target's weights are moved towards
// their scaled values by the pulses the scaling asks for.
//
// Not split between threads: the simulator calls it for the whole projection on one thread
// (after the step's barrier, with the crossbar's read), the part arguments are ignored. Pulses
// draw from the stream ("crossbar.stdp", crossbar id) in spike order: the same seed gives the
// same devices whatever the number of threads.
class PulseStdpSynapses : public StdpSynapses {
 public:
  PulseStdpSynapses(const StdpRule& rule, const SynapseMatrix& synapses, CrossbarArray& crossbar,
                    uint64_t runSeed);

  void onPreSpike(SynapseMatrix& m, int part, int32_t pre) const override;
  void onPostSpike(SynapseMatrix& m, int64_t step, int32_t post) override;
  void normalize(SynapseMatrix& m, int part, int64_t begin, int64_t end) override;
  void prepare(SynapseMatrix& m) override;
  void skipSilence(SynapseMatrix& m, int64_t nextStep, int64_t steps) override;

  // The pulses a weight change dw asks for, rounded stochastically.
  int64_t pulsesFor(double dw) const;
  // Moves synapse k (pre -> post) by dw through the devices; returns the new weight.
  float move(SynapseMatrix& m, int64_t k, int32_t pre, int32_t post, double dw) const;

 private:
  CrossbarArray* crossbar_;
  double perPulse_;
  mutable std::mt19937_64 rng_;
  mutable std::uniform_real_distribution<double> unit_{0.0, 1.0};
};

}  // namespace snn
