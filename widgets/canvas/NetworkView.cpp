#include "NetworkView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QMenu>
#include <QMimeData>
#include <QScrollBar>
#include <QUndoStack>
#include <QWheelEvent>
#include <cmath>

#include "ModelPalette.h"
#include "NetworkScene.h"
#include "NodeItem.h"
#include "commands/AddRemovePopulation.h"
#include "commands/CompoundEdits.h"
#include "commands/CrossbarCommands.h"
#include "commands/PasteObjects.h"
#include "document/NetworkDocument.h"
#include "document/ProjectFragment.h"
#include "io/ProjectJson.h"
#include "sim/NeuronModelRegistry.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {
constexpr double kMinZoom = 0.15;
constexpr double kMaxZoom = 4.0;
}  // namespace

NetworkView::NetworkView(NetworkScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent), scene_(scene) {
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                 QPainter::SmoothPixmapTransform);
  setDragMode(RubberBandDrag);
  setRubberBandSelectionMode(Qt::IntersectsItemShape);
  setTransformationAnchor(AnchorUnderMouse);
  setViewportUpdateMode(SmartViewportUpdate);
  setAcceptDrops(true);
  setFrameShape(QFrame::NoFrame);
  setFocusPolicy(Qt::StrongFocus);
  createActions();
  connect(scene_, &QGraphicsScene::selectionChanged, this, &NetworkView::updateActions);
  connect(QApplication::clipboard(), &QClipboard::dataChanged, this, &NetworkView::updateActions);
  updateActions();
}

void NetworkView::createActions() {
  // Editing shortcuts act on the canvas when it has the focus; elsewhere (a text field, the
  // Problems list) the same keys keep their own meaning.
  auto make = [this](const QString& text, const QString& icon, QKeySequence key) {
    auto* a = new QAction(themeIcon(icon), text, this);
    a->setShortcut(key);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(a);
    return a;
  };
  copy_ = make(tr("&Copy"), "edit-copy", QKeySequence::Copy);
  cut_ = make(tr("Cu&t"), "edit-cut", QKeySequence::Cut);
  paste_ = make(tr("&Paste"), "edit-paste", QKeySequence::Paste);
  delete_ = make(tr("&Delete"), "edit-delete", QKeySequence::Delete);
  selectAll_ = make(tr("Select &All"), "select-all", QKeySequence::SelectAll);
  zoomIn_ = make(tr("Zoom &In"), "zoom-in", QKeySequence::ZoomIn);
  zoomOut_ = make(tr("Zoom &Out"), "zoom-out", QKeySequence::ZoomOut);
  fit_ = make(tr("&Fit Network in View"), "zoom-fit", QKeySequence(tr("Ctrl+0")));
  for (QAction* a : {zoomIn_, zoomOut_, fit_}) a->setShortcutContext(Qt::WindowShortcut);
  copy_->setStatusTip(tr("Copy the selected populations and the projections among them"));
  delete_->setStatusTip(tr("Delete the selection (projections to deleted populations go too)"));
  fit_->setStatusTip(tr("Zoom so the whole network is in view"));
  connect(copy_, &QAction::triggered, this, &NetworkView::copySelection);
  connect(cut_, &QAction::triggered, this, [this] {
    copySelection();
    deleteSelection();
  });
  connect(paste_, &QAction::triggered, this, &NetworkView::paste);
  connect(delete_, &QAction::triggered, this, &NetworkView::deleteSelection);
  connect(selectAll_, &QAction::triggered, this, [this] {
    for (QGraphicsItem* item : scene_->items())
      if (item->flags() & QGraphicsItem::ItemIsSelectable) item->setSelected(true);
  });
  connect(zoomIn_, &QAction::triggered, this, [this] { zoomBy(1.25); });
  connect(zoomOut_, &QAction::triggered, this, [this] { zoomBy(1 / 1.25); });
  connect(fit_, &QAction::triggered, this, &NetworkView::fitToView);
}

void NetworkView::updateActions() {
  const bool anyPopulation = !scene_->selectedPopulations().empty();
  copy_->setEnabled(anyPopulation);
  cut_->setEnabled(anyPopulation);
  delete_->setEnabled(anyPopulation || !scene_->selectedProjections().empty());
  const QMimeData* data = QApplication::clipboard()->mimeData();
  paste_->setEnabled(data && data->hasFormat(kFragmentMimeType));
}

double NetworkView::zoom() const {
  return transform().m11();
}

void NetworkView::zoomBy(double factor) {
  userPlaced_ = true;
  const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
  scale(target / zoom(), target / zoom());
}

void NetworkView::resizeEvent(QResizeEvent* event) {
  QGraphicsView::resizeEvent(event);
  if (!userPlaced_) {
    fitToView();
    userPlaced_ = false;
  }
}

void NetworkView::fitToView() {
  userPlaced_ = false;
  const QRectF r = scene_->networkRect();
  if (r.isEmpty()) {
    resetTransform();
    centerOn(0, 0);
    return;
  }
  fitInView(r.adjusted(-40, -40, 40, 40), Qt::KeepAspectRatio);
  if (zoom() > 1.25) {  // a small network stays at a readable size, centred
    const double s = 1.25 / zoom();
    scale(s, s);
  }
  centerOn(r.center());
}

void NetworkView::wheelEvent(QWheelEvent* event) {
  if (event->modifiers() & Qt::ShiftModifier) {  // scroll sideways
    QGraphicsView::wheelEvent(event);
    return;
  }
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0) return;
  zoomBy(std::pow(1.15, steps));
  event->accept();
}

void NetworkView::mousePressEvent(QMouseEvent* event) {
  const bool pan = event->button() == Qt::MiddleButton ||
                   (event->button() == Qt::LeftButton && (event->modifiers() & Qt::AltModifier));
  if (pan) {
    panning_ = true;
    userPlaced_ = true;
    panFrom_ = event->position().toPoint();
    viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
    return;
  }
  QGraphicsView::mousePressEvent(event);
}

void NetworkView::mouseMoveEvent(QMouseEvent* event) {
  if (panning_) {
    const QPoint delta = event->position().toPoint() - panFrom_;
    panFrom_ = event->position().toPoint();
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    event->accept();
    return;
  }
  QGraphicsView::mouseMoveEvent(event);
}

void NetworkView::mouseReleaseEvent(QMouseEvent* event) {
  if (panning_) {
    panning_ = false;
    viewport()->unsetCursor();
    event->accept();
    return;
  }
  QGraphicsView::mouseReleaseEvent(event);
}

void NetworkView::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasFormat(ModelPalette::kMimeType))
    event->acceptProposedAction();
  else
    event->ignore();
}

void NetworkView::dragMoveEvent(QDragMoveEvent* event) {
  if (event->mimeData()->hasFormat(ModelPalette::kMimeType))
    event->acceptProposedAction();
  else
    event->ignore();
}

void NetworkView::dropEvent(QDropEvent* event) {
  const QString model = QString::fromUtf8(event->mimeData()->data(ModelPalette::kMimeType));
  if (model.isEmpty()) {
    event->ignore();
    return;
  }
  placeDropped_ = true;
  addPopulationAt(model, mapToScene(event->position().toPoint()));
  placeDropped_ = false;
  event->acceptProposedAction();
  setFocus();
}

void NetworkView::addPopulationAt(const QString& model, const QPointF& scenePos) {
  if (model == QLatin1String(ModelPalette::kCrossbarEntry)) return addCrossbarAt(scenePos);
  if (!NeuronModelRegistry::instance().find(toStd(model))) return;
  NetworkDocument* doc = scene_->document();
  PopulationSpec spec = defaultPopulation(doc->project(), toStd(model));
  const std::string id = spec.id;
  // The node's centre lands where it was dropped.
  const NodePosition at{std::round(scenePos.x() - NodeItem::kWidth / 2),
                        std::round(scenePos.y() - NodeItem::kHeight / 2)};
  doc->undoStack()->push(new AddPopulation(doc, std::move(spec), at));
  scene_->selectObject(id);
}

void NetworkView::addCrossbarAt(const QPointF& scenePos) {
  NetworkDocument* doc = scene_->document();
  const std::vector<std::string> selected = scene_->selectedProjections();
  const std::string projection =
      projectionToCarry(doc->project(), selected.empty() ? std::string() : selected.front());
  // Dropped: where it was dropped; added by a double click: under the projection it carries.
  std::optional<NodePosition> at = NodePosition{std::round(scenePos.x() - NodeItem::kWidth / 2),
                                                std::round(scenePos.y() - NodeItem::kHeight / 2)};
  if (const ProjectionSpec* p = doc->project().network.findProjection(projection);
      p && !placeDropped_)
    at = crossbarPlace(scene_->nodePosition(p->pre), scene_->nodePosition(p->post));
  scene_->selectObject(addCrossbarFor(*doc, projection, at));
}

void NetworkView::copySelection() {
  const std::vector<std::string> ids = scene_->selectedPopulations();
  if (ids.empty()) return;
  const Project& project = scene_->document()->project();
  const Project fragment = copyFragment(project, ids, scene_->nodePositions(ids));
  auto* data = new QMimeData;
  const QByteArray json = QByteArray::fromStdString(serializeProject(fragment));
  data->setData(kFragmentMimeType, json);
  data->setText(QString::fromUtf8(json));
  QApplication::clipboard()->setMimeData(data);
  pasteCount_ = 0;
}

void NetworkView::paste() {
  const QMimeData* data = QApplication::clipboard()->mimeData();
  if (!data || !data->hasFormat(kFragmentMimeType)) return;
  ProjectParseResult parsed = parseProject(data->data(kFragmentMimeType).toStdString());
  if (!parsed.ok() || parsed.project.network.populations.empty()) return;
  NetworkDocument* doc = scene_->document();
  const double offset = 40.0 * ++pasteCount_;
  Project fragment = prepareForPaste(doc->project(), std::move(parsed.project), offset, offset);
  std::vector<std::string> ids;
  for (const PopulationSpec& p : fragment.network.populations) ids.push_back(p.id);
  doc->undoStack()->push(new PasteObjects(doc, std::move(fragment)));
  scene_->clearSelection();
  for (const std::string& id : ids)
    if (QGraphicsItem* item = scene_->nodeItem(id)) item->setSelected(true);
}

void NetworkView::deleteSelection() {
  std::vector<std::string> crossbars;
  for (const std::string& id : scene_->selectedNodes())
    if (scene_->document()->project().network.findCrossbar(id)) crossbars.push_back(id);
  if (crossbars.empty()) {
    deleteObjects(*scene_->document(), scene_->selectedPopulations(),
                  scene_->selectedProjections());
    return;
  }
  QUndoStack* stack = scene_->document()->undoStack();
  stack->beginMacro(tr("Delete"));
  deleteObjects(*scene_->document(), scene_->selectedPopulations(), scene_->selectedProjections());
  removeCrossbars(*scene_->document(), crossbars);
  stack->endMacro();
}

void NetworkView::contextMenuEvent(QContextMenuEvent* event) {
  QGraphicsItem* item = itemAt(event->pos());
  if (item && !item->isSelected()) {
    scene_->clearSelection();
    item->setSelected(true);
  }
  QMenu menu(this);
  if (!item) {
    QMenu* add = menu.addMenu(themeIcon("list-add"), tr("Add Population"));
    const QPointF at = mapToScene(event->pos());
    for (const NeuronModelEntry& e : NeuronModelRegistry::instance().entries()) {
      const QString model = toQ(e.info->name);
      add->addAction(toQ(e.info->displayName), this,
                     [this, model, at] { addPopulationAt(model, at); });
    }
    menu.addSeparator();
  }
  const auto pops = scene_->selectedPopulations();
  if (item && pops.size() == 1) {
    const PopulationSpec* pop = scene_->document()->project().network.findPopulation(pops[0]);
    if (pop && pop->shape) {
      const QString id = toQ(pop->id);
      menu.addAction(tr("Show Feature Maps"), this,
                     [this, id] { Q_EMIT featureMapsRequested(id); });
      menu.addSeparator();
    }
  }
  menu.addAction(copy_);
  menu.addAction(cut_);
  menu.addAction(paste_);
  menu.addAction(delete_);
  menu.addSeparator();
  menu.addAction(fit_);
  menu.exec(event->globalPos());
}

}  // namespace snn::gui
