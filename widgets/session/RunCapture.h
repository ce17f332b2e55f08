#pragma once

#include "files/WindowCapture.h"

namespace snn::gui {

class LivePlotUpdater;
class SimulationSession;

// `snnwb PROJECT --run-for MS --screenshot FILE.png`: runs the session as fast as possible up to
// MS of simulated time, redraws the plots, then grabs the window. GUI thread.
class RunCapture : public WindowCapture {
  Q_OBJECT

 public:
  RunCapture(SimulationSession* session, LivePlotUpdater* plots, QWidget* window, double runForMs,
             QString screenshotPath, QObject* parent = nullptr);
  void start() override;

 private:
  void capture();

  SimulationSession* session_;
  LivePlotUpdater* plots_;
  double runForMs_;
};

}  // namespace snn::gui
