#include "NetworkScene.h"

#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QUndoStack>
#include <cmath>

#include "CrossbarItem.h"
#include "NodeItem.h"
#include "NodeKinds.h"
#include "PopulationItem.h"
#include "PortItem.h"
#include "ProjectionItem.h"
#include "commands/AddRemoveProjection.h"
#include "commands/CompoundEdits.h"
#include "commands/CrossbarCommands.h"
#include "commands/MoveNodes.h"
#include "document/NetworkDocument.h"
#include "document/ProjectDiagnostics.h"
#include "model/NodeColors.h"
#include "sim/NeuronModelRegistry.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {
constexpr double kGrid = 20.0;

// The model of a population, or null when it or its model is unknown.
const ModelInfo* modelOf(const Project& project, const std::string& population) {
  const PopulationSpec* p = project.network.findPopulation(population);
  const NeuronModelEntry* e = p ? NeuronModelRegistry::instance().find(p->model) : nullptr;
  return e ? e->info : nullptr;
}

bool isCurrentSource(const Project& project, const std::string& population) {
  const ModelInfo* model = modelOf(project, population);
  return model && model->role == ModelRole::CurrentSource;
}

// The unit a projection's weight is in: that of the synaptic input its target model takes (its
// i_exc state: nA for the current-based models, mV for one whose spikes add straight to v).
QString weightUnitOf(const Project& project, const std::string& post) {
  const ModelInfo* model = modelOf(project, post);
  const StateVarInfo* input = model ? model->findStateVar("i_exc") : nullptr;
  return input && !input->unit.empty() ? toQ(input->unit) : QStringLiteral("nA");
}

QStringList problemsText(const std::vector<Diagnostic>& diagnostics) {
  QStringList out;
  for (const Diagnostic& d : diagnostics)
    out << (d.field.empty() ? toQ(d.message) : toQ(d.field) + ": " + toQ(d.message));
  return out;
}
}  // namespace

NetworkScene::NetworkScene(NetworkDocument* document, ProjectDiagnostics* diagnostics,
                           QObject* parent)
    : QGraphicsScene(parent), document_(document), diagnostics_(diagnostics) {
  setSceneRect(-4000, -4000, 8000, 8000);
  setItemIndexMethod(NoIndex);  // a few dozen items that move often
  connect(document_, &NetworkDocument::changed, this, &NetworkScene::onDocumentChanged);
  connect(diagnostics_, &ProjectDiagnostics::diagnosticsChanged, this,
          &NetworkScene::onDiagnosticsChanged);
  rebuild();
}

NetworkScene::~NetworkScene() {
  // Deleting selected items announces a selection change; listeners must not ask this
  // half-destroyed scene about it.
  blockSignals(true);
  clear();
}

NodeItem* NetworkScene::nodeItem(const std::string& id) const {
  auto it = nodes_.find(id);
  return it == nodes_.end() ? nullptr : it->second;
}

PopulationItem* NetworkScene::populationItem(const std::string& id) const {
  return dynamic_cast<PopulationItem*>(nodeItem(id));
}

std::vector<std::string> NetworkScene::nodeIds() const {
  std::vector<std::string> ids;
  for (const NodeKindInfo& kind : nodeKinds()) {
    std::vector<std::string> more = kind.ids(document_->project().network);
    ids.insert(ids.end(), more.begin(), more.end());
  }
  return ids;
}

ProjectionItem* NetworkScene::projectionItem(const std::string& id) const {
  auto it = projections_.find(id);
  return it == projections_.end() ? nullptr : it->second;
}

std::vector<std::string> NetworkScene::selectedNodes() const {
  std::vector<std::string> out;
  for (const std::string& id : nodeIds())
    if (NodeItem* item = nodeItem(id); item && item->isSelected()) out.push_back(id);
  return out;
}

std::vector<std::string> NetworkScene::selectedPopulations() const {
  std::vector<std::string> out;
  for (const PopulationSpec& p : document_->project().network.populations)
    if (NodeItem* item = nodeItem(p.id); item && item->isSelected()) out.push_back(p.id);
  return out;
}

std::vector<std::string> NetworkScene::selectedObjects() const {
  std::vector<std::string> out = selectedNodes();
  for (const std::string& id : selectedProjections()) out.push_back(id);
  return out;
}

std::vector<std::string> NetworkScene::selectedProjections() const {
  std::vector<std::string> out;
  for (const ProjectionSpec& p : document_->project().network.projections)
    if (ProjectionItem* item = projectionItem(p.id); item && item->isSelected())
      out.push_back(p.id);
  return out;
}

void NetworkScene::selectObject(const std::string& id) {
  QGraphicsItem* item = nodeItem(id);
  if (!item) item = projectionItem(id);
  if (!item) return;
  clearSelection();
  item->setSelected(true);
}

NodePosition NetworkScene::nodePosition(const std::string& id) const {
  const Project& project = document_->project();
  if (auto it = project.layout.find(id); it != project.layout.end()) return it->second;
  if (project.network.findCrossbar(id))  // an unplaced crossbar sits under what it carries
    for (const ProjectionSpec& p : project.network.projections)
      if (p.crossbar == id && p.pre != id && p.post != id)
        return crossbarPlace(nodePosition(p.pre), nodePosition(p.post));
  const std::vector<std::string> ids = nodeIds();
  size_t i = 0;
  while (i < ids.size() && ids[i] != id) ++i;
  return {40.0 + static_cast<double>(i % 3) * 300.0, 40.0 + static_cast<double>(i / 3) * 160.0};
}

std::map<std::string, NodePosition> NetworkScene::nodePositions(
    const std::vector<std::string>& ids) const {
  std::map<std::string, NodePosition> out;
  for (const std::string& id : ids) out[id] = nodePosition(id);
  return out;
}

QRectF NetworkScene::networkRect() const {
  QRectF r;
  for (const auto& [id, item] : nodes_) r |= item->sceneBoundingRect();
  for (const auto& [id, item] : projections_)
    if (item->isVisible()) r |= item->sceneBoundingRect();
  return r;
}

void NetworkScene::rebuild() {
  connectFrom_ = nullptr;
  hoveredInPort_ = nullptr;
  rubberEdge_ = nullptr;
  drag_.reset();
  clear();
  nodes_.clear();
  projections_.clear();
  const Project& project = document_->project();
  for (const NodeKindInfo& kind : nodeKinds())
    for (const std::string& id : kind.ids(project.network)) addNodeItem(kind.kind, id);
  for (const ProjectionSpec& p : project.network.projections) addProjectionItem(p);
  recolor();
  onDiagnosticsChanged();
}

void NetworkScene::addNodeItem(ObjectKind kind, const std::string& id) {
  const NodeKindView* view = findNodeKindView(kind);
  if (!view) return;
  NodeItem* item = view->createItem(id);
  item->refresh(document_->project());
  const NodePosition pos = nodePosition(id);
  item->setPos(pos.x, pos.y);
  addItem(item);
  nodes_[id] = item;
}

void NetworkScene::addProjectionItem(const ProjectionSpec& spec) {
  auto* item = new ProjectionItem(spec);
  addItem(item);
  projections_[spec.id] = item;
  updateProjection(item);
}

void NetworkScene::updateProjection(ProjectionItem* item) {
  const ProjectionSpec* spec = document_->project().network.findProjection(item->id());
  if (!spec) return;
  item->setSpec(*spec, isCurrentSource(document_->project(), spec->pre),
                weightUnitOf(document_->project(), spec->post));
  item->setEndpoints(nodeItem(spec->pre), nodeItem(spec->post));
}

void NetworkScene::updateEdgesOf(const std::string& node) {
  for (const ProjectionSpec& p : document_->project().network.projections)
    if (p.pre == node || p.post == node)
      if (ProjectionItem* item = projectionItem(p.id)) updateProjection(item);
}

void NetworkScene::recolor() {
  const std::vector<std::string> ids = nodeIds();
  for (size_t i = 0; i < ids.size(); ++i)
    if (NodeItem* item = nodeItem(ids[i])) {
      item->setColorIndex(nodeColorIndex(document_->project(), ids[i]));  // stays with the node
      const NodePosition pos = nodePosition(ids[i]);  // grid places follow the order
      item->setPos(pos.x, pos.y);
    }
  for (const auto& [id, item] : projections_) updateProjection(item);
}

void NetworkScene::onDocumentChanged(const ChangeEvent& event) {
  using T = ChangeEvent::Type;
  const Project& project = document_->project();
  const bool edge = event.kind == ObjectKind::Projection;
  const bool node = findNodeKindView(event.kind) != nullptr;
  switch (event.type) {
    case T::ProjectReplaced:
      rebuild();
      break;
    case T::ObjectAdded:
      if (edge) {
        if (const ProjectionSpec* p = project.network.findProjection(event.id))
          addProjectionItem(*p);
      } else if (node) {
        addNodeItem(event.kind, event.id);
        recolor();
      }
      break;
    case T::ObjectRemoved:
      if (edge) {
        delete projectionItem(event.id);
        projections_.erase(event.id);
      } else if (NodeItem* item = nodeItem(event.id)) {
        nodes_.erase(event.id);
        delete item;
        recolor();
      }
      break;
    case T::FieldChanged:
      if (edge) {
        if (ProjectionItem* item = projectionItem(event.id)) updateProjection(item);
        placeCrossbars();  // a crossbar may carry it now
      } else if (NodeItem* item = nodeItem(event.id)) {
        item->refresh(project);  // its model, size or shape
        updateEdgesOf(event.id);
      }
      break;
    case T::ObjectRenamed:
      if (auto n = nodes_.extract(event.oldId)) {
        n.key() = event.id;
        n.mapped()->setId(event.id);
        n.mapped()->refresh(project);
        nodes_.insert(std::move(n));
        for (const auto& [id, item] : projections_) updateProjection(item);
      } else if (auto e = projections_.extract(event.oldId)) {
        e.key() = event.id;
        projections_.insert(std::move(e));
        updateProjection(projectionItem(event.id));
      }
      break;
    case T::NodesMoved:
      for (const std::string& id : event.ids) {
        if (NodeItem* item = nodeItem(id)) {
          const NodePosition pos = nodePosition(id);
          item->setPos(pos.x, pos.y);
        }
        updateEdgesOf(id);
      }
      placeCrossbars();
      break;
  }
  if (event.type != T::NodesMoved) onDiagnosticsChanged();
}

void NetworkScene::placeCrossbars() {
  for (const CrossbarSpec& c : document_->project().network.crossbars)
    if (NodeItem* item = nodeItem(c.id)) {
      item->refresh(document_->project());  // what it carries
      const NodePosition pos = nodePosition(c.id);
      item->setPos(pos.x, pos.y);
    }
}

void NetworkScene::onDiagnosticsChanged() {
  for (const auto& [id, item] : nodes_)
    item->setProblems(problemsText(diagnostics_->about(item->kind(), id)));
  for (const auto& [id, item] : projections_)
    item->setProblems(problemsText(diagnostics_->about(ObjectKind::Projection, id)));
}

// ---- Moving nodes: one MoveNodes per mouse move, merged into one step per drag. ----

void NetworkScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  QGraphicsScene::mousePressEvent(event);  // selection, and ports starting a connection
  if (event->button() != Qt::LeftButton || connectFrom_) return;
  QGraphicsItem* grabber = mouseGrabberItem();
  if (!grabber || grabber->type() != NodeItem::Type || !grabber->isSelected()) return;
  Drag drag;
  drag.id = ++dragCounter_;
  drag.start = event->scenePos();
  const std::vector<std::string> ids = selectedNodes();
  drag.from = nodePositions(ids);
  for (const std::string& id : ids) {
    const auto& layout = document_->project().layout;
    auto it = layout.find(id);
    drag.fromLayout[id] = it == layout.end() ? std::nullopt : std::optional(it->second);
  }
  drag_ = std::move(drag);
}

void NetworkScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
  if (!drag_ || !(event->buttons() & Qt::LeftButton)) {
    QGraphicsScene::mouseMoveEvent(event);
    return;
  }
  const QPointF delta = event->scenePos() - drag_->start;
  std::map<std::string, NodePosition> to;
  for (const auto& [id, pos] : drag_->from)
    to[id] = {std::round(pos.x + delta.x()), std::round(pos.y + delta.y())};
  document_->undoStack()->push(new MoveNodes(document_, drag_->fromLayout, to, drag_->id));
  event->accept();
}

void NetworkScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
  drag_.reset();
  QGraphicsScene::mouseReleaseEvent(event);
}

// ---- Connecting: from an output port to an input port. ----

void NetworkScene::beginConnection(PortItem* from) {
  connectFrom_ = from;
  rubberEdge_ = new QGraphicsPathItem;
  QPen pen(palette().color(QPalette::Highlight), 2, Qt::DashLine, Qt::RoundCap);
  rubberEdge_->setPen(pen);
  rubberEdge_->setZValue(2);
  addItem(rubberEdge_);
  updateConnection(from->scenePos());
}

PortItem* NetworkScene::inPortAt(const QPointF& scenePos) const {
  // Forgiving: the port itself, or anywhere on a node that takes input.
  for (QGraphicsItem* item : items(QRectF(scenePos - QPointF(6, 6), QSizeF(12, 12)))) {
    if (item->type() == PortItem::Type) {
      auto* port = static_cast<PortItem*>(item);
      if (port->kind() == PortItem::Kind::In) return port;
    }
    if (item->type() == NodeItem::Type)
      if (PortItem* port = static_cast<NodeItem*>(item)->inPort()) return port;
  }
  return nullptr;
}

void NetworkScene::updateConnection(const QPointF& scenePos) {
  if (!connectFrom_ || !rubberEdge_) return;
  PortItem* target = inPortAt(scenePos);
  if (target != hoveredInPort_) {
    if (hoveredInPort_) hoveredInPort_->setHighlighted(false);
    hoveredInPort_ = target;
    if (hoveredInPort_) hoveredInPort_->setHighlighted(true);
  }
  const QPointF p0 = connectFrom_->scenePos();
  const QPointF p3 = target ? target->scenePos() : scenePos;
  const double dx = std::max(40.0, std::abs(p3.x() - p0.x()) / 2);
  QPainterPath path(p0);
  path.cubicTo(p0 + QPointF(dx, 0), p3 - QPointF(dx, 0), p3);
  rubberEdge_->setPath(path);
}

void NetworkScene::finishConnection(const QPointF& scenePos) {
  if (!connectFrom_) return;
  PortItem* target = inPortAt(scenePos);
  const std::string pre = connectFrom_->node()->id();
  if (hoveredInPort_) hoveredInPort_->setHighlighted(false);
  hoveredInPort_ = nullptr;
  connectFrom_ = nullptr;
  delete rubberEdge_;
  rubberEdge_ = nullptr;
  if (!target) return;
  const std::string post = target->node()->id();
  document_->undoStack()->push(
      new AddProjection(document_, defaultProjection(document_->project(), pre, post)));
  selectObject(document_->project().network.projections.back().id);
}

void NetworkScene::drawBackground(QPainter* painter, const QRectF& rect) {
  const QPalette pal = palette();
  const QColor back = isDark(pal) ? pal.color(QPalette::Base).darker(108)
                                  : pal.color(QPalette::Window).lighter(104);
  painter->fillRect(rect, back);
  const double scale = painter->worldTransform().m11();
  if (scale < 0.45) return;  // dots would blur into a grey wash
  QColor dot = pal.color(QPalette::Mid);
  dot.setAlpha(isDark(pal) ? 150 : 110);
  painter->setPen(QPen(dot, 1.6 / scale, Qt::SolidLine, Qt::RoundCap));
  const double left = std::floor(rect.left() / kGrid) * kGrid;
  const double top = std::floor(rect.top() / kGrid) * kGrid;
  QVector<QPointF> points;
  for (double x = left; x < rect.right(); x += kGrid)
    for (double y = top; y < rect.bottom(); y += kGrid) points.append(QPointF(x, y));
  painter->drawPoints(points.data(), static_cast<int>(points.size()));
}

}  // namespace snn::gui
