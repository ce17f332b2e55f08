#pragma once

#include <QTimer>
#include <QWidget>
#include <optional>
#include <string>
#include <vector>

#include "session/SessionTypes.h"

class QComboBox;

namespace snn::gui {

class FeatureMapPlot;
class NetworkScene;
class SimulationSession;

// The Feature Maps view: the spikes of a shaped population of the run (a converted or imported
// conv layer, C x H x W) counted per neuron since the run started, drawn as one heat map per
// channel (FeatureMapPlot), as spike counts or as rates (spikes per neuron per second of the
// run). Which population: a combo of the run's shaped populations, the population selected on
// the canvas, or showPopulation() (the canvas's "Show Feature Maps"). Counting takes every
// chunk; drawing is at most kFrameMs apart while the view is visible, and once more when the
// run pauses or ends. GUI thread.
class FeatureMapView : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kFrameMs = 250;
  enum class Measure { Count, Rate };

  explicit FeatureMapView(QWidget* parent = nullptr);

  // Counts the runs of `session`.
  void followSession(SimulationSession* session);
  // Selecting one shaped population on the canvas shows its maps.
  void followSelection(NetworkScene* scene);

  void startRun(const RunLayout& layout);
  void appendChunk(const SimulationChunk& chunk);
  // Forgets the counts (a new recording).
  void clear();
  // Shows `id`'s maps; remembered until a run has it when the present run has not.
  void showPopulation(const QString& id);
  QString shownPopulation() const;
  void setMeasure(Measure measure);
  // Draws now.
  void refresh();

  FeatureMapPlot* plot() const { return plot_; }
  // Spikes of each neuron of `id` counted so far (null when the run has no such shaped
  // population).
  const std::vector<int64_t>* countsOf(const std::string& id) const;

 private:
  struct Counted {
    std::string id;
    size_t index = 0;  // in the run's populations
    TensorShape shape;
    std::vector<int64_t> spikes;
  };
  const Counted* shown() const;
  void fillChoices();

  QComboBox* population_;
  QComboBox* measure_;
  FeatureMapPlot* plot_;
  QTimer frame_;
  std::vector<Counted> counted_;
  std::string wanted_;  // asked for before a run had it
  int64_t steps_ = 0;
  double dt_ = 0.1;
  bool dirty_ = false;
};

}  // namespace snn::gui
