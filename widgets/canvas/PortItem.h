#pragma once

#include <QGraphicsEllipseItem>

namespace snn::gui {

class NodeItem;

// An input or output port on a node. Dragging from an output port to an input port
// creates a projection (the scene does the work; the port only starts and ends the drag).
class PortItem : public QGraphicsEllipseItem {
 public:
  enum class Kind { In, Out };
  enum { Type = UserType + 3 };

  PortItem(Kind kind, NodeItem* node);
  int type() const override { return Type; }
  Kind kind() const { return kind_; }
  NodeItem* node() const { return node_; }
  // Lit while a connection drag hovers over it.
  void setHighlighted(bool on);

 protected:
  void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
  void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  Kind kind_;
  NodeItem* node_;
  bool hovered_ = false;
  bool highlighted_ = false;
};

}  // namespace snn::gui
