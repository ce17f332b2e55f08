#pragma once

#include "NeuronGroup.h"

namespace snn {

// A piecewise-constant current (PyNN's StepCurrentSource): 0 before times[0], amplitudes[k] from
// times[k] on. A projection from this source adds weight x current to its targets' input in every
// step (the weight is a dimensionless gain; receptor and delay do not apply). Every neuron of the
// source puts out the same current.
class CurrentStepSource : public NeuronGroup {
 public:
  static const ModelInfo& modelInfo();

  CurrentStepSource(int64_t size, ResolvedParams params);
  void prepare(double dt) override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;
  Real outputCurrent(int64_t neuron, int64_t step) const override;

 private:
  std::vector<int64_t> switchSteps_;
  std::vector<Real> amplitudes_;
};

}  // namespace snn
