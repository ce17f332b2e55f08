#include "AddRemovePopulation.h"

#include <QCoreApplication>
#include <stdexcept>

#include "util/QtText.h"

namespace snn::gui {

AddRemovePopulation::AddRemovePopulation(NetworkDocument* document, DetachedPopulation population,
                                         QUndoCommand* parent)
    : QUndoCommand(parent),
      document_(document),
      population_(std::move(population)),
      id_(population_.spec.id) {}

void AddRemovePopulation::add() {
  document_->insertPopulation(population_);
}

void AddRemovePopulation::remove() {
  population_ = document_->takePopulation(id_);
}

namespace {
DetachedPopulation appended(const NetworkDocument* document, PopulationSpec spec,
                            NodePosition position) {
  DetachedPopulation p;
  p.index = document->project().network.populations.size();
  p.spec = std::move(spec);
  p.position = position;
  return p;
}

DetachedPopulation existing(const NetworkDocument* document, const std::string& id) {
  const Project& project = document->project();
  if (!project.network.findPopulation(id))
    throw std::logic_error("RemovePopulation: no population '" + id + "'");
  DetachedPopulation p;
  p.spec.id = id;  // the rest is taken by the first redo()
  return p;
}
}  // namespace

AddPopulation::AddPopulation(NetworkDocument* document, PopulationSpec spec, NodePosition position,
                             QUndoCommand* parent)
    : AddRemovePopulation(document, appended(document, std::move(spec), position), parent) {
  setText(QCoreApplication::translate("Undo", "Add Population '%1'").arg(toQ(id_)));
}

RemovePopulation::RemovePopulation(NetworkDocument* document, const std::string& id,
                                   QUndoCommand* parent)
    : AddRemovePopulation(document, existing(document, id), parent) {
  setText(QCoreApplication::translate("Undo", "Remove Population '%1'").arg(toQ(id_)));
}

}  // namespace snn::gui
