#include "CrossbarItem.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QWidget>

#include "model/DevicePresets.h"
#include "util/QtText.h"

namespace snn::gui {

void CrossbarItem::refresh(const Project& project) {
  const CrossbarSpec* spec = project.network.findCrossbar(id());
  if (!spec) return;
  carried_.clear();
  for (const ProjectionSpec& p : project.network.projections)
    if (p.crossbar == id()) carried_ = p.id;
  stuck_ = static_cast<int>(spec->stuckCells.size());
  const DevicePreset* preset = findDevicePreset(spec->device.preset);
  const QString device = preset
                             ? QString::fromUtf8(preset->displayName.data(),
                                                 static_cast<qsizetype>(preset->displayName.size()))
                             : toQ(spec->device.preset);
  QString description = QObject::tr("Memristor crossbar, %1 × %2 devices (%3)")
                            .arg(spec->rows)
                            .arg(spec->cols)
                            .arg(device.toHtmlEscaped());
  description += carried_.empty()
                     ? QObject::tr("<br>carries no projection")
                     : QObject::tr("<br>carries '%1'").arg(toQ(carried_).toHtmlEscaped());
  if (stuck_ > 0) description += QObject::tr("<br>%1 cells marked stuck").arg(stuck_);
  prepareGeometryChange();
  setContent(QStringLiteral("%1×%2  ·  %3").arg(spec->rows).arg(spec->cols).arg(device),
             description, false, false);
}

void CrossbarItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
                         QWidget* widget) {
  NodeItem::paint(painter, option, widget);
  // A 4 x 4 crossbar glyph in the top right corner: rows, columns and a dot per device.
  const QPalette pal = widget ? widget->palette() : QApplication::palette();
  const QRectF glyph(kWidth - 30, 8, 20, 20);
  painter->setRenderHint(QPainter::Antialiasing);
  QColor wire = pal.color(QPalette::PlaceholderText);
  painter->setPen(QPen(wire, 1.0));
  for (int k = 0; k < 4; ++k) {
    const double t = 2.5 + k * 5.0;
    painter->drawLine(QPointF(glyph.left(), glyph.top() + t),
                      QPointF(glyph.right(), glyph.top() + t));
    painter->drawLine(QPointF(glyph.left() + t, glyph.top()),
                      QPointF(glyph.left() + t, glyph.bottom()));
  }
  painter->setPen(Qt::NoPen);
  painter->setBrush(stuck_ > 0 ? QColor(211, 47, 47) : pal.color(QPalette::Highlight));
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c)
      painter->drawEllipse(QPointF(glyph.left() + 2.5 + c * 5.0, glyph.top() + 2.5 + r * 5.0), 1.3,
                           1.3);
}

}  // namespace snn::gui
