#include "NetworkSpec.h"

#include <algorithm>

#include "NodeKinds.h"

namespace snn {

namespace {
template <class Vec>
auto* findById(Vec& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const auto& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const PopulationSpec* NetworkSpec::findPopulation(std::string_view id) const {
  return findById(populations, id);
}
PopulationSpec* NetworkSpec::findPopulation(std::string_view id) {
  return findById(populations, id);
}
bool ProjectionSpec::hasWeightsPerSynapse() const {
  return weight.kind == ValueSpec::Kind::Array ||
         std::any_of(connector.list.begin(), connector.list.end(),
                     [](const ConnectorSpec::Entry& e) { return e.weight.has_value(); });
}

const ProjectionSpec* NetworkSpec::findProjection(std::string_view id) const {
  return findById(projections, id);
}
ProjectionSpec* NetworkSpec::findProjection(std::string_view id) {
  return findById(projections, id);
}

const CrossbarSpec* NetworkSpec::findCrossbar(std::string_view id) const {
  return findById(crossbars, id);
}
CrossbarSpec* NetworkSpec::findCrossbar(std::string_view id) {
  return findById(crossbars, id);
}

const AnnNodeSpec* NetworkSpec::findAnn(std::string_view id) const {
  return findById(anns, id);
}
AnnNodeSpec* NetworkSpec::findAnn(std::string_view id) {
  return findById(anns, id);
}

std::optional<ObjectKind> NetworkSpec::kindOf(std::string_view id) const {
  for (const NodeKindInfo& kind : nodeKinds())
    for (const std::string& node : kind.ids(*this))
      if (node == id) return kind.kind;
  if (findProjection(id)) return ObjectKind::Projection;
  return std::nullopt;
}

const char* receptorName(Receptor r) {
  return r == Receptor::Excitatory ? "exc" : "inh";
}

const char* connectorTypeName(ConnectorSpec::Type t) {
  switch (t) {
    case ConnectorSpec::Type::AllToAll:
      return "all_to_all";
    case ConnectorSpec::Type::OneToOne:
      return "one_to_one";
    case ConnectorSpec::Type::Random:
      return "random";
    case ConnectorSpec::Type::FixedInDegree:
      return "fixed_in_degree";
    case ConnectorSpec::Type::Conv2d:
      return "conv2d";
    case ConnectorSpec::Type::AvgPool2d:
      return "avg_pool2d";
    case ConnectorSpec::Type::FromList:
      return "from_list";
  }
  return "?";
}

const char* monitorTypeName(MonitorSpec::Type t) {
  switch (t) {
    case MonitorSpec::Type::Spikes:
      return "spikes";
    case MonitorSpec::Type::State:
      return "state";
    case MonitorSpec::Type::Rate:
      return "rate";
  }
  return "?";
}

}  // namespace snn
