#include "NeuronModelRegistry.h"

#include <algorithm>
#include <sstream>

#include "encoders/PoissonSource.h"
#include "neurons/AdaptiveLifNeuron.h"
#include "neurons/CurrentStepSource.h"
#include "neurons/FewSpikeNeuron.h"
#include "neurons/HodgkinHuxleyNeuron.h"
#include "neurons/IfNeuron.h"
#include "neurons/IzhikevichNeuron.h"
#include "neurons/LifNeuron.h"
#include "neurons/MultiSpikeIfNeuron.h"

#include "encoders/DirectCurrentEncoder.h"
#include "encoders/LatencyEncoder.h"
#include "neurons/SpikeSourceArray.h"

namespace snn {

namespace {
template <class Model>
NeuronModelEntry entryFor() {
  NeuronModelEntry e;
  e.info = &Model::modelInfo();
  e.create = [](int64_t size, ResolvedParams params) -> std::unique_ptr<NeuronGroup> {
    return std::make_unique<Model>(size, std::move(params));
  };
  return e;
}

void checkSpikeTrains(const ResolvedParams& p, const ParamProblemSink& report) {
  const SpikeTrains& trains = p.trains("spike_times");
  if (!trains.empty() && static_cast<int64_t>(trains.size()) != p.size()) {
    std::ostringstream s;
    s << "has " << trains.size() << " spike trains but the population has " << p.size()
      << " neurons (give one list per neuron)";
    report("params.spike_times", s.str());
  }
}

void checkCurrentSteps(const ResolvedParams& p, const ParamProblemSink& report) {
  const Sequence& times = p.sequence("times");
  const Sequence& amps = p.sequence("amplitudes");
  if (times.size() != amps.size()) {
    std::ostringstream s;
    s << "has " << amps.size() << " values but 'times' has " << times.size()
      << " (one amplitude per time)";
    report("params.amplitudes", s.str());
  }
  if (!std::is_sorted(times.begin(), times.end()))
    report("params.times", "must be in non-decreasing order");
}
}  // namespace

const NeuronModelRegistry& NeuronModelRegistry::instance() {
  static const NeuronModelRegistry registry = [] {
    NeuronModelRegistry r;
    registerBuiltinModels(r);
    return r;
  }();
  return registry;
}

void registerBuiltinModels(NeuronModelRegistry& registry) {
  registry.add(entryFor<LifNeuron>());
  registry.add(entryFor<IfNeuron>());
  registry.add(entryFor<AdaptiveLifNeuron>());
  registry.add(entryFor<IzhikevichNeuron>());
  registry.add(entryFor<HodgkinHuxleyNeuron>());
  registry.add(entryFor<MultiSpikeIfNeuron>());
  NeuronModelEntry fewSpike = entryFor<FewSpikeNeuron>();
  fewSpike.check = checkFewSpikeParams;
  registry.add(fewSpike);
  registry.add(entryFor<PoissonSource>());
  NeuronModelEntry spikes = entryFor<SpikeSourceArray>();
  spikes.check = checkSpikeTrains;
  registry.add(spikes);
  NeuronModelEntry steps = entryFor<CurrentStepSource>();
  steps.check = checkCurrentSteps;
  registry.add(steps);
  registry.add(entryFor<LatencyEncoder>());
  registry.add(entryFor<DirectCurrentEncoder>());
}

void NeuronModelRegistry::add(NeuronModelEntry entry) {
  entries_.push_back(std::move(entry));
}

const NeuronModelEntry* NeuronModelRegistry::find(std::string_view name) const {
  for (const NeuronModelEntry& e : entries_)
    if (e.info->name == name) return &e;
  return nullptr;
}

std::string NeuronModelRegistry::names() const {
  std::string s;
  for (const NeuronModelEntry& e : entries_) s += (s.empty() ? "" : ", ") + e.info->name;
  return s;
}

}  // namespace snn
