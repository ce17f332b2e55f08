#pragma once

#include <QString>

class QCustomPlot;

namespace snn::gui {

// Writes a plot as an image or a document; the format comes from the file name's suffix: .png
// (at twice the screen resolution), .svg or .pdf (vector where the plot allows). Returns the
// reason on failure, an empty string on success.
QString exportPlot(QCustomPlot* plot, const QString& path);

}  // namespace snn::gui
