#pragma once

#include <QObject>
#include <atomic>
#include <memory>

#include "TrainingTypes.h"

namespace snn::gui {

// Flags the GUI thread sets without waiting for the worker's event loop.
struct TrainingFlags {
  std::atomic<bool> cancel{false};
};

// Trains for a TrainingSession. Lives in the session's worker QThread: train() is invoked there
// and runs every epoch before it returns, so instead of taking events it polls
// TrainingFlags::cancel and the thread's interruption request between samples or mini-batches
// (TrainingCallbacks::cancelled); the trainer then rolls the epoch back. It works on its own copy
// of the project and hands over immutable values only: the plan, progress at most every
// kProgressMs, weight snapshots, now and then a sample's spikes, and after each epoch its report,
// the confusion matrix and the trained project.
class TrainingWorker : public QObject {
  Q_OBJECT

 public:
  static constexpr int kProgressMs = 50;
  static constexpr double kActivityEverySeconds = 0.4;

  explicit TrainingWorker(std::shared_ptr<TrainingFlags> flags, QObject* parent = nullptr);

  void train(snn::gui::ProjectPtr project, snn::gui::TrainingRequest request);

 Q_SIGNALS:
  void planned(snn::gui::TrainingPlanPtr plan);
  void progressed(snn::TrainingProgress progress);
  void weightsUpdated(snn::gui::WeightSnapshotPtr snapshot);
  void sampleShown(snn::gui::SampleActivityPtr activity);
  void epochFinished(snn::EpochReport report, snn::gui::ConfusionPtr confusion,
                     snn::gui::ProjectPtr trained);
  void finished(snn::gui::TrainingOutcome outcome, QString message);

 private:
  bool cancelled() const;
  TrainingCallbacks callbacks();

  std::shared_ptr<TrainingFlags> flags_;
};

}  // namespace snn::gui
