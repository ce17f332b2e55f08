#include "SpikeSourceArray.h"

#include <algorithm>
#include <cmath>

#include "model/StepCount.h"

namespace snn {

const ModelInfo& SpikeSourceArray::modelInfo() {
  static const ModelInfo info = [] {
    ModelInfo m;
    m.name = "spike_source";
    m.displayName = "Spike times";
    m.meaning = "Emits spikes at given times, one list of times per neuron";
    m.equation = "spike of neuron i at each time in spike_times[i]";
    m.reference = "PyNN SpikeSourceArray; Brian2 SpikeGeneratorGroup";
    m.role = ModelRole::SpikeSource;
    m.defaultSize = 1;
    m.params = {{.name = "spike_times",
                 .unit = "ms",
                 .kind = ParamKind::SpikeTrains,
                 .min = 0.0,
                 .meaning = "One list of spike times per neuron"}};
    return m;
  }();
  return info;
}

SpikeSourceArray::SpikeSourceArray(int64_t size, ResolvedParams params)
    : NeuronGroup(modelInfo(), size, std::move(params)) {}

void SpikeSourceArray::prepare(double dt) {
  dt_ = dt;
  std::vector<std::pair<int64_t, int32_t>> events;
  const SpikeTrains& trains = params().trains("spike_times");
  for (size_t n = 0; n < trains.size() && static_cast<int64_t>(n) < size(); ++n)
    for (double t : trains[n])  // a spike beyond any run never comes
      events.emplace_back(stepsOrNever(t, dt).value_or(kNeverStep), static_cast<int32_t>(n));
  std::sort(events.begin(), events.end());
  events.erase(std::unique(events.begin(), events.end()), events.end());
  eventSteps_.resize(events.size());
  eventNeurons_.resize(events.size());
  for (size_t k = 0; k < events.size(); ++k) {
    eventSteps_[k] = events[k].first;
    eventNeurons_[k] = events[k].second;
  }
}

void SpikeSourceArray::update(int64_t step, int64_t begin, int64_t end,
                              std::vector<int32_t>& spikes) {
  auto first = std::lower_bound(eventSteps_.begin(), eventSteps_.end(), step);
  for (auto it = first; it != eventSteps_.end() && *it == step; ++it) {
    const int32_t neuron = eventNeurons_[static_cast<size_t>(it - eventSteps_.begin())];
    if (neuron >= begin && neuron < end) spikes.push_back(neuron);
  }
}

}  // namespace snn
