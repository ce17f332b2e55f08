#pragma once

#include <QObject>
#include <QTimer>
#include <map>
#include <string>
#include <vector>

#include "session/SessionTypes.h"

namespace snn::gui {

class LivePlot;
class MembraneTracePlot;
class NetworkDocument;
class NetworkScene;
class PopulationRatePlot;
class SimulationSession;
class SpikeRasterPlot;

// Feeds the live plots from a session and redraws them from one timer, at most 30 times a
// second, and only the plots that are visible and have something new: a chunk appends data,
// it never draws. The time window is the experiment's duration (unless the user picked one) and
// scrolls with the run; dragging or zooming the time axis of any plot moves all of them there
// and stops the scrolling until the next run (or "Follow the Run"). Also turns clicks into
// membrane probes: a neuron in the raster, or a population selected on the canvas. GUI thread.
class LivePlotUpdater : public QObject {
  Q_OBJECT

 public:
  static constexpr int kFrameMs = 33;
  // The window follows the experiment's duration up to this; a longer run scrolls.
  static constexpr double kLongestAutoWindowMs = 5000.0;

  LivePlotUpdater(SimulationSession* session, SpikeRasterPlot* raster, MembraneTracePlot* traces,
                  PopulationRatePlot* rates, QObject* parent = nullptr);

  // Length of the scrolling time window, ms (all plots share it).
  double windowMs() const { return windowMs_; }
  void setWindowMs(double ms);
  // Selecting one population with a membrane traces its first neurons.
  void followSelection(NetworkScene* scene);
  // An edit of a running project's i_offset or current steps redraws the injected current
  // under the membrane from the moment it reaches the network.
  void followDocument(NetworkDocument* document);
  // Redraws every plot now (before a screenshot).
  void refreshNow();
  // Whether the plots scroll with the run (false after the user dragged or zoomed time).
  bool isFollowing() const { return following_; }
  // Shows [fromMs, toMs] in every plot and stops following the run.
  void showTimeRange(double fromMs, double toMs);

 private:
  void onFrame();
  void onNeuronClicked(const Probe& probe, bool add);

  SimulationSession* session_;
  SpikeRasterPlot* raster_;
  MembraneTracePlot* traces_;
  PopulationRatePlot* rates_;
  std::vector<LivePlot*> plots_;
  QTimer frame_;
  double windowMs_ = 1000.0;
  double shownMs_ = -1.0;
  bool userWindow_ = false;  // a window length picked in a context menu outlives runs
  bool following_ = true;
  double userFromMs_ = 0.0, userToMs_ = 1000.0;
  std::map<std::string, std::vector<CurrentStep>> injected_;  // as the traces draw it now
  NetworkDocument* document_ = nullptr;
};

}  // namespace snn::gui
