#pragma once

#include "ThemedPlot.h"

class QMenu;

namespace snn::gui {

// A plot that follows a running simulation: it takes data when chunks arrive (only appending,
// never drawing) and is redrawn by LivePlotUpdater's one timer, showing the time window it is
// given. Its context menu also picks the window's length. GUI thread.
class LivePlot : public ThemedPlot {
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
  // The window length the context menu shows as chosen.
  void setWindowLength(double ms) { windowLength_ = ms; }
  // Whether the context menu offers window lengths (not for a plot of a fixed span).
  void setWindowMenuShown(bool shown) { windowMenuShown_ = shown; }
  // Whether the wheel zooms and a drag pans the time axis (on for the run plots: a finished run
  // can be read back; the plots keep their whole history within a memory bound).
  void setTimeNavigation(bool enabled);

 Q_SIGNALS:
  // The user picked another time window length in the context menu.
  void windowLengthRequested(double ms);
  // The user dragged or zoomed the time axis to [fromMs, toMs]: the plots stop following the run.
  void timeRangeChosen(double fromMs, double toMs);
  // "Follow the Run" in the context menu: back to the window that scrolls with the run.
  void followRequested();

 protected:
  // Called before each replot in the new window: update axes, trim data.
  virtual void prepareWindow(double fromMs, double toMs);
  void addViewActions(QMenu* menu) override;
  void applyPalette() override;

 private:
  double windowLength_ = 1000.0;
  bool applyingWindow_ = false;  // a range change made by showWindow, not by the user
  bool windowMenuShown_ = true;
  bool dirty_ = true;
  qint64 frames_ = 0;
};

}  // namespace snn::gui
