#include "Theme.h"

#include <QApplication>
#include <QLabel>
#include <QStyle>
#include <QStyleFactory>

// The icons live in a static library's resource file: register them before the first use
// (outside any namespace, as Q_INIT_RESOURCE requires).
static void registerIconResources() {
  Q_INIT_RESOURCE(icons);
}

namespace snn::gui {

QPalette themePalette(ThemeKind kind) {
  QStyle* fusion = QStyleFactory::create("Fusion");
  QPalette p = fusion ? fusion->standardPalette() : QPalette();
  delete fusion;
  if (kind == ThemeKind::Light) {
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb3));
    p.setColor(QPalette::Link, QColor(0x2f, 0x6f, 0xb3));
    return p;
  }
  const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x21, 0x24), text(0xe4, 0xe6, 0xea);
  const QColor disabled(0x80, 0x84, 0x8a), highlight(0x3d, 0x7e, 0xc6);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window.lighter(110));
  p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, disabled);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window.lighter(115));
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
  p.setColor(QPalette::Light, window.lighter(160));
  p.setColor(QPalette::Midlight, window.lighter(130));
  p.setColor(QPalette::Mid, window.darker(120));
  p.setColor(QPalette::Dark, window.darker(160));
  p.setColor(QPalette::Shadow, Qt::black);
  p.setColor(QPalette::Highlight, highlight);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, highlight.lighter(130));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, disabled);
  p.setColor(QPalette::Disabled, QPalette::Base, window);
  return p;
}

void applyTheme(QApplication& app, ThemeKind kind) {
  app.setStyle(QStyleFactory::create("Fusion"));
  app.setPalette(themePalette(kind));
}

bool isDark(const QPalette& palette) {
  return palette.color(QPalette::Window).lightness() < 128;
}

QIcon themeIcon(const QString& name) {
  static const bool registered = (registerIconResources(), true);
  Q_UNUSED(registered);
  return QIcon(":/icons/" + name + ".svg");
}

QColor problemColor(const QPalette& palette) {
  return isDark(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd3, 0x2f, 0x2f);
}

QLabel* headingLabel(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  QFont big = label->font();
  big.setPointSizeF(big.pointSizeF() * 1.25);
  big.setBold(true);
  label->setFont(big);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

}  // namespace snn::gui
