#pragma once

#include <random>

#include "ImageEncoder.h"
#include "neurons/NeuronGroup.h"

namespace snn {

// Independent Poisson spike trains: in each step of length dt a neuron spikes with probability
// rate * dt (capped at 1), as Brian2's PoissonGroup. Rather than one random number per neuron and
// step, each neuron draws the geometric gap to its next spike (the same distribution: P(gap >= k)
// = (1 - p)^k) and waits in a calendar for that step, so a step costs only its spikes. One seeded
// std::mt19937_64 per block of kBlockSize neurons, drawn in neuron order, so the spikes depend on
// the seed only. Fed by a dataset, it is the rate encoder: rate = intensity x rate_max (Diehl &
// Cook 2015).
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
  bool canDecayFreely() const override;
  void decayFreely(int64_t steps) override;

 private:
  // Marks every block's next-spike steps for redrawing at its next update (after a rate change).
  void redrawAll();
  int64_t gap(size_t neuron, std::mt19937_64& rng) const;

  std::vector<double> probability_;  // per neuron, per step
  std::vector<double> logMiss_;      // per neuron: log(1 - probability)
  std::vector<int64_t> nextSpike_;   // per neuron: the step of its next spike
  std::vector<uint8_t> redraw_;      // per block: next spikes to be drawn at the next update
  // Per block, a calendar of kSlots steps: slotHead_[block * kSlots + step % kSlots] is the first
  // neuron whose next spike falls in that slot, slotNext_ links to the next one (-1: none).
  static constexpr int64_t kSlots = 1024;
  void schedule(int64_t block, int32_t neuron);
  std::vector<int32_t> slotHead_;
  std::vector<int32_t> slotNext_;
  std::vector<int32_t> due_;  // scratch: the neurons firing this step, per block
  std::vector<std::mt19937_64> streams_;
  uint64_t runSeed_ = 0;
  std::string populationId_;
};

}  // namespace snn
