#include "NodeKinds.h"

namespace snn {

namespace {
template <class Spec>
std::vector<std::string> idsOf(const std::vector<Spec>& list) {
  std::vector<std::string> ids;
  ids.reserve(list.size());
  for (const Spec& s : list) ids.push_back(s.id);
  return ids;
}
}  // namespace

const std::vector<NodeKindInfo>& nodeKinds() {
  static const std::vector<NodeKindInfo> kinds = {
      {ObjectKind::Population, "population", "populations",
       [](const NetworkSpec& n) { return idsOf(n.populations); }},
      {ObjectKind::Crossbar, "crossbar", "crossbars",
       [](const NetworkSpec& n) { return idsOf(n.crossbars); }},
      {ObjectKind::Ann, "ANN", "anns", [](const NetworkSpec& n) { return idsOf(n.anns); }},
  };
  return kinds;
}

const NodeKindInfo* findNodeKind(ObjectKind kind) {
  for (const NodeKindInfo& k : nodeKinds())
    if (k.kind == kind) return &k;
  return nullptr;
}

}  // namespace snn
