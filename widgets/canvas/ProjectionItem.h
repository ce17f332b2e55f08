#pragma once

#include <QGraphicsItem>
#include <QPainterPath>
#include <QStringList>

#include "model/NetworkSpec.h"

namespace snn::gui {

class NodeItem;

// A projection on the canvas: a curve from the source's output port to the target's input port,
// green with an arrow head when excitatory, red with a round head when inhibitory, dashed from
// a current source; a small label gives the connector and the weight.
class ProjectionItem : public QGraphicsItem {
 public:
  enum { Type = UserType + 2 };

  explicit ProjectionItem(const ProjectionSpec& spec);
  int type() const override { return Type; }
  const std::string& id() const { return spec_.id; }
  const ProjectionSpec& spec() const { return spec_; }

  // `weightUnit`: the unit the target takes synaptic input in (weightUnitOf in NetworkScene).
  void setSpec(const ProjectionSpec& spec, bool fromCurrentSource,
               const QString& weightUnit = QStringLiteral("nA"));
  void setProblems(const QStringList& problems);
  const QStringList& problems() const { return problems_; }
  // Follows the nodes' ports; call when either node moves. Hidden when an end is missing.
  void setEndpoints(const NodeItem* pre, const NodeItem* post);

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  // The label text, e.g. "p = 0.02 · 0.081 nA".
  static QString summary(const ProjectionSpec& spec, bool fromCurrentSource,
                         const QString& weightUnit = QStringLiteral("nA"));
  QString label() const { return summary(spec_, fromCurrentSource_, weightUnit_); }

 private:
  void updateToolTip();
  QColor inkColor(const QPalette& palette) const;

  ProjectionSpec spec_;
  bool fromCurrentSource_ = false;
  QString weightUnit_ = QStringLiteral("nA");
  QStringList problems_;
  QPainterPath path_;
  QPointF head_;
  QPointF headDirection_;
  QPointF labelAt_;
  double chord_ = 0.0;  // straight distance between the ports
};

}  // namespace snn::gui
