#pragma once

#include <array>
#include <string_view>

#include "NeuronConstant.h"
#include "NeuronGroup.h"

namespace snn {

// Izhikevich's simple model (Izhikevich, IEEE Trans. Neural Netw. 14:1569, 2003):
//
//   dv/dt = 0.04 v^2 + 5 v + 140 - u + I,   du/dt = a (b v - u)
//   v > v_peak: spike, v = c, u += d
//
// I is the total input in pA (1000 x the currents in nA: i_offset, synaptic and external), the
// convention of NEST's izhikevich and PyNN's Izhikevich model. Forward Euler at dt, as Brian2
// integrates this system. `preset` chooses a, b, c, d from Izhikevich's table; parameters the
// project sets override the preset's.
class IzhikevichNeuron : public NeuronGroup {
 public:
  struct Preset {
    std::string_view name;
    double a, b, c, d;
  };
  // Izhikevich 2003, Fig. 2: regular spiking, intrinsically bursting, chattering, fast spiking,
  // low-threshold spiking, thalamo-cortical, resonator.
  static const std::array<Preset, 7>& presets();
  static const Preset* findPreset(std::string_view name);

  static const ModelInfo& modelInfo();

  IzhikevichNeuron(int64_t size, ResolvedParams params);
  void prepare(double dt) override;
  void resetState() override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;
  // Spikes are cut at 30 mV (Izhikevich 2003); v beyond 10 V means the Euler step of the
  // quadratic term ran away (too large a dt or input), a step or two before it becomes inf.
  double divergenceBound() const override { return 1e4; }

 private:
  // a, b, c or d for a neuron: the project's value if set, else the preset's.
  double coefficient(std::string_view name, int64_t neuron) const;

  std::vector<Real>& v_;
  std::vector<Real>& u_;
  std::vector<Real>& iExc_;
  std::vector<Real>& iInh_;
  NeuronConstant a_, b_, c_, d_, vPeak_, iOffset_, p11e_, p11i_;
};

}  // namespace snn
