#include "InspectorPanel.h"

#include <QLabel>

#include "ExperimentEditor.h"
#include "InspectorPage.h"
#include "NodeKinds.h"
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

InspectorPage* InspectorPanel::page() const {
  return qobject_cast<InspectorPage*>(current_);
}

PopulationEditor* InspectorPanel::populationEditor() const {
  return qobject_cast<PopulationEditor*>(current_);
}

ProjectionEditor* InspectorPanel::projectionEditor() const {
  return qobject_cast<ProjectionEditor*>(current_);
}

void InspectorPanel::showSelection() {
  const std::vector<std::string> selected = scene_->selectedObjects();
  QWidget* next = nullptr;
  if (selected.size() == 1) {
    const std::string& id = selected.front();
    const std::optional<ObjectKind> kind = document_->project().network.kindOf(id);
    if (!kind) return;
    if (InspectorPage* shown = page(); shown && shown->kind() == *kind && shown->id() == id)
      return;  // already shown
    if (*kind == ObjectKind::Projection)
      next = new ProjectionEditor(document_, id);
    else if (const NodeKindView* view = findNodeKindView(*kind))
      next = view->createPage(document_, id);
  } else if (selected.empty()) {
    if (qobject_cast<ExperimentEditor*>(current_)) return;
    next = new ExperimentEditor(document_);
  }
  if (!next) {
    auto* label =
        new QLabel(tr("%n object(s) selected", nullptr, static_cast<int>(selected.size())));
    label->setAlignment(Qt::AlignCenter);
    label->setForegroundRole(QPalette::PlaceholderText);
    next = label;
  }
  current_ = next;
  setWidget(next);  // deletes the previous page
}

void InspectorPanel::onDocumentChanged(const ChangeEvent& event) {
  using T = ChangeEvent::Type;
  if (event.type == T::NodesMoved) return;
  if (event.type == T::ProjectReplaced) {
    current_ = nullptr;
    showSelection();
    return;
  }
  if (InspectorPage* shown = page()) {
    if (event.type == T::ObjectRenamed && event.oldId == shown->id()) shown->setId(event.id);
    if (document_->project().network.kindOf(shown->id()) != shown->kind())
      return;          // removed: the selection follows
    shown->refresh();  // an end, a model or a size it shows may have changed
  } else if (auto* e = qobject_cast<ExperimentEditor*>(current_)) {
    e->refresh();
  }
}

}  // namespace snn::gui
