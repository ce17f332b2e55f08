#include "InspectorPanel.h"

#include <QLabel>

#include "ExperimentEditor.h"
#include "PopulationEditor.h"
#include "ProjectionEditor.h"
#include "canvas/NetworkScene.h"
#include "document/NetworkDocument.h"

namespace snn::gui {

InspectorPanel::InspectorPanel(NetworkDocument* document, NetworkScene* scene, QWidget* parent)
    : QScrollArea(parent), document_(document), scene_(scene) {
  setWidgetResizable(true);
  setFrameShape(QFrame::NoFrame);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setMinimumWidth(300);
  connect(scene_, &QGraphicsScene::selectionChanged, this, &InspectorPanel::showSelection);
  connect(document_, &NetworkDocument::changed, this, &InspectorPanel::onDocumentChanged);
  showSelection();
}

PopulationEditor* InspectorPanel::populationEditor() const {
  return qobject_cast<PopulationEditor*>(current_);
}

ProjectionEditor* InspectorPanel::projectionEditor() const {
  return qobject_cast<ProjectionEditor*>(current_);
}

void InspectorPanel::showSelection() {
  const auto pops = scene_->selectedPopulations();
  const auto projs = scene_->selectedProjections();
  QWidget* next = nullptr;
  if (pops.size() == 1 && projs.empty()) {
    if (auto* e = populationEditor(); e && e->id() == pops[0]) return;  // already shown
    next = new PopulationEditor(document_, pops[0]);
  } else if (projs.size() == 1 && pops.empty()) {
    if (auto* e = projectionEditor(); e && e->id() == projs[0]) return;
    next = new ProjectionEditor(document_, projs[0]);
  } else if (pops.empty() && projs.empty()) {
    if (qobject_cast<ExperimentEditor*>(current_)) return;
    next = new ExperimentEditor(document_);
  } else {
    auto* label = new QLabel(
        tr("%n object(s) selected", nullptr, static_cast<int>(pops.size() + projs.size())));
    label->setAlignment(Qt::AlignCenter);
    label->setForegroundRole(QPalette::PlaceholderText);
    next = label;
  }
  current_ = next;
  setWidget(next);  // deletes the previous editor
}

void InspectorPanel::onDocumentChanged(const ChangeEvent& event) {
  using T = ChangeEvent::Type;
  if (event.type == T::NodesMoved) return;
  if (event.type == T::ProjectReplaced) {
    current_ = nullptr;
    showSelection();
    return;
  }
  if (auto* e = populationEditor()) {
    if (event.type == T::ObjectRenamed && event.oldId == e->id()) e->setId(event.id);
    if (!document_->project().network.findPopulation(e->id()))
      return;  // removed: selection follows
    if (event.id == e->id()) e->refresh();
  } else if (auto* e = projectionEditor()) {
    if (event.type == T::ObjectRenamed && event.oldId == e->id()) e->setId(event.id);
    if (!document_->project().network.findProjection(e->id())) return;
    e->refresh();  // an end may have been renamed or changed role
  } else if (auto* e = qobject_cast<ExperimentEditor*>(current_)) {
    e->refresh();
  }
}

}  // namespace snn::gui
