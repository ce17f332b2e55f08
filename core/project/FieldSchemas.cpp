#include "FieldSchemas.h"

#include <charconv>

#include "energy/EnergyFields.h"
#include "learning/TrainerRegistry.h"
#include "model/AnnFields.h"
#include "model/ObjectFields.h"
#include "plasticity/PlasticityRules.h"
#include "sim/NeuronModelRegistry.h"

namespace snn {

namespace {

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::optional<ParamInfo> named(const std::vector<ParamInfo>& schema, std::string_view name,
                               std::string_view prefix, RunEffect effect) {
  for (const ParamInfo& p : schema)
    if (p.name == name) {
      ParamInfo info = p;
      info.name = std::string(prefix) + p.name;
      info.effect = effect;
      return info;
    }
  return std::nullopt;
}

// A state variable as a field: any finite number in the variable's unit.
std::optional<ParamInfo> stateVariable(const ModelInfo& model, std::string_view name) {
  const StateVarInfo* var = model.findStateVar(name);
  if (!var) return std::nullopt;
  return ParamInfo{.name = std::string(kInitPrefix) + var->name,
                   .unit = var->unit,
                   .meaning = "Initial value of " + var->meaning};
}

template <class Spec>
std::optional<ParamInfo> fixed(const std::vector<Field<Spec>>& table, std::string_view field) {
  const Field<Spec>* f = findField(table, field);
  return f ? std::optional<ParamInfo>(f->info) : std::nullopt;
}

std::vector<std::string> modelNames() {
  std::vector<std::string> names;
  for (const NeuronModelEntry& e : NeuronModelRegistry::instance().entries())
    names.push_back(e.info->name);
  return names;
}

std::vector<std::string> ruleNames() {
  std::vector<std::string> names;
  for (const PlasticityRuleEntry& r : plasticityRuleEntries()) names.push_back(r.info->name);
  return names;
}

std::vector<std::string> methodNames() {
  std::vector<std::string> names;
  for (const TrainerEntry& e : TrainerRegistry::instance().entries()) names.push_back(e.name);
  return names;
}

const MonitorSpec* monitorAt(const Project& project, std::string_view id) {
  size_t index = 0;
  auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), index);
  if (error != std::errc() || end != id.data() + id.size()) return nullptr;
  return index < project.network.monitors.size() ? &project.network.monitors[index] : nullptr;
}

std::optional<ParamInfo> populationField(const PopulationSpec& p, std::string_view field) {
  const NeuronModelEntry* model = NeuronModelRegistry::instance().find(p.model);
  if (startsWith(field, kParamsPrefix))
    return model ? named(model->info->params, field.substr(kParamsPrefix.size()), kParamsPrefix,
                         RunEffect::Live)
                 : std::nullopt;
  if (startsWith(field, kInitPrefix))
    return model ? stateVariable(*model->info, field.substr(kInitPrefix.size())) : std::nullopt;
  std::optional<ParamInfo> info = fixed(populationFields(), field);
  if (info && info->name == "model") info->choices = modelNames();
  return info;
}

std::optional<ParamInfo> projectionField(const ProjectionSpec& p, std::string_view field) {
  if (startsWith(field, kPlasticityParamsPrefix)) {
    const ModelInfo* rule = p.plasticity ? findPlasticityRule(p.plasticity->rule) : nullptr;
    return rule ? named(rule->params, field.substr(kPlasticityParamsPrefix.size()),
                        kPlasticityParamsPrefix, RunEffect::Structural)
                : std::nullopt;
  }
  std::optional<ParamInfo> info = fixed(projectionFields(), field);
  if (!info) return info;
  if (info->name == "plasticity.rule") info->choices = ruleNames();
  if (info->name == "weight" && (p.plasticity || p.hasWeightsPerSynapse()))
    info->effect = RunEffect::Structural;
  return info;
}

std::optional<ParamInfo> trainingField(const TrainingSpec& t, std::string_view field) {
  if (startsWith(field, kParamsPrefix)) {
    const TrainerEntry* method = TrainerRegistry::instance().find(t.method);
    return method ? named(method->params, field.substr(kParamsPrefix.size()), kParamsPrefix,
                          RunEffect::NotRun)
                  : std::nullopt;
  }
  std::optional<ParamInfo> info = fixed(trainingFields(), field);
  if (info && info->name == "method") info->choices = methodNames();
  return info;
}

}  // namespace

std::optional<ParamInfo> fieldSchema(const Project& project, ObjectKind kind, std::string_view id,
                                     std::string_view field) {
  switch (kind) {
    case ObjectKind::Experiment:
      return fixed(experimentFields(), field);
    case ObjectKind::Population:
      if (const PopulationSpec* p = project.network.findPopulation(id))
        return populationField(*p, field);
      return std::nullopt;
    case ObjectKind::Projection:
      if (const ProjectionSpec* p = project.network.findProjection(id))
        return projectionField(*p, field);
      return std::nullopt;
    case ObjectKind::Monitor:
      return monitorAt(project, id) ? fixed(monitorFields(), field) : std::nullopt;
    case ObjectKind::Training:
      return project.training ? trainingField(*project.training, field) : std::nullopt;
    case ObjectKind::Crossbar:
      return project.network.findCrossbar(id) ? fixed(crossbarObjectFields(), field) : std::nullopt;
    case ObjectKind::Ann:
      if (const AnnNodeSpec* a = project.network.findAnn(id)) return annFieldSchema(*a, field);
      return std::nullopt;
    case ObjectKind::File:  // the project's own blocks: "energy.chip", "energy.constants.KEY"
      if (field.substr(0, 7) == "energy.") {
        const std::string_view rest = field.substr(7);
        return fixed(energyFields(), rest.substr(0, 10) == "constants." ? "constants" : rest);
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

std::vector<ParamInfo> objectFieldSchemas(const Project& project, ObjectKind kind,
                                          std::string_view id) {
  std::vector<std::string> names;
  auto add = [&names](const auto& table) {
    for (const auto& f : table) names.push_back(f.info.name);
  };
  auto addNamed = [&names](const std::vector<ParamInfo>& schema, std::string_view prefix) {
    for (const ParamInfo& p : schema) names.push_back(std::string(prefix) + p.name);
  };
  switch (kind) {
    case ObjectKind::Experiment:
      add(experimentFields());
      break;
    case ObjectKind::Population:
      add(populationFields());
      if (const PopulationSpec* p = project.network.findPopulation(id))
        if (const NeuronModelEntry* m = NeuronModelRegistry::instance().find(p->model)) {
          addNamed(m->info->params, kParamsPrefix);
          for (const StateVarInfo& v : m->info->stateVars)
            names.push_back(std::string(kInitPrefix) + v.name);
        }
      break;
    case ObjectKind::Projection:
      add(projectionFields());
      if (const ProjectionSpec* p = project.network.findProjection(id))
        if (const ModelInfo* rule =
                p->plasticity ? findPlasticityRule(p->plasticity->rule) : nullptr)
          addNamed(rule->params, kPlasticityParamsPrefix);
      break;
    case ObjectKind::Monitor:
      add(monitorFields());
      break;
    case ObjectKind::Crossbar:
      add(crossbarObjectFields());
      break;
    case ObjectKind::Ann:
      if (const AnnNodeSpec* a = project.network.findAnn(id)) names = annFieldNames(*a);
      break;
    case ObjectKind::Training:
      add(trainingFields());
      if (project.training)
        if (const TrainerEntry* m = TrainerRegistry::instance().find(project.training->method))
          addNamed(m->params, kParamsPrefix);
      break;
    default:
      break;
  }
  std::vector<ParamInfo> out;
  for (const std::string& name : names)
    if (auto info = fieldSchema(project, kind, id, name)) out.push_back(std::move(*info));
  return out;
}

}  // namespace snn
