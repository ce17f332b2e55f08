#pragma once

#include <qcustomplot.h>

class QMenu;

namespace snn::gui {

// A QCustomPlot that follows a running simulation: it takes data when chunks arrive (only
// appending, never drawing) and is redrawn by LivePlotUpdater's one timer, showing the time
// window it is given. Themed from the widget palette; its context menu exports PNG, SVG and
// PDF. GUI thread.
class LivePlot : public QCustomPlot {
  Q_OBJECT

 public:
  explicit LivePlot(const QString& title, QWidget* parent = nullptr);

  // Something new to draw since the last replot.
  bool isDirty() const { return dirty_; }
  void markDirty() { dirty_ = true; }
  // Shows simulated time [fromMs, toMs] and redraws; clears the dirty mark.
  void showWindow(double fromMs, double toMs);
  // Moves to the window without drawing (a hidden plot still forgets what scrolled out).
  void followWindow(double fromMs, double toMs) { prepareWindow(fromMs, toMs); }
  // Replots counted since construction (the benchmark's frame counter).
  qint64 frames() const { return frames_; }
  // A suggested file name for exports ("raster").
  void setExportName(const QString& name) { exportName_ = name; }
  // Exports as the suffix of `path` says; the reason on failure.
  QString exportTo(const QString& path);
  // The window length the context menu shows as chosen.
  void setWindowLength(double ms) { windowLength_ = ms; }

 Q_SIGNALS:
  // The user picked another time window length in the context menu.
  void windowLengthRequested(double ms);

 protected:
  // Called before each replot in the new window: update axes, trim data.
  virtual void prepareWindow(double fromMs, double toMs);
  // Plot-specific entries for the context menu (above the export entries).
  virtual void addContextActions(QMenu* menu);
  void changeEvent(QEvent* event) override;
  void applyPalette();
  // Moves the legend into a row above the axes, entries side by side: it never hides data.
  void placeLegendAbove();
  QColor inkColor() const;  // axis and text colour from the palette

 private:
  void showContextMenu(const QPoint& pos);

  QString exportName_;
  double windowLength_ = 1000.0;
  bool legendAbove_ = false;
  bool dirty_ = true;
  qint64 frames_ = 0;
};

}  // namespace snn::gui
