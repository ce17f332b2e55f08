#pragma once

#include <QIcon>
#include <QPalette>
#include <QString>

class QApplication;
class QLabel;
class QWidget;

namespace snn::gui {

// The application's look: the Fusion style with a light or a dark palette.
enum class ThemeKind { Light, Dark };

void applyTheme(QApplication& app, ThemeKind kind);
QPalette themePalette(ThemeKind kind);
// Whether a palette is dark (the plots and canvas pick their ink from it).
bool isDark(const QPalette& palette);

// An icon of resources/icons (":/icons/NAME.svg"), crisp at every device pixel ratio.
QIcon themeIcon(const QString& name);

// The colours of the red outline and text that mark a problem.
QColor problemColor(const QPalette& palette);

// The heading of an inspector page: a quarter larger than the text, bold, selectable.
QLabel* headingLabel(const QString& text, QWidget* parent);

}  // namespace snn::gui
