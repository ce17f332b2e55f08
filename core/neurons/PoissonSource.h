#pragma once

#include <random>

#include "NeuronGroup.h"

namespace snn {

// Independent Poisson spike trains: in each step of length dt a neuron spikes with probability
// rate * dt (capped at 1), as Brian2's PoissonGroup. One seeded std::mt19937_64 per block of
// kBlockSize neurons, drawn in neuron order, so the spikes depend on the seed only.
class PoissonSource : public NeuronGroup {
 public:
  static const ModelInfo& modelInfo();

  PoissonSource(int64_t size, ResolvedParams params);
  void prepare(double dt) override;
  void seed(uint64_t runSeed, std::string_view populationId) override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;

  // Replaces every neuron's rate (Hz) without touching the random streams: how a dataset encoder
  // presents a new sample.
  void setRates(std::span<const float> ratesHz);

 private:
  std::vector<double> probability_;  // per neuron, per step
  std::vector<std::mt19937_64> streams_;
  uint64_t runSeed_ = 0;
  std::string populationId_;
};

}  // namespace snn
