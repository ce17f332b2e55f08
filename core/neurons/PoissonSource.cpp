#include "PoissonSource.h"

#include <algorithm>

#include "model/RandomStreams.h"

namespace snn {

const ModelInfo& PoissonSource::modelInfo() {
  static const ModelInfo info = [] {
    ModelInfo m;
    m.name = "poisson";
    m.displayName = "Poisson source";
    m.meaning = "Independent random spike trains at a given rate";
    m.equation = "P(spike in a step) = rate * dt";
    m.reference = "Brian2 PoissonGroup; PyNN SpikeSourcePoisson";
    m.role = ModelRole::SpikeSource;
    m.params = {
        {.name = "rate", .unit = "Hz", .defaultValue = 10.0, .min = 0.0,
         .meaning = "Mean firing rate of every neuron"},
        {.name = "rate_max", .unit = "Hz", .defaultValue = 63.75, .min = 0.0,
         .meaning = "Rate of a full-intensity pixel when a dataset feeds this population "
                    "(Diehl & Cook: 63.75)"}};
    return m;
  }();
  return info;
}

PoissonSource::PoissonSource(int64_t size, ResolvedParams params)
    : NeuronGroup(modelInfo(), size, std::move(params)),
      probability_(static_cast<size_t>(size), 0.0) {}

void PoissonSource::prepare(double dt) {
  dt_ = dt;
  const ResolvedParams& p = params();
  for (int64_t i = 0; i < size(); ++i)
    probability_[static_cast<size_t>(i)] = std::min(1.0, p.at("rate", i) * dt / 1000.0);
}

void PoissonSource::setRates(std::span<const float> ratesHz) {
  for (size_t i = 0; i < probability_.size() && i < ratesHz.size(); ++i)
    probability_[i] = std::min(1.0, static_cast<double>(ratesHz[i]) * dt_ / 1000.0);
}

void PoissonSource::present(std::span<const float> intensities, int64_t) {
  const ResolvedParams& p = params();
  for (size_t i = 0; i < probability_.size() && i < intensities.size(); ++i)
    probability_[i] = std::min(1.0, intensities[i] * p.at("rate_max", static_cast<int64_t>(i)) * dt_ / 1000.0);
}

void PoissonSource::silence() { std::fill(probability_.begin(), probability_.end(), 0.0); }

void PoissonSource::seed(uint64_t runSeed, std::string_view populationId) {
  const int64_t blocks = (size() + kBlockSize - 1) / kBlockSize;
  streams_.clear();
  streams_.reserve(static_cast<size_t>(blocks));
  for (int64_t b = 0; b < blocks; ++b)
    streams_.push_back(makeRandomStream(runSeed, "poisson", populationId, static_cast<uint64_t>(b)));
}

void PoissonSource::update(int64_t, int64_t begin, int64_t end, std::vector<int32_t>& spikes) {
  constexpr double kTo01 = 0x1.0p-53;
  for (int64_t i = begin; i < end; ++i) {
    std::mt19937_64& rng = streams_[static_cast<size_t>(i / kBlockSize)];
    if (static_cast<double>(rng() >> 11) * kTo01 < probability_[static_cast<size_t>(i)])
      spikes.push_back(static_cast<int32_t>(i));
  }
}

}  // namespace snn
