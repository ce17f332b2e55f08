#pragma once

#include <QGraphicsScene>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/NetworkSpec.h"

namespace snn::gui {

class NetworkDocument;
class ProjectDiagnostics;
class NodeItem;
class PopulationItem;
class ProjectionItem;
class PortItem;
struct ChangeEvent;

// The network as a graph: one NodeItem per node (of every kind: widgets/NodeKinds.h), one
// ProjectionItem per projection, kept in step with the document through its change events and
// marked with the project's diagnostics. Mouse work that edits the project goes through undo
// commands: moving nodes pushes MoveNodes (merged per drag), dragging from an output port to an
// input port pushes AddProjection. GUI thread.
class NetworkScene : public QGraphicsScene {
  Q_OBJECT

 public:
  NetworkScene(NetworkDocument* document, ProjectDiagnostics* diagnostics,
               QObject* parent = nullptr);
  ~NetworkScene() override;

  NetworkDocument* document() const { return document_; }
  NodeItem* nodeItem(const std::string& id) const;
  PopulationItem* populationItem(const std::string& id) const;
  ProjectionItem* projectionItem(const std::string& id) const;

  // Selected ids, in project order: nodes of every kind, then projections.
  std::vector<std::string> selectedObjects() const;
  std::vector<std::string> selectedNodes() const;
  std::vector<std::string> selectedPopulations() const;
  std::vector<std::string> selectedProjections() const;
  // Selects one node or projection alone (e.g. from the Problems panel).
  void selectObject(const std::string& id);

  // Where a node is drawn: its layout entry, or a place in a grid for nodes without one.
  NodePosition nodePosition(const std::string& id) const;
  std::map<std::string, NodePosition> nodePositions(const std::vector<std::string>& ids) const;
  // The bounding box of every node (for fit to view).
  QRectF networkRect() const;

  // A connection drag, started and ended by an output port.
  void beginConnection(PortItem* from);
  void updateConnection(const QPointF& scenePos);
  void finishConnection(const QPointF& scenePos);

 protected:
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
  void drawBackground(QPainter* painter, const QRectF& rect) override;

 private:
  void rebuild();
  void onDocumentChanged(const ChangeEvent& event);
  void onDiagnosticsChanged();
  // Node ids of every kind, in project order (kinds in registry order).
  std::vector<std::string> nodeIds() const;
  void addNodeItem(ObjectKind kind, const std::string& id);
  void addProjectionItem(const ProjectionSpec& spec);
  void updateProjection(ProjectionItem* item);
  void updateEdgesOf(const std::string& node);
  void recolor();
  void placeCrossbars();  // unplaced crossbars follow the nodes of what they carry
  PortItem* inPortAt(const QPointF& scenePos) const;

  NetworkDocument* document_;
  ProjectDiagnostics* diagnostics_;
  std::map<std::string, NodeItem*> nodes_;
  std::map<std::string, ProjectionItem*> projections_;

  // Node drag in progress: the positions before it, and where the mouse started.
  struct Drag {
    int id = 0;
    QPointF start;
    std::map<std::string, NodePosition> from;
    std::map<std::string, std::optional<NodePosition>> fromLayout;
  };
  std::optional<Drag> drag_;
  int dragCounter_ = 0;

  PortItem* connectFrom_ = nullptr;
  QGraphicsPathItem* rubberEdge_ = nullptr;
  PortItem* hoveredInPort_ = nullptr;
};

}  // namespace snn::gui
