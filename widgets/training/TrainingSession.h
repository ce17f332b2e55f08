#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <memory>
#include <vector>

#include "RemainingTime.h"
#include "TrainingTypes.h"
#include "TrainingWorker.h"
#include "session/WorkerThread.h"

namespace snn::gui {

class NetworkDocument;

// Trains the document's network in a worker thread (TrainingWorker) and passes on what it
// reports. Lives on the GUI thread and owns the worker thread; start() takes a copy of the
// project, so the document can be edited while it trains, and nothing learned reaches the
// document until the user applies it (ApplyTrainedWeights). cancel() takes effect within a
// sample or a mini-batch; destroying the session (or shutdown()) stops the thread the same way.
// Opening another project cancels a run and forgets its results.
class TrainingSession : public QObject {
  Q_OBJECT

 public:
  explicit TrainingSession(NetworkDocument* document, QObject* parent = nullptr);
  ~TrainingSession() override;

  TrainingState state() const { return state_; }
  bool isBusy() const { return state_ != TrainingState::Idle; }
  // The project the last run started from, and what its last completed epoch learned (empty
  // until an epoch completes; kept after the run ends, even when it was cancelled).
  ProjectPtr startProject() const { return startProject_; }
  ProjectPtr trainedProject() const { return trained_; }
  TrainingPlanPtr plan() const { return plan_; }
  const std::vector<EpochReport>& reports() const { return reports_; }
  const RemainingTime& remaining() const { return remaining_; }
  // Wall-clock seconds since the run started.
  double elapsedSeconds() const;

  // Starts training a copy of the document's project; ignored while busy.
  void start(const TrainingRequest& request);
  void cancel();
  // Stops the worker thread; waits for the sample or mini-batch in progress.
  void shutdown();

 Q_SIGNALS:
  void stateChanged(snn::gui::TrainingState state);
  // The dataset is loaded and the first epoch begins: the views start over.
  void started(snn::gui::TrainingPlanPtr plan);
  void progressed(const snn::TrainingProgress& progress);
  void weightsUpdated(snn::gui::WeightSnapshotPtr snapshot);
  void sampleShown(snn::gui::SampleActivityPtr activity);
  void epochFinished(const snn::EpochReport& report);
  void confusionUpdated(snn::gui::ConfusionPtr confusion);
  void finished(snn::gui::TrainingOutcome outcome, const QString& message);
  // Another project was opened: the last run's results no longer belong to the document.
  void resultsCleared();

 private:
  void setState(TrainingState state);

  NetworkDocument* document_;
  std::shared_ptr<TrainingFlags> flags_;
  WorkerThread<TrainingWorker> thread_;
  TrainingState state_ = TrainingState::Idle;
  ProjectPtr startProject_;
  ProjectPtr trained_;
  TrainingPlanPtr plan_;
  std::vector<EpochReport> reports_;
  RemainingTime remaining_;
  QElapsedTimer clock_;
  bool discarding_ = false;  // the run in progress was for a project since replaced
};

}  // namespace snn::gui
