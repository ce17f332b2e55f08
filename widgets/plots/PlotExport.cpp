#include "PlotExport.h"

#include <qcustomplot.h>
#include <QFileInfo>
#include <QObject>
#include <QSvgGenerator>

namespace snn::gui {

namespace {
QString exportSvg(QCustomPlot* plot, const QString& path) {
  QSvgGenerator svg;
  svg.setFileName(path);
  svg.setSize(plot->size());
  svg.setViewBox(QRect(QPoint(0, 0), plot->size()));
  svg.setTitle(plot->windowTitle().isEmpty() ? QStringLiteral("SNN Workbench plot")
                                             : plot->windowTitle());
  svg.setDescription(QStringLiteral("Exported by SNN Workbench"));
  QCPPainter painter;
  if (!painter.begin(&svg)) return QObject::tr("cannot write '%1'").arg(path);
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);
  plot->toPainter(&painter, plot->width(), plot->height());
  painter.end();
  return QFileInfo(path).size() > 0 ? QString() : QObject::tr("cannot write '%1'").arg(path);
}
}  // namespace

QString exportPlot(QCustomPlot* plot, const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  bool ok = false;
  if (suffix == "png")
    ok = plot->savePng(path, 0, 0, 2.0);
  else if (suffix == "pdf")
    ok = plot->savePdf(path, 0, 0, QCP::epNoCosmetic, QStringLiteral("SNN Workbench"));
  else if (suffix == "svg")
    return exportSvg(plot, path);
  else
    return QObject::tr("unknown format '%1' (use .png, .svg or .pdf)").arg(suffix);
  return ok ? QString() : QObject::tr("cannot write '%1'").arg(path);
}

}  // namespace snn::gui
