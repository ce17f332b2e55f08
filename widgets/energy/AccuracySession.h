#pragma once

#include <QMetaType>
#include <QObject>
#include <atomic>
#include <memory>
#include <string>

#include "model/NetworkSpec.h"
#include "project/SubstrateAccuracy.h"
#include "session/WorkerThread.h"

namespace snn::gui {

// One measurement of every substrate's accuracy (core/project/SubstrateAccuracy): a copy of the
// project, so that editing never races it, and its test limit. Immutable values.
struct AccuracyJob {
  Project project;
  std::string dataset;
  int64_t testLimit = 100;
  int threads = 1;
};
struct AccuracyResult {
  SubstrateAccuracies accuracies;
  std::string error;  // a refusal, naming the object and field
  bool cancelled = false;
};
using AccuracyJobPtr = std::shared_ptr<const AccuracyJob>;
using AccuracyResultPtr = std::shared_ptr<const AccuracyResult>;

// Runs in the accuracy thread: loads the dataset and measures, polling the cancel flag between
// samples (the trainers' callbacks) and between substrates.
class AccuracyWorker : public QObject {
  Q_OBJECT

 public:
  explicit AccuracyWorker(std::shared_ptr<std::atomic<bool>> cancel) : cancel_(std::move(cancel)) {}
  void run(snn::gui::AccuracyJobPtr job);

 Q_SIGNALS:
  void progressed(const QString& what, qint64 done, qint64 total);
  void finished(snn::gui::AccuracyResultPtr result);

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
};

// The Energy dock's accuracy measurements, one at a time in a worker thread
// (session/WorkerThread.h, as the Analysis dock's), with progress and Cancel. GUI thread.
class AccuracySession : public QObject {
  Q_OBJECT

 public:
  explicit AccuracySession(QObject* parent = nullptr);
  ~AccuracySession() override;

  bool isBusy() const { return busy_; }
  bool start(AccuracyJob job);  // refused while one runs: returns false
  void cancel();
  void shutdown();

 Q_SIGNALS:
  void busyChanged(bool busy);
  void progressed(const QString& what, qint64 done, qint64 total);
  void finished(snn::gui::AccuracyResultPtr result);

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
  WorkerThread<AccuracyWorker> thread_;
  bool busy_ = false;
};

}  // namespace snn::gui

Q_DECLARE_METATYPE(snn::gui::AccuracyJobPtr)
Q_DECLARE_METATYPE(snn::gui::AccuracyResultPtr)
