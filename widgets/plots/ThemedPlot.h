#pragma once

#include <qcustomplot.h>

class QMenu;

namespace snn::gui {

// A QCustomPlot in the workbench's look: coloured from the widget palette (and again when the
// theme changes), with a context menu that exports PNG, SVG and PDF. The base of the live run
// plots and of the training views. GUI thread.
class ThemedPlot : public QCustomPlot {
  Q_OBJECT

 public:
  explicit ThemedPlot(const QString& title, QWidget* parent = nullptr);

  // A suggested file name for exports ("raster").
  void setExportName(const QString& name) { exportName_ = name; }
  // Exports as the suffix of `path` says; the reason on failure.
  QString exportTo(const QString& path);

 protected:
  // Plot-specific entries for the context menu (above everything else).
  virtual void addContextActions(QMenu* menu);
  // Entries about what the plot shows, between those and the export entries.
  virtual void addViewActions(QMenu* menu);
  // Colours axes, grid, legend and background from the palette; subclasses colour what they
  // add and call this first.
  virtual void applyPalette();
  void changeEvent(QEvent* event) override;
  // Keeps the horizontal axes' tick labels apart at any width.
  void resizeEvent(QResizeEvent* event) override;
  void fitHorizontalTicks();
  // Moves the legend into a row above the axes, entries side by side: it never hides data.
  void placeLegendAbove(int itemsPerRow = 4);
  bool legendAbove() const { return legendAbove_; }
  // Sizes the legend's entries for its font (call again after changing the legend's font).
  void fitLegendIcons();
  // A line of text centred on the axes in the placeholder colour, saying what will appear there.
  QCPItemText* addHint(const QString& text);
  // A title in a row above everything else, in the text colour.
  QCPTextElement* addTitle();
  // Colours one axis (plots with more axes rects or a colour scale call it for theirs).
  void styleAxis(QCPAxis* axis) const;
  QColor inkColor() const;  // axis and text colour from the palette

 private:
  void showContextMenu(const QPoint& pos);

  QString exportName_;
  bool legendAbove_ = false;
  QList<QCPItemText*> hints_;
  QList<QCPTextElement*> titles_;
};

}  // namespace snn::gui
