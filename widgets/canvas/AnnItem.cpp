#include "AnnItem.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "util/QtText.h"

namespace snn::gui {

namespace {

int64_t weightCount(const AnnSpec& ann) {
  int64_t n = 0;
  for (const AnnLayerSpec& l : ann.layers)
    n += static_cast<int64_t>(l.weight.values.size() + l.bias.values.size());
  return n;
}

}  // namespace

void AnnItem::refresh(const Project& project) {
  const AnnNodeSpec* node = project.network.findAnn(id());
  if (!node) return;
  const AnnSpec& ann = node->ann;
  std::vector<AnnShape> shapes;
  try {
    shapes = inferAnnShapes(ann);
  } catch (const SpecError&) {
    // Shown as "?" below; the problems reach the card's outline through validation.
  }
  QStringList lines;
  for (size_t i = 0; i < ann.layers.size(); ++i) {
    const AnnLayerSpec& l = ann.layers[i];
    const QString shape = i < shapes.size() ? toQ(shapes[i].toString()) : QStringLiteral("?");
    QString line = QStringLiteral("%1 %2").arg(toQ(std::string(annLayerTypeName(l.type))), shape);
    if (l.type == AnnLayerType::Qcfs) line += QStringLiteral("  L=%1").arg(l.levels);
    lines << line;
  }
  const int64_t weights = weightCount(ann);
  const QString out = shapes.empty() ? QStringLiteral("?") : toQ(shapes.back().toString());
  const QString detail =
      QStringLiteral("ANN  ·  %1 → %2").arg(toQ(ann.input.toString()), out) +
      (weights > 0 ? QObject::tr("  ·  %L1 weights").arg(weights) : QObject::tr("  ·  untrained"));
  QString description = QObject::tr("ANN of %1 layers on %2 input")
                            .arg(ann.layers.size())
                            .arg(toQ(ann.input.toString()));
  if (!ann.mean.empty()) description += QObject::tr(", normalised by mean and std");
  prepareGeometryChange();
  layerLines_ = lines;
  setContent(detail, description, false, false);
}

QRectF AnnItem::boundingRect() const {
  return NodeItem::boundingRect().adjusted(0, 0, 0, layerLines_.size() * kLineHeight + 8);
}

void AnnItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) {
  NodeItem::paint(painter, option, widget);
  if (layerLines_.isEmpty()) return;
  const QPalette pal = widget ? widget->palette() : QApplication::palette();
  const QRectF stack(10, kHeight + 2, kWidth - 20, layerLines_.size() * kLineHeight + 4);
  painter->setPen(QPen(pal.color(QPalette::Mid), 1.0));
  painter->setBrush(pal.color(QPalette::AlternateBase));
  painter->drawRoundedRect(stack, 4, 4);
  QFont font = painter->font();
  font.setBold(false);
  font.setPointSizeF(font.pointSizeF() * 0.85);
  painter->setFont(font);
  painter->setPen(pal.color(QPalette::Text));
  for (int i = 0; i < layerLines_.size(); ++i) {
    const QRectF line(stack.left() + 6, stack.top() + 2 + i * kLineHeight, stack.width() - 12,
                      kLineHeight);
    painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                      painter->fontMetrics().elidedText(layerLines_[i], Qt::ElideRight,
                                                        static_cast<int>(line.width())));
  }
}

}  // namespace snn::gui
