#include "NetworkScene.h"

#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QUndoStack>
#include <cmath>

#include "PopulationItem.h"
#include "PortItem.h"
#include "ProjectionItem.h"
#include "commands/AddRemoveProjection.h"
#include "commands/CompoundEdits.h"
#include "commands/MoveNodes.h"
#include "document/NetworkDocument.h"
#include "document/ProjectDiagnostics.h"
#include "sim/NeuronModelRegistry.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {
constexpr double kGrid = 20.0;

bool isCurrentSource(const Project& project, const std::string& population) {
  const PopulationSpec* p = project.network.findPopulation(population);
  const NeuronModelEntry* e = p ? NeuronModelRegistry::instance().find(p->model) : nullptr;
  return e && e->info->role == ModelRole::CurrentSource;
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

PopulationItem* NetworkScene::populationItem(const std::string& id) const {
  auto it = populations_.find(id);
  return it == populations_.end() ? nullptr : it->second;
}

ProjectionItem* NetworkScene::projectionItem(const std::string& id) const {
  auto it = projections_.find(id);
  return it == projections_.end() ? nullptr : it->second;
}

std::vector<std::string> NetworkScene::selectedPopulations() const {
  std::vector<std::string> out;
  for (const PopulationSpec& p : document_->project().network.populations)
    if (PopulationItem* item = populationItem(p.id); item && item->isSelected())
      out.push_back(p.id);
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
  QGraphicsItem* item = populationItem(id);
  if (!item) item = projectionItem(id);
  if (!item) return;
  clearSelection();
  item->setSelected(true);
}

NodePosition NetworkScene::nodePosition(const std::string& id) const {
  const Project& project = document_->project();
  if (auto it = project.layout.find(id); it != project.layout.end()) return it->second;
  const auto& pops = project.network.populations;
  size_t i = 0;
  while (i < pops.size() && pops[i].id != id) ++i;
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
  for (const auto& [id, item] : populations_) r |= item->sceneBoundingRect();
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
  populations_.clear();
  projections_.clear();
  const Project& project = document_->project();
  for (const PopulationSpec& p : project.network.populations) addPopulationItem(p);
  for (const ProjectionSpec& p : project.network.projections) addProjectionItem(p);
  recolor();
  onDiagnosticsChanged();
}

void NetworkScene::addPopulationItem(const PopulationSpec& spec) {
  auto* item = new PopulationItem(spec);
  const NodePosition pos = nodePosition(spec.id);
  item->setPos(pos.x, pos.y);
  addItem(item);
  populations_[spec.id] = item;
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
  item->setSpec(*spec, isCurrentSource(document_->project(), spec->pre));
  item->setEndpoints(populationItem(spec->pre), populationItem(spec->post));
}

void NetworkScene::updateEdgesOf(const std::string& population) {
  for (const ProjectionSpec& p : document_->project().network.projections)
    if (p.pre == population || p.post == population)
      if (ProjectionItem* item = projectionItem(p.id)) updateProjection(item);
}

void NetworkScene::recolor() {
  const auto& pops = document_->project().network.populations;
  for (size_t i = 0; i < pops.size(); ++i)
    if (PopulationItem* item = populationItem(pops[i].id)) {
      item->setColorIndex(static_cast<int>(i));
      const NodePosition pos = nodePosition(pops[i].id);  // grid places follow the order
      item->setPos(pos.x, pos.y);
    }
  for (const auto& [id, item] : projections_) updateProjection(item);
}

void NetworkScene::onDocumentChanged(const ChangeEvent& event) {
  using T = ChangeEvent::Type;
  const Project& project = document_->project();
  switch (event.type) {
    case T::ProjectReplaced:
      rebuild();
      break;
    case T::PopulationAdded:
      if (const PopulationSpec* p = project.network.findPopulation(event.id)) addPopulationItem(*p);
      recolor();
      break;
    case T::PopulationRemoved:
      if (PopulationItem* item = populationItem(event.id)) {
        populations_.erase(event.id);
        delete item;
      }
      recolor();
      break;
    case T::PopulationChanged:
      if (const PopulationSpec* p = project.network.findPopulation(event.id))
        if (PopulationItem* item = populationItem(event.id)) item->setSpec(*p);
      updateEdgesOf(event.id);
      break;
    case T::ParameterChanged:
    case T::ExperimentChanged:
    case T::TrainingChanged:
      break;
    case T::ProjectionAdded:
      if (const ProjectionSpec* p = project.network.findProjection(event.id)) addProjectionItem(*p);
      break;
    case T::ProjectionRemoved:
      if (ProjectionItem* item = projectionItem(event.id)) {
        projections_.erase(event.id);
        delete item;
      }
      break;
    case T::ProjectionChanged:
      if (ProjectionItem* item = projectionItem(event.id)) updateProjection(item);
      break;
    case T::ObjectRenamed:
      if (auto node = populations_.extract(event.oldId)) {
        node.key() = event.id;
        node.mapped()->setSpec(*project.network.findPopulation(event.id));
        populations_.insert(std::move(node));
        for (const auto& [id, item] : projections_) updateProjection(item);
      } else if (auto edge = projections_.extract(event.oldId)) {
        edge.key() = event.id;
        projections_.insert(std::move(edge));
        updateProjection(projectionItem(event.id));
      }
      break;
    case T::NodesMoved:
      for (const std::string& id : event.ids) {
        if (PopulationItem* item = populationItem(id)) {
          const NodePosition pos = nodePosition(id);
          item->setPos(pos.x, pos.y);
        }
        updateEdgesOf(id);
      }
      break;
  }
  if (event.type != T::NodesMoved) onDiagnosticsChanged();
}

void NetworkScene::onDiagnosticsChanged() {
  for (const auto& [id, item] : populations_)
    item->setProblems(problemsText(diagnostics_->about(ObjectKind::Population, id)));
  for (const auto& [id, item] : projections_)
    item->setProblems(problemsText(diagnostics_->about(ObjectKind::Projection, id)));
}

// ---- Moving nodes: one MoveNodes per mouse move, merged into one step per drag. ----

void NetworkScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  QGraphicsScene::mousePressEvent(event);  // selection, and ports starting a connection
  if (event->button() != Qt::LeftButton || connectFrom_) return;
  QGraphicsItem* grabber = mouseGrabberItem();
  if (!grabber || grabber->type() != PopulationItem::Type || !grabber->isSelected()) return;
  Drag drag;
  drag.id = ++dragCounter_;
  drag.start = event->scenePos();
  const std::vector<std::string> ids = selectedPopulations();
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
    if (item->type() == PopulationItem::Type)
      if (PortItem* port = static_cast<PopulationItem*>(item)->inPort()) return port;
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
