#pragma once

#include <QIcon>
#include <QPalette>
#include <QString>

class QApplication;

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

}  // namespace snn::gui
