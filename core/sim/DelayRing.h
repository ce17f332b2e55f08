#pragma once

#include <cstdint>
#include <vector>

#include "neurons/NeuronGroup.h"

namespace snn {

// Synaptic input waiting for its delay to pass, for one receptor of one population: a ring of
// (max delay + 1) current buffers, one value per target neuron (NEST's ring buffers). A spike at
// step s with delay d adds into slot (s + d); at the end of step s's propagation, slot s is
// added to the synaptic current and cleared.
class DelayRing {
 public:
  DelayRing() = default;
  DelayRing(int32_t maxDelaySteps, int64_t size)
      : length_(maxDelaySteps + 1), size_(size), slots_(static_cast<size_t>(length_ * size), 0.0) {}

  bool empty() const { return length_ == 0; }
  Real* slot(int64_t step) { return &slots_[static_cast<size_t>((step % length_) * size_)]; }
  void clear() { std::fill(slots_.begin(), slots_.end(), 0.0); }

 private:
  int64_t length_ = 0;
  int64_t size_ = 0;
  std::vector<Real> slots_;
};

}  // namespace snn
