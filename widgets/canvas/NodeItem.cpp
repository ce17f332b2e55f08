#include "NodeItem.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "PortItem.h"
#include "style/PopulationColors.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

NodeItem::NodeItem(ObjectKind kind, std::string id) : kind_(kind), id_(std::move(id)) {
  setFlags(ItemIsSelectable | ItemIsFocusable);
  setAcceptHoverEvents(true);
}

void NodeItem::setId(std::string id) {
  id_ = std::move(id);
  updateToolTip();
  update();
}

void NodeItem::setContent(const QString& detail, const QString& description, bool takesInput,
                          bool givesOutput) {
  detail_ = detail;
  description_ = description;
  if (takesInput && !in_) {
    in_ = new PortItem(PortItem::Kind::In, this);
    in_->setPos(0, kHeight / 2);
  } else if (!takesInput && in_) {
    delete in_;
    in_ = nullptr;
  }
  if (givesOutput && !out_) {
    out_ = new PortItem(PortItem::Kind::Out, this);
    out_->setPos(kWidth, kHeight / 2);
  } else if (!givesOutput && out_) {
    delete out_;
    out_ = nullptr;
  }
  updateToolTip();
  update();
}

void NodeItem::setColorIndex(int index) {
  if (colorIndex_ == index) return;
  colorIndex_ = index;
  update();
}

void NodeItem::setProblems(const QStringList& problems) {
  if (problems_ == problems) return;
  problems_ = problems;
  updateToolTip();
  update();
}

void NodeItem::updateToolTip() {
  QString tip = QStringLiteral("<b>%1</b>").arg(toQ(id_).toHtmlEscaped());
  if (!description_.isEmpty()) tip += "<br>" + description_;
  for (const QString& p : problems_)
    tip += "<br><span style='color:#d32f2f'>&#9888; " + p.toHtmlEscaped() + "</span>";
  setToolTip(tip);
}

QRectF NodeItem::boundingRect() const {
  return QRectF(-3, -3, kWidth + 8, kHeight + 9);  // outline and shadow
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) {
  const QPalette pal = widget ? widget->palette() : QApplication::palette();
  const bool selected = option->state & QStyle::State_Selected;
  const bool hovered = option->state & QStyle::State_MouseOver;
  const QRectF body(0, 0, kWidth, kHeight);
  painter->setRenderHint(QPainter::Antialiasing);

  QColor shadow = Qt::black;
  shadow.setAlpha(isDark(pal) ? 90 : 35);
  painter->setPen(Qt::NoPen);
  painter->setBrush(shadow);
  painter->drawRoundedRect(body.translated(1.5, 2.5), 7, 7);

  // Light: white cards on a light grey canvas; dark: raised grey cards on a near-black one.
  painter->setBrush(isDark(pal) ? pal.color(QPalette::Button) : pal.color(QPalette::Base));
  QColor border = hovered ? pal.color(QPalette::Highlight).lighter(130) : pal.color(QPalette::Mid);
  double width = 1.0;
  if (selected) border = pal.color(QPalette::Highlight), width = 2.0;
  if (!problems_.isEmpty()) border = problemColor(pal), width = 2.5;
  painter->setPen(QPen(border, width));
  painter->drawRoundedRect(body, 7, 7);

  // The stripe in the node's plot colour ties it to its raster band.
  QPainterPath stripe;
  stripe.addRoundedRect(QRectF(0, 0, 14, kHeight), 7, 7);
  QPainterPath clip;
  clip.addRect(QRectF(0, 0, 7, kHeight));
  painter->setPen(Qt::NoPen);
  painter->setBrush(populationColor(colorIndex_));
  painter->drawPath(stripe.intersected(clip));

  QFont title = painter->font();
  title.setBold(true);
  title.setPointSizeF(title.pointSizeF() * 1.05);
  painter->setFont(title);
  painter->setPen(pal.color(QPalette::Text));
  const QRectF textArea(18, 8, kWidth - 26, 20);
  painter->drawText(textArea, Qt::AlignLeft | Qt::AlignVCenter,
                    painter->fontMetrics().elidedText(toQ(id_), Qt::ElideRight,
                                                      static_cast<int>(textArea.width())));

  QFont detail = painter->font();
  detail.setBold(false);
  detail.setPointSizeF(title.pointSizeF() * 0.85);
  painter->setFont(detail);
  painter->setPen(pal.color(QPalette::PlaceholderText));
  const QRectF lineArea(18, 32, kWidth - 26, 20);
  painter->drawText(lineArea, Qt::AlignLeft | Qt::AlignVCenter,
                    painter->fontMetrics().elidedText(detail_, Qt::ElideRight,
                                                      static_cast<int>(lineArea.width())));
  if (!problems_.isEmpty()) {
    painter->setPen(problemColor(pal));
    painter->setFont(title);
    painter->drawText(QRectF(kWidth - 24, 6, 18, 20), Qt::AlignCenter, QStringLiteral("!"));
  }
}

}  // namespace snn::gui
