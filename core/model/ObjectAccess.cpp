// getField / setField (ObjectFields.h): one entry point to every field of every object.
#include <charconv>
#include <stdexcept>

#include "AnnFields.h"
#include "ObjectFields.h"

namespace snn {

namespace {

[[noreturn]] void noSuch(ObjectKind kind, std::string_view id, std::string_view what) {
  throw std::invalid_argument(describeObject(kind, std::string(id)) + ": " + std::string(what));
}

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

template <class Spec>
std::optional<ParamValue> getStatic(const std::vector<Field<Spec>>& fields, const Spec& spec,
                                    ObjectKind kind, std::string_view id, std::string_view name) {
  const Field<Spec>* f = findField(fields, name);
  if (!f) noSuch(kind, id, "no field '" + std::string(name) + "'");
  return f->get ? f->get(spec) : std::nullopt;
}

template <class Spec>
void setStatic(const std::vector<Field<Spec>>& fields, Spec& spec, ObjectKind kind,
               std::string_view id, std::string_view name, const std::optional<ParamValue>& v) {
  const Field<Spec>* f = findField(fields, name);
  if (!f || !f->set)
    noSuch(kind, id, "no field '" + std::string(name) + "' that can be set this way");
  f->set(spec, v ? *v : f->info.defaultParamValue());
}

template <class Map>
std::optional<ParamValue> getNamed(const Map& map, std::string_view key) {
  auto it = map.find(std::string(key));
  if (it == map.end()) return std::nullopt;
  return ParamValue(it->second);
}

template <class Map, class Value>
void setNamed(Map& map, std::string_view key, const std::optional<Value>& v) {
  if (v)
    map[std::string(key)] = *v;
  else
    map.erase(std::string(key));
}

template <class Monitors>
auto& monitorAt(Monitors& monitors, std::string_view id) {
  size_t index = 0;
  auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), index);
  if (error != std::errc() || end != id.data() + id.size() || index >= monitors.size())
    noSuch(ObjectKind::Monitor, id, "no such monitor");
  return monitors[index];
}

template <class Project, class Visit>
auto withObject(Project& project, ObjectKind kind, std::string_view id, Visit&& visit) {
  auto& net = project.network;
  switch (kind) {
    case ObjectKind::Experiment:
      return visit(project.experiment);
    case ObjectKind::Training:
      if (!project.training) noSuch(kind, id, "the project has no training block");
      return visit(*project.training);
    case ObjectKind::Population:
      if (auto* p = net.findPopulation(id)) return visit(*p);
      noSuch(kind, id, "no such population");
    case ObjectKind::Projection:
      if (auto* p = net.findProjection(id)) return visit(*p);
      noSuch(kind, id, "no such projection");
    case ObjectKind::Monitor:
      return visit(monitorAt(net.monitors, id));
    case ObjectKind::Crossbar:
      if (auto* c = net.findCrossbar(id)) return visit(*c);
      noSuch(kind, id, "no such crossbar");
    case ObjectKind::Ann:
      if (auto* a = net.findAnn(id)) return visit(*a);
      noSuch(kind, id, "no such ANN");
    default:
      noSuch(kind, id, "has no editable fields");
  }
}

}  // namespace

std::optional<ParamValue> getField(const Project& project, ObjectKind kind, std::string_view id,
                                   std::string_view field) {
  return withObject(project, kind, id, [&](const auto& spec) -> std::optional<ParamValue> {
    using Spec = std::decay_t<decltype(spec)>;
    if constexpr (std::is_same_v<Spec, ExperimentSpec>) {
      return getStatic(experimentFields(), spec, kind, id, field);
    } else if constexpr (std::is_same_v<Spec, TrainingSpec>) {
      if (startsWith(field, kParamsPrefix))
        return getNamed(spec.params, field.substr(kParamsPrefix.size()));
      return getStatic(trainingFields(), spec, kind, id, field);
    } else if constexpr (std::is_same_v<Spec, PopulationSpec>) {
      if (startsWith(field, kParamsPrefix))
        return getNamed(spec.params, field.substr(kParamsPrefix.size()));
      if (startsWith(field, kInitPrefix))
        return getNamed(spec.init, field.substr(kInitPrefix.size()));
      return getStatic(populationFields(), spec, kind, id, field);
    } else if constexpr (std::is_same_v<Spec, ProjectionSpec>) {
      if (startsWith(field, kPlasticityParamsPrefix))
        return spec.plasticity
                   ? getNamed(spec.plasticity->params, field.substr(kPlasticityParamsPrefix.size()))
                   : std::nullopt;
      return getStatic(projectionFields(), spec, kind, id, field);
    } else if constexpr (std::is_same_v<Spec, CrossbarSpec>) {
      return getStatic(crossbarObjectFields(), spec, kind, id, field);
    } else if constexpr (std::is_same_v<Spec, AnnNodeSpec>) {
      if (!annFieldSchema(spec, field)) noSuch(kind, id, "no field '" + std::string(field) + "'");
      return annField(spec, field);
    } else {
      return getStatic(monitorFields(), spec, kind, id, field);
    }
  });
}

void setField(Project& project, ObjectKind kind, std::string_view id, std::string_view field,
              const std::optional<ParamValue>& value) {
  withObject(project, kind, id, [&](auto& spec) {
    using Spec = std::decay_t<decltype(spec)>;
    if constexpr (std::is_same_v<Spec, ExperimentSpec>) {
      setStatic(experimentFields(), spec, kind, id, field, value);
    } else if constexpr (std::is_same_v<Spec, TrainingSpec>) {
      if (startsWith(field, kParamsPrefix))
        setNamed(spec.params, field.substr(kParamsPrefix.size()), value);
      else
        setStatic(trainingFields(), spec, kind, id, field, value);
    } else if constexpr (std::is_same_v<Spec, PopulationSpec>) {
      if (startsWith(field, kParamsPrefix)) {
        setNamed(spec.params, field.substr(kParamsPrefix.size()), value);
      } else if (startsWith(field, kInitPrefix)) {
        std::optional<ValueSpec> v;
        if (value) v = std::get<ValueSpec>(*value);
        setNamed(spec.init, field.substr(kInitPrefix.size()), v);
      } else {
        setStatic(populationFields(), spec, kind, id, field, value);
      }
    } else if constexpr (std::is_same_v<Spec, ProjectionSpec>) {
      if (startsWith(field, kPlasticityParamsPrefix)) {
        if (!spec.plasticity) noSuch(kind, id, "has no plasticity to set parameters of");
        setNamed(spec.plasticity->params, field.substr(kPlasticityParamsPrefix.size()), value);
      } else {
        setStatic(projectionFields(), spec, kind, id, field, value);
      }
    } else if constexpr (std::is_same_v<Spec, CrossbarSpec>) {
      setStatic(crossbarObjectFields(), spec, kind, id, field, value);
    } else if constexpr (std::is_same_v<Spec, AnnNodeSpec>) {
      setAnnField(spec, field, value);
    } else {
      setStatic(monitorFields(), spec, kind, id, field, value);
    }
  });
}

}  // namespace snn
