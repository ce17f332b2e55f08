#include "PasteObjects.h"

#include <QCoreApplication>
#include <stdexcept>

#include "document/ObjectIds.h"

namespace snn::gui {

PasteObjects::PasteObjects(NetworkDocument* document, Project fragment, QUndoCommand* parent)
    : QUndoCommand(parent), document_(document), fragment_(std::move(fragment)) {
  for (const PopulationSpec& p : fragment_.network.populations)
    if (isIdTaken(document_->project(), p.id))
      throw std::logic_error("PasteObjects: id '" + p.id + "' is taken");
  for (const ProjectionSpec& p : fragment_.network.projections)
    if (isIdTaken(document_->project(), p.id))
      throw std::logic_error("PasteObjects: id '" + p.id + "' is taken");
  setText(QCoreApplication::translate("Undo", "Paste %n Population(s)", nullptr,
                                      static_cast<int>(fragment_.network.populations.size())));
}

void PasteObjects::redo() {
  const Project& project = document_->project();
  for (const PopulationSpec& p : fragment_.network.populations) {
    DetachedPopulation d;
    d.index = project.network.populations.size();
    d.spec = p;
    if (auto it = fragment_.layout.find(p.id); it != fragment_.layout.end())
      d.position = it->second;
    for (const MonitorSpec& m : fragment_.network.monitors)
      if (m.target == p.id)
        d.monitors.emplace_back(project.network.monitors.size() + d.monitors.size(), m);
    document_->insertPopulation(std::move(d));
  }
  for (const ProjectionSpec& p : fragment_.network.projections)
    document_->insertProjection(project.network.projections.size(), p);
}

void PasteObjects::undo() {
  const auto& projs = fragment_.network.projections;
  for (auto it = projs.rbegin(); it != projs.rend(); ++it) document_->takeProjection(it->id);
  const auto& pops = fragment_.network.populations;
  for (auto it = pops.rbegin(); it != pops.rend(); ++it) document_->takePopulation(it->id);
}

}  // namespace snn::gui
