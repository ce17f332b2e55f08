#pragma once

#include "NeuronGroup.h"

namespace snn {

// Spikes at given times: one list of times (ms) per neuron, as PyNN's SpikeSourceArray. A time t
// is emitted in step round(t / dt); two spikes of a neuron that fall in one step count once.
class SpikeSourceArray : public NeuronGroup {
 public:
  static const ModelInfo& modelInfo();

  SpikeSourceArray(int64_t size, ResolvedParams params);
  void prepare(double dt) override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;

 private:
  // All spikes sorted by (step, neuron).
  std::vector<int64_t> eventSteps_;
  std::vector<int32_t> eventNeurons_;
};

}  // namespace snn
