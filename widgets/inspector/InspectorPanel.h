#pragma once

#include <QScrollArea>
#include <string>

namespace snn::gui {

class InspectorPage;
class NetworkDocument;
class NetworkScene;
class PopulationEditor;
class ProjectionEditor;
struct ChangeEvent;

// The Inspector dock's contents: the page of the selected node (of whatever kind: its page comes
// from widgets/NodeKinds.h) or projection, or the experiment when nothing is selected. Follows
// the canvas selection and the document's change events; the pages write through undo commands
// only.
class InspectorPanel : public QScrollArea {
  Q_OBJECT

 public:
  InspectorPanel(NetworkDocument* document, NetworkScene* scene, QWidget* parent = nullptr);

  // The page shown, if it is that kind (for tests and the main window).
  InspectorPage* page() const;
  PopulationEditor* populationEditor() const;
  ProjectionEditor* projectionEditor() const;

 private:
  void showSelection();
  void onDocumentChanged(const ChangeEvent& event);

  NetworkDocument* document_;
  NetworkScene* scene_;
  QWidget* current_ = nullptr;
};

}  // namespace snn::gui
