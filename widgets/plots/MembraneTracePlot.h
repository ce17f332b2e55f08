#pragma once

#include <map>

#include "LivePlot.h"
#include "session/SessionTypes.h"

namespace snn::gui {

// The membrane potential v of the traced neurons (the session's probes), one line each, in the
// colours of their marks in the raster. GUI thread.
class MembraneTracePlot : public LivePlot {
  Q_OBJECT

 public:
  explicit MembraneTracePlot(QWidget* parent = nullptr);

  // The neurons to show; lines of neurons no longer traced go, new ones start empty.
  void setProbes(const std::vector<Probe>& probes);
  void clear();
  void appendChunk(const SimulationChunk& chunk);
  // Samples held for a probe (for tests).
  int sampleCount(const Probe& probe) const;

 Q_SIGNALS:
  void clearRequested();

 protected:
  void prepareWindow(double fromMs, double toMs) override;
  void addContextActions(QMenu* menu) override;

 private:
  struct Trace {
    QCPGraph* graph = nullptr;
    int64_t lastStep = -1;  // samples up to here are in (a neuron may be recorded twice)
  };
  std::map<Probe, Trace> traces_;
  QCPItemText* hint_;
};

}  // namespace snn::gui
