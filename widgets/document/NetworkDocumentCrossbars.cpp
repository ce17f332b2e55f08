// NetworkDocument's writers for crossbars (network.crossbars), kept apart from the populations'
// and projections' so that each kind of node has its writers in one place.
#include <algorithm>
#include <stdexcept>

#include "NetworkDocument.h"
#include "model/ObjectFields.h"

namespace snn::gui {

void NetworkDocument::insertCrossbar(DetachedCrossbar crossbar) {
  auto& list = project_.network.crossbars;
  const std::string id = crossbar.spec.id;
  const size_t index = std::min(crossbar.index, list.size());
  list.insert(list.begin() + static_cast<ptrdiff_t>(index), std::move(crossbar.spec));
  attachPlacement(id, crossbar.position, crossbar.color);
  emitChange(ChangeEvent::Type::ObjectAdded, ObjectKind::Crossbar, id);
}

DetachedCrossbar NetworkDocument::takeCrossbar(const std::string& id) {
  auto& list = project_.network.crossbars;
  const auto it = std::find_if(list.begin(), list.end(), [&](auto& c) { return c.id == id; });
  if (it == list.end()) throw std::logic_error("takeCrossbar: no crossbar '" + id + "'");
  DetachedCrossbar out;
  out.index = static_cast<size_t>(it - list.begin());
  out.spec = std::move(*it);
  list.erase(it);
  detachPlacement(id, out.position, out.color);
  emitChange(ChangeEvent::Type::ObjectRemoved, ObjectKind::Crossbar, id);
  return out;
}

void NetworkDocument::setCrossbar(const std::string& id, CrossbarSpec spec) {
  CrossbarSpec* c = project_.network.findCrossbar(id);
  if (!c) throw std::logic_error("setCrossbar: no crossbar '" + id + "'");
  spec.id = id;
  std::vector<std::string> fields;
  for (const Field<CrossbarSpec>& f : crossbarObjectFields())
    if (f.get && f.get(*c) != f.get(spec)) fields.push_back(f.info.name);
  if (c->conductances != spec.conductances) fields.emplace_back("conductances");
  if (c->stuckCells != spec.stuckCells) fields.emplace_back("stuck_cells");
  if (c->device.params != spec.device.params && fields.empty()) fields.emplace_back();
  *c = std::move(spec);
  emitFieldChanges(ObjectKind::Crossbar, id, std::move(fields));
}

}  // namespace snn::gui
