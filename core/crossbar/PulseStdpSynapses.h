#pragma once

#include <cstdint>
#include <random>
#include <vector>

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
// Speed: the float rule runs over a whole row first (StdpRule's vectorised loops, on a copy), and
// the rounding draws a few numbers per row when every synapse's rounding probability is small
// (thinning, see sendQueued), so a pre spike costs about what it costs in StdpSynapses plus the
// pulses it sends.
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
  struct SynapseRef {
    int64_t index;
    int32_t pre, post;
  };
  double uniform() const;  // [0, 1) from rng_
  // Rounds the changes change_[0..n) (in pulses; 0: none asked) of the synapses synapse(k)
  // gives, sends the pulses in order and syncs those weights.
  template <typename Synapse>
  void sendPulses(SynapseMatrix& m, int64_t n, Synapse synapse) const;

  CrossbarArray* crossbar_;
  double perPulse_;
  mutable std::mt19937_64 rng_;
  // Scratch, sized for the widest row or column: the rule's weights and the traces they read,
  // the changes in pulses, 0..n-1.
  mutable std::vector<float> ruled_, trace_;
  mutable Eigen::ArrayXd change_;
  std::vector<int64_t> identity_;
};

}  // namespace snn
