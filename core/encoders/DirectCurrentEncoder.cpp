#include "DirectCurrentEncoder.h"

#include <algorithm>

namespace snn {

const ModelInfo& DirectCurrentEncoder::modelInfo() {
  static const ModelInfo info = [] {
    ModelInfo m;
    m.name = "direct_current";
    m.displayName = "Direct-current encoder";
    m.meaning = "Feeds each pixel's intensity as a constant current while a sample is shown";
    m.equation = "I_i = gain * intensity_i + offset";
    m.reference = "Rueckauer et al., Front. Neurosci. 11:682 (2017)";
    m.role = ModelRole::CurrentSource;
    m.imageEncoder = true;
    m.defaultSize = 64;
    m.params = {{.name = "gain",
                 .unit = "nA",
                 .defaultValue = 1.0,
                 .meaning = "Current of a full-intensity pixel"},
                {.name = "offset",
                 .unit = "nA",
                 .defaultValue = 0.0,
                 .meaning = "Current added to each pixel's while a sample is shown (with gain "
                            "1/std, -mean/std feeds an input normalised as (x - mean) / std)"},
                {.name = "intensity",
                 .unit = "",
                 .defaultValue = 0.0,
                 .min = 0.0,
                 .max = 1.0,
                 .meaning = "Pixel intensity when no dataset feeds the population"}};
    return m;
  }();
  return info;
}

DirectCurrentEncoder::DirectCurrentEncoder(int64_t size, ResolvedParams params)
    : NeuronGroup(modelInfo(), size, std::move(params)), current_(static_cast<size_t>(size), 0.0) {}

void DirectCurrentEncoder::prepare(double dt) {
  dt_ = dt;
}

void DirectCurrentEncoder::resetState() {
  NeuronGroup::resetState();
  for (int64_t i = 0; i < size(); ++i)
    current_[static_cast<size_t>(i)] = static_cast<Real>(
        params().at("gain", i) * params().at("intensity", i) + params().at("offset", i));
}

void DirectCurrentEncoder::update(int64_t, int64_t, int64_t, std::vector<int32_t>&) {}

Real DirectCurrentEncoder::outputCurrent(int64_t neuron, int64_t) const {
  return current_[static_cast<size_t>(neuron)];
}

void DirectCurrentEncoder::present(std::span<const float> intensities, int64_t) {
  for (int64_t i = 0; i < size(); ++i)
    current_[static_cast<size_t>(i)] = static_cast<Real>(
        params().at("gain", i) * intensities[static_cast<size_t>(i)] + params().at("offset", i));
}

void DirectCurrentEncoder::silence() {
  std::fill(current_.begin(), current_.end(), 0.0);
}

}  // namespace snn
