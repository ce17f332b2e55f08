#pragma once

#include <vector>

#include "ImageEncoder.h"
#include "neurons/NeuronGroup.h"

namespace snn {

// Direct (analog) input: each pixel drives its targets with a current gain x intensity for as
// long as the sample is shown, as the first layer of directly trained SNNs receives the image
// (Rueckauer et al. 2017; snnTorch tutorial 5 feeds the same value at every step). A current
// source: projections from it scale the current by their weight.
class DirectCurrentEncoder : public NeuronGroup, public ImageEncoder {
 public:
  static const ModelInfo& modelInfo();

  DirectCurrentEncoder(int64_t size, ResolvedParams params);
  void prepare(double dt) override;
  void resetState() override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;
  Real outputCurrent(int64_t neuron, int64_t step) const override;
  void present(std::span<const float> intensities, int64_t startStep) override;
  void silence() override;

 private:
  std::vector<Real> current_;  // nA per neuron
};

}  // namespace snn
