#include "InjectedCurrent.h"

#include <algorithm>
#include <map>

#include "sim/NeuronModelRegistry.h"

namespace snn {

namespace {

const ValueSpec* scalarOf(const std::map<std::string, ParamValue>& params, const char* name) {
  auto it = params.find(name);
  if (it == params.end()) return nullptr;
  return std::get_if<ValueSpec>(&it->second);
}

}  // namespace

std::vector<CurrentStep> injectedCurrent(const Project& project, const std::string& population) {
  const PopulationSpec* pop = project.network.findPopulation(population);
  if (!pop) return {};
  double offset = 0.0;
  bool any = false;  // a project that sets i_offset (even to 0) means it as a knob: draw it
  if (const ValueSpec* v = scalarOf(pop->params, "i_offset")) {
    if (!v->isScalar()) return {};
    offset = v->scalar;
    any = true;
  }
  // Every time the current changes, and the change.
  std::map<double, double> changes;
  for (const ProjectionSpec& proj : project.network.projections) {
    if (proj.post != population) continue;
    const PopulationSpec* source = project.network.findPopulation(proj.pre);
    if (!source || source->model != "current_step") continue;
    if (!proj.weight.isScalar()) return {};
    double fanIn = 0.0;
    if (proj.connector.type == ConnectorSpec::Type::AllToAll)
      fanIn = static_cast<double>(source->size);
    else if (proj.connector.type == ConnectorSpec::Type::OneToOne)
      fanIn = 1.0;
    else
      return {};
    const auto times = source->params.find("times"), amps = source->params.find("amplitudes");
    if (times == source->params.end() || amps == source->params.end()) continue;
    const auto* t = std::get_if<Sequence>(&times->second);
    const auto* a = std::get_if<Sequence>(&amps->second);
    if (!t || !a) continue;
    double previous = 0.0;
    for (size_t k = 0; k < std::min(t->size(), a->size()); ++k) {
      changes[(*t)[k]] += fanIn * proj.weight.scalar * ((*a)[k] - previous);
      previous = (*a)[k];
    }
    any = true;
  }
  if (!any) return {};
  std::vector<CurrentStep> steps{{0.0, offset}};
  double current = offset;
  for (const auto& [time, change] : changes) {
    current += change;
    if (time <= 0.0)
      steps.front().currentNa = current;
    else
      steps.push_back({time, current});
  }
  return steps;
}

}  // namespace snn
