#include "PlotExport.h"

#include <qcustomplot.h>
#include <QBuffer>
#include <QFileInfo>
#include <QObject>
#include <QPdfWriter>
#include <QSvgGenerator>

#include "files/AtomicImageWrite.h"

namespace snn::gui {

namespace {

// Each format is drawn into memory, then written in one atomic step (a kill or a full disk
// leaves the previous file, never half a picture).

QByteArray pngBytes(QCustomPlot* plot) {
  // Twice the screen resolution, as QCustomPlot::savePng(path, 0, 0, 2.0) draws it.
  const QImage image = plot->toPixmap(0, 0, 2.0).toImage();
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  return image.save(&buffer, "PNG") ? bytes : QByteArray();
}

QByteArray svgBytes(QCustomPlot* plot) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator svg;
  svg.setOutputDevice(&buffer);
  svg.setSize(plot->size());
  svg.setViewBox(QRect(QPoint(0, 0), plot->size()));
  svg.setTitle(plot->windowTitle().isEmpty() ? QStringLiteral("SNN Workbench plot")
                                             : plot->windowTitle());
  svg.setDescription(QStringLiteral("Exported by SNN Workbench"));
  QCPPainter painter;
  if (!painter.begin(&svg)) return {};
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);
  plot->toPainter(&painter, plot->width(), plot->height());
  painter.end();
  return bytes;
}

QByteArray pdfBytes(QCustomPlot* plot) {
  // As QCustomPlot::savePdf: one page the size of the plot in points, no margins, cosmetic pens
  // made non-cosmetic so lines keep their width when zoomed.
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QPdfWriter pdf(&buffer);
  pdf.setCreator(QStringLiteral("SNN Workbench"));
  pdf.setTitle(plot->windowTitle());
  pdf.setPageLayout(
      QPageLayout(QPageSize(plot->size(), QPageSize::Point, QString(), QPageSize::ExactMatch),
                  QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
  QCPPainter painter;
  if (!painter.begin(&pdf)) return {};
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);
  painter.setMode(QCPPainter::pmNonCosmetic);
  painter.setWindow(QRect(QPoint(0, 0), plot->size()));
  plot->toPainter(&painter, plot->width(), plot->height());
  painter.end();
  return bytes;
}

}  // namespace

QString exportPlot(QCustomPlot* plot, const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  QByteArray bytes;
  if (suffix == "png")
    bytes = pngBytes(plot);
  else if (suffix == "pdf")
    bytes = pdfBytes(plot);
  else if (suffix == "svg")
    bytes = svgBytes(plot);
  else
    return QObject::tr("unknown format '%1' (use .png, .svg or .pdf)").arg(suffix);
  if (bytes.isEmpty())
    return QObject::tr("cannot write '%1': the plot could not be drawn").arg(path);
  return writeFileAtomically(path, bytes);
}

}  // namespace snn::gui
