#include "ProjectionItem.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

#include "NodeItem.h"
#include "PortItem.h"
#include "document/ValueText.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {
constexpr double kHeadSize = 9.0;
}

ProjectionItem::ProjectionItem(const ProjectionSpec& spec) : spec_(spec) {
  setFlags(ItemIsSelectable);
  setAcceptHoverEvents(true);
  setZValue(-1);  // under the nodes
  updateToolTip();
}

QString ProjectionItem::summary(const ProjectionSpec& spec, bool fromCurrentSource,
                                const QString& weightUnit) {
  const ConnectorSpec& c = spec.connector;
  QString connector;
  switch (c.type) {
    case ConnectorSpec::Type::AllToAll:
      connector = QObject::tr("all to all");
      break;
    case ConnectorSpec::Type::OneToOne:
      connector = QObject::tr("one to one");
      break;
    case ConnectorSpec::Type::Random:
      connector = "p = " + formatNumber(c.p);
      break;
    case ConnectorSpec::Type::FixedInDegree:
      connector = QObject::tr("%1 in").arg(c.n);
      break;
    case ConnectorSpec::Type::FromList:
      connector = QObject::tr("%1 listed").arg(c.list.size());
      break;
    case ConnectorSpec::Type::Conv2d:
      connector = c.kernelShape.size() == 4
                      ? QObject::tr("conv %1×%2").arg(c.kernelShape[2]).arg(c.kernelShape[3])
                      : QObject::tr("conv");
      break;
    case ConnectorSpec::Type::AvgPool2d:
      connector = QObject::tr("avg pool %1×%2").arg(c.windowH).arg(c.windowW);
      break;
  }
  const QString weight = formatValue(spec.weight);
  return connector + "  ·  " + (fromCurrentSource ? "× " + weight : weight + " " + weightUnit);
}

void ProjectionItem::setSpec(const ProjectionSpec& spec, bool fromCurrentSource,
                             const QString& weightUnit) {
  spec_ = spec;
  fromCurrentSource_ = fromCurrentSource;
  weightUnit_ = weightUnit;
  updateToolTip();
  update();
}

void ProjectionItem::setProblems(const QStringList& problems) {
  if (problems_ == problems) return;
  problems_ = problems;
  updateToolTip();
  update();
}

void ProjectionItem::updateToolTip() {
  QString tip =
      QStringLiteral("<b>%1</b>: %2 &rarr; %3<br>%4, %5 receptor")
          .arg(toQ(spec_.id).toHtmlEscaped(), toQ(spec_.pre).toHtmlEscaped(),
               toQ(spec_.post).toHtmlEscaped(), summary(spec_, fromCurrentSource_, weightUnit_),
               spec_.receptor == Receptor::Excitatory ? QObject::tr("excitatory")
                                                      : QObject::tr("inhibitory"));
  for (const QString& p : problems_)
    tip += "<br><span style='color:#d32f2f'>&#9888; " + p.toHtmlEscaped() + "</span>";
  setToolTip(tip);
}

void ProjectionItem::setEndpoints(const NodeItem* pre, const NodeItem* post) {
  prepareGeometryChange();
  path_ = QPainterPath();
  // A projection with one end missing (a file naming no such node) is drawn as a stub from the
  // end that exists — red with its problem — so it can be selected and its end chosen again.
  setVisible(pre || post);
  if (!pre && !post) return;
  constexpr double kStub = 110.0;
  const auto inPortOf = [](const NodeItem* n) {
    return n->inPort() ? n->inPort()->scenePos()
                       : n->scenePos() + QPointF(0, NodeItem::kHeight / 2);
  };
  const QPointF p0 = pre ? pre->outPort()->scenePos() : inPortOf(post) - QPointF(kStub, 0);
  const QPointF p3 = post ? inPortOf(post) : p0 + QPointF(kStub, 0);
  QPointF c1, c2;
  if (pre == post) {  // a loop over the node
    c1 = p0 + QPointF(70, -95);
    c2 = p3 + QPointF(-70, -95);
  } else if (p3.x() >= p0.x() + 30) {
    const double dx = std::max(40.0, (p3.x() - p0.x()) / 2);
    c1 = p0 + QPointF(dx, 0);
    c2 = p3 - QPointF(dx, 0);
  } else {  // backwards: swing below the nodes rather than through them
    const double dy = std::max(120.0, std::abs(p3.y() - p0.y()) / 2 + 60);
    c1 = p0 + QPointF(90, dy);
    c2 = p3 + QPointF(-90, dy);
  }
  path_.moveTo(p0);
  path_.cubicTo(c1, c2, p3);
  const QPointF d = p3 - path_.pointAtPercent(0.97);
  const double len = std::hypot(d.x(), d.y());
  headDirection_ = len > 0 ? d / len : QPointF(1, 0);
  head_ = p3;
  labelAt_ = path_.pointAtPercent(0.5);
  chord_ = pre == post ? 1e9 : std::hypot(p3.x() - p0.x(), p3.y() - p0.y());
}

QRectF ProjectionItem::boundingRect() const {
  return path_.boundingRect().adjusted(-80, -70, 80, 20);  // the head and the label (maybe above)
}

QPainterPath ProjectionItem::shape() const {
  QPainterPathStroker stroker;
  stroker.setWidth(10);  // easy to click
  return stroker.createStroke(path_);
}

QColor ProjectionItem::inkColor(const QPalette& palette) const {
  if (!problems_.isEmpty()) return problemColor(palette);
  if (fromCurrentSource_) return QColor(0xe0, 0x8a, 0x1e);
  return spec_.receptor == Receptor::Excitatory ? QColor(0x2e, 0x9e, 0x6b)
                                                : QColor(0xd9, 0x53, 0x4f);
}

void ProjectionItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
                           QWidget* widget) {
  if (path_.isEmpty()) return;
  const QPalette pal = widget ? widget->palette() : QApplication::palette();
  const bool selected = option->state & QStyle::State_Selected;
  const bool hovered = option->state & QStyle::State_MouseOver;
  const QColor ink = inkColor(pal);
  painter->setRenderHint(QPainter::Antialiasing);
  if (selected) {
    QColor glow = pal.color(QPalette::Highlight);
    glow.setAlpha(110);
    painter->setPen(QPen(glow, 7, Qt::SolidLine, Qt::RoundCap));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path_);
  }
  QPen pen(ink, hovered || selected ? 2.4 : 1.8, fromCurrentSource_ ? Qt::DashLine : Qt::SolidLine,
           Qt::RoundCap);
  painter->setPen(pen);
  painter->setBrush(Qt::NoBrush);
  painter->drawPath(path_);

  painter->setPen(Qt::NoPen);
  painter->setBrush(ink);
  const QPointF n(-headDirection_.y(), headDirection_.x());
  if (spec_.receptor == Receptor::Inhibitory && !fromCurrentSource_) {
    painter->drawEllipse(head_ - headDirection_ * 5.0, 4.5, 4.5);
  } else {
    const QPointF tip = head_ - headDirection_ * 6.0;  // stop short of the port
    const QPointF base = tip - headDirection_ * kHeadSize;
    painter->drawPolygon(
        QPolygonF{tip, base + n * (kHeadSize * 0.5), base - n * (kHeadSize * 0.5)});
  }

  QFont font = painter->font();
  font.setPointSizeF(font.pointSizeF() * 0.82);
  painter->setFont(font);
  const QString text = summary(spec_, fromCurrentSource_, weightUnit_);
  const QRectF box = QRectF(painter->fontMetrics().boundingRect(text)).adjusted(-5, -1, 5, 1);
  QRectF at = box.translated(labelAt_ - box.center());
  if (chord_ < box.width() + 24)  // a short edge: the label goes above the two nodes
    at.translate(0, -(NodeItem::kHeight / 2 + box.height() / 2 + 6));
  QColor back = pal.color(QPalette::Window);
  back.setAlpha(225);
  painter->setBrush(back);
  painter->setPen(QPen(ink, 0.8));
  painter->drawRoundedRect(at, 4, 4);
  painter->setPen(pal.color(QPalette::Text));
  painter->drawText(at, Qt::AlignCenter, text);
}

}  // namespace snn::gui
