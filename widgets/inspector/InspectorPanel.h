#pragma once

#include <QScrollArea>
#include <string>

namespace snn::gui {

class NetworkDocument;
class NetworkScene;
class PopulationEditor;
class ProjectionEditor;
class ExperimentEditor;
struct ChangeEvent;

// The Inspector dock's contents: the editor of the selected population or projection, or the
// experiment when nothing is selected. Follows the canvas selection and the document's change
// events; the editors write through undo commands only.
class InspectorPanel : public QScrollArea {
  Q_OBJECT

 public:
  InspectorPanel(NetworkDocument* document, NetworkScene* scene, QWidget* parent = nullptr);

  // The editor shown, if it is that kind (for tests and the main window).
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
