#pragma once

#include <vector>

#include "ImageEncoder.h"
#include "neurons/NeuronGroup.h"

namespace snn {

// Time-to-first-spike coding: each pixel fires once per presentation, brighter pixels earlier,
// t = t_max (1 - intensity) after the sample starts (linear latency code, as snnTorch's
// spikegen.latency with linear=True); pixels at or below `threshold` stay silent.
class LatencyEncoder : public NeuronGroup, public ImageEncoder {
 public:
  static const ModelInfo& modelInfo();

  LatencyEncoder(int64_t size, ResolvedParams params);
  void prepare(double dt) override;
  void resetState() override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;
  void present(std::span<const float> intensities, int64_t startStep) override;
  void silence() override;

 private:
  void schedule(std::span<const float> intensities, int64_t startStep);
  std::vector<int64_t> fireStep_;  // per neuron; -1: silent
};

}  // namespace snn
