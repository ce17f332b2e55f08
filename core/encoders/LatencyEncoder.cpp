#include "LatencyEncoder.h"

#include <cmath>

#include "model/StepCount.h"

namespace snn {

const ModelInfo& LatencyEncoder::modelInfo() {
  static const ModelInfo info = [] {
    ModelInfo m;
    m.name = "latency";
    m.displayName = "Latency encoder";
    m.meaning = "One spike per pixel and sample: brighter pixels fire earlier";
    m.equation = "t_spike = t_start + t_max (1 - intensity), none if intensity <= threshold";
    m.reference = "Time-to-first-spike coding (Thorpe et al. 2001); snnTorch spikegen.latency";
    m.role = ModelRole::SpikeSource;
    m.imageEncoder = true;
    m.defaultSize = 64;
    m.params = {{.name = "t_max",
                 .unit = "ms",
                 .defaultValue = 20.0,
                 .min = 0.0,
                 .meaning = "Latency of the dimmest pixel that still fires"},
                {.name = "threshold",
                 .unit = "",
                 .defaultValue = 0.01,
                 .min = 0.0,
                 .max = 1.0,
                 .meaning = "Intensities at or below this do not fire"},
                {.name = "intensity",
                 .unit = "",
                 .defaultValue = 0.0,
                 .min = 0.0,
                 .max = 1.0,
                 .meaning = "Pixel intensity shown at t = 0 when no dataset feeds the population"}};
    return m;
  }();
  return info;
}

LatencyEncoder::LatencyEncoder(int64_t size, ResolvedParams params)
    : NeuronGroup(modelInfo(), size, std::move(params)), fireStep_(static_cast<size_t>(size), -1) {}

void LatencyEncoder::prepare(double dt) {
  dt_ = dt;
}

void LatencyEncoder::resetState() {
  NeuronGroup::resetState();
  std::vector<float> intensity(static_cast<size_t>(size()));
  for (int64_t i = 0; i < size(); ++i)
    intensity[static_cast<size_t>(i)] = static_cast<float>(params().at("intensity", i));
  schedule(intensity, 0);
}

void LatencyEncoder::schedule(std::span<const float> intensities, int64_t startStep) {
  for (int64_t i = 0; i < size(); ++i) {
    const double x = intensities[static_cast<size_t>(i)];
    // A latency beyond any run (t_max has no upper bound) never comes.
    const int64_t latency =
        stepsOrNever(params().at("t_max", i) * (1.0 - std::min(x, 1.0)), dt_).value_or(kNeverStep);
    fireStep_[static_cast<size_t>(i)] =
        x > params().at("threshold", i) ? addSteps(startStep, latency) : -1;
  }
}

void LatencyEncoder::present(std::span<const float> intensities, int64_t startStep) {
  schedule(intensities, startStep);
}

void LatencyEncoder::silence() {
  std::fill(fireStep_.begin(), fireStep_.end(), -1);
}

void LatencyEncoder::update(int64_t step, int64_t begin, int64_t end,
                            std::vector<int32_t>& spikes) {
  for (int64_t i = begin; i < end; ++i)
    if (fireStep_[static_cast<size_t>(i)] == step) spikes.push_back(static_cast<int32_t>(i));
}

}  // namespace snn
