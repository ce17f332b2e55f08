#pragma once

#include <map>
#include <optional>
#include <vector>

#include "LivePlot.h"
#include "session/SessionTypes.h"

namespace snn::gui {

// The membrane potential v of the traced neurons (the session's probes) as small multiples: one
// strip per population, named in its node's colour, its neurons in shades of that colour,
// stacked on one time axis; in the bottom of a strip, on its right-hand axis (nA), the current
// injected into that population from outside (i_offset, current steps) where there is one, so
// the cause is drawn under the effect. The whole run is kept (within a bound per trace) so a
// finished run can be scrolled and zoomed back. GUI thread.
class MembraneTracePlot : public LivePlot {
  Q_OBJECT

 public:
  static constexpr int kMaxSamplesPerTrace = 2'000'000;  // 16 bytes each: 32 MB per trace

  explicit MembraneTracePlot(QWidget* parent = nullptr);

  // The colours and injected currents of the run's populations (before its first chunk).
  void startRun(const RunLayout& layout);
  // The current injected into `population` changed at `fromMs` (a live edit): from then on it
  // follows `steps` (injectedCurrent() of the edited project); before, it stays as drawn.
  void setInjected(const std::string& population, double fromMs,
                   const std::vector<CurrentStep>& steps);
  // The neurons to show; lines of neurons no longer traced go, new ones start empty.
  void setProbes(const std::vector<Probe>& probes);
  void clear();
  void appendChunk(const SimulationChunk& chunk);
  // Samples held for a probe (for tests); -1 when it is not traced.
  int sampleCount(const Probe& probe) const;
  // Strips shown: one per traced population (for tests).
  int stripCount() const { return static_cast<int>(strips_.size()); }
  // The population a strip shows, and whether it has an injected-current strip under it.
  std::string stripPopulation(int strip) const;
  bool stripHasCurrent(int strip) const;
  // The injected current drawn in a strip at time `ms` (NaN without one).
  double injectedAt(int strip, double ms) const;
  // The text shown over the plot while there is nothing to draw ("" when hidden).
  QString hintText() const;
  // Whether the legend is shown (the context menu's tick).
  bool legendShown() const { return legend->visible(); }

 Q_SIGNALS:
  void clearRequested();

 protected:
  void prepareWindow(double fromMs, double toMs) override;
  void addContextActions(QMenu* menu) override;
  void applyPalette() override;

 private:
  struct Trace {
    QCPGraph* graph = nullptr;
    int64_t lastStep = -1;  // samples up to here are in (a neuron may be recorded twice)
  };
  struct Strip {
    std::string population;
    QCPAxisRect* rect = nullptr;
    QCPGraph* current = nullptr;  // on the right axis; null without an injected current
    QCPItemText* name = nullptr;
  };
  void rebuildStrips();
  void updateHint();
  QColor colorOf(const Probe& probe, int shade) const;
  QCPAxisRect* stripOf(const std::string& population) const;
  void fitAxes(const Strip& strip, double fromMs, double toMs);

  std::map<Probe, Trace> traces_;
  std::vector<Probe> order_;  // the probes in the order they were chosen
  std::vector<Strip> strips_;
  std::map<std::string, RunPopulation> populations_;  // of the last run
  QCPMarginGroup* margins_;
  QCPItemText* hint_;
  bool syncing_ = false;
  std::optional<bool> legendWanted_;  // the user's choice in the context menu, if any
};

}  // namespace snn::gui
