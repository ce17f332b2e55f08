#include "PortItem.h"

#include <QApplication>
#include <QCursor>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QPalette>
#include <QWidget>

#include "NetworkScene.h"
#include "NodeItem.h"

namespace snn::gui {

namespace {
constexpr double kRadius = 6.0;
}

PortItem::PortItem(Kind kind, NodeItem* node)
    : QGraphicsEllipseItem(-kRadius, -kRadius, 2 * kRadius, 2 * kRadius, node),
      kind_(kind),
      node_(node) {
  setAcceptHoverEvents(true);
  setCursor(QCursor(kind == Kind::Out ? Qt::CrossCursor : Qt::ArrowCursor));
  setToolTip(kind == Kind::Out ? QObject::tr("Drag to an input port to connect")
                               : QObject::tr("Input: drop a connection here"));
  setZValue(1);
}

void PortItem::setHighlighted(bool on) {
  if (highlighted_ == on) return;
  highlighted_ = on;
  update();
}

void PortItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget* widget) {
  const QPalette pal = widget ? widget->palette() : QApplication::palette();
  const bool lit = hovered_ || highlighted_;
  painter->setRenderHint(QPainter::Antialiasing);
  painter->setPen(QPen(lit ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), 1.5));
  painter->setBrush(lit ? pal.color(QPalette::Highlight) : pal.color(QPalette::Base));
  const double r = lit ? kRadius : kRadius - 1.0;
  painter->drawEllipse(QPointF(0, 0), r, r);
}

void PortItem::hoverEnterEvent(QGraphicsSceneHoverEvent*) {
  hovered_ = true;
  update();
}

void PortItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) {
  hovered_ = false;
  update();
}

void PortItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  if (kind_ != Kind::Out || event->button() != Qt::LeftButton) {
    event->ignore();
    return;
  }
  if (auto* s = qobject_cast<NetworkScene*>(scene())) s->beginConnection(this);
  event->accept();  // the port grabs the mouse until release
}

void PortItem::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
  if (auto* s = qobject_cast<NetworkScene*>(scene())) s->updateConnection(event->scenePos());
}

void PortItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
  if (auto* s = qobject_cast<NetworkScene*>(scene())) s->finishConnection(event->scenePos());
}

}  // namespace snn::gui
