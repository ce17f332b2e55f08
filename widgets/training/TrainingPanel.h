#pragma once

#include <QScrollArea>

#include "TrainingTypes.h"

class QAction;
class QLabel;
class QProgressBar;
class QSpinBox;
class QTreeWidget;

namespace snn::gui {

class NetworkDocument;
class TrainingSession;
class TrainingSetupEditor;

// The Training dock: the training block (TrainingSetupEditor), how long to train (epochs, how
// many training and test samples), Train and Cancel, a progress bar with the time left, the
// epochs' results, and what to do with them: apply the trained weights to the document (one
// undo step) or save the trained project as a new file. Its actions also go into the main
// window's menu and tool bar. GUI thread.
class TrainingPanel : public QScrollArea {
  Q_OBJECT

 public:
  TrainingPanel(NetworkDocument* document, TrainingSession* session, QWidget* parent = nullptr);

  QAction* trainAction() const { return train_; }
  QAction* cancelAction() const { return cancel_; }
  QAction* applyAction() const { return apply_; }
  QAction* saveTrainedAction() const { return saveTrained_; }

  TrainingRequest request() const;
  void setRequest(const TrainingRequest& request);
  TrainingSetupEditor* setup() const { return setup_; }
  QString statusText() const;

  // Applies the last run's result to the document; the reason if it cannot.
  QString applyTrainedWeights();
  // Writes the last run's trained project to `path`; the reason on failure.
  QString saveTrainedProject(const QString& path);

 Q_SIGNALS:
  void messageReported(const QString& message);
  // Train was pressed (the window shows the training views).
  void trainingRequested();

 private:
  void onStateChanged(TrainingState state);
  void onProgress(const TrainingProgress& progress);
  void onEpoch(const EpochReport& report);
  void onFinished(TrainingOutcome outcome, const QString& message);
  void updateActions();

  NetworkDocument* document_;
  TrainingSession* session_;
  TrainingSetupEditor* setup_;
  QSpinBox* epochs_;
  QSpinBox* trainLimit_;
  QSpinBox* testLimit_;
  QProgressBar* progress_;
  QLabel* status_;
  QTreeWidget* results_;
  QAction* train_;
  QAction* cancel_;
  QAction* apply_;
  QAction* saveTrained_;
};

}  // namespace snn::gui
