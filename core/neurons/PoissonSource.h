#pragma once

#include <random>

#include "NeuronGroup.h"
#include "encoders/ImageEncoder.h"

namespace snn {

// Independent Poisson spike trains: in each step of length dt a neuron spikes with probability
// rate * dt (capped at 1), as Brian2's PoissonGroup. One seeded std::mt19937_64 per block of
// kBlockSize neurons, drawn in neuron order, so the spikes depend on the seed only. Fed by a
// dataset, it is the rate encoder: rate = intensity x rate_max (Diehl & Cook 2015).
class PoissonSource : public NeuronGroup, public ImageEncoder {
 public:
  static const ModelInfo& modelInfo();

  PoissonSource(int64_t size, ResolvedParams params);
  void prepare(double dt) override;
  void seed(uint64_t runSeed, std::string_view populationId) override;
  void update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) override;

  // Replaces every neuron's rate (Hz) without touching the random streams: how a dataset encoder
  // presents a new sample.
  void setRates(std::span<const float> ratesHz);
  // ImageEncoder: rate_i = intensity_i x rate_max.
  void present(std::span<const float> intensities, int64_t startStep) override;
  void silence() override;

 private:
  std::vector<double> probability_;  // per neuron, per step
  std::vector<std::mt19937_64> streams_;
  uint64_t runSeed_ = 0;
  std::string populationId_;
};

}  // namespace snn
