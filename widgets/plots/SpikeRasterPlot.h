#pragma once

#include <optional>

#include "LivePlot.h"
#include "SpikeHistory.h"
#include "session/SessionTypes.h"

namespace snn::gui {

class SpikeRasterLayer;

// The spike raster of every recorded population, one band and one colour each (the colour of
// its canvas node), scrolling with simulated time. Clicking a neuron asks for its membrane to
// be traced (Ctrl adds it to the traced ones). GUI thread.
class SpikeRasterPlot : public LivePlot {
  Q_OBJECT

 public:
  explicit SpikeRasterPlot(QWidget* parent = nullptr);

  // A run starts: one band per population whose spikes are recorded; no spikes yet.
  void startRun(const RunLayout& layout);
  void clear();
  void appendChunk(const SimulationChunk& chunk);
  // The neuron drawn at a point of the widget, if any.
  std::optional<Probe> neuronAt(const QPoint& pos) const;
  // Marks the traced neurons at the left edge.
  void setProbes(const std::vector<Probe>& probes);
  // Whether clicking a neuron asks for its membrane (on by default; off for a raster that only
  // shows, such as one training sample's).
  void setTracingEnabled(bool enabled) { tracing_ = enabled; }
  // The text shown while there is nothing to draw.
  void setHint(const QString& hint);
  const SpikeHistory& history() const { return history_; }
  const SpikeRasterLayer* layer() const { return layer_; }

 Q_SIGNALS:
  void neuronClicked(const snn::gui::Probe& probe, bool addToTraced);

 protected:
  void prepareWindow(double fromMs, double toMs) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  SpikeHistory history_;
  SpikeRasterLayer* layer_;
  std::vector<int> historyOf_;  // chunk population index -> history index, -1 if not shown
  std::vector<QCPItemText*> probeMarks_;
  std::vector<Probe> probes_;
  QCPItemText* hint_;
  bool tracing_ = true;
  QPoint pressedAt_{-1, -1};
};

}  // namespace snn::gui
