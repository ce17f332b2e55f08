#pragma once

#include <QObject>
#include <atomic>
#include <memory>

#include "AnalysisJob.h"
#include "session/WorkerThread.h"

namespace snn::gui {

// Runs one analysis at a time in the worker thread (session/WorkerThread.h), with progress and
// Cancel, and hands back its result. GUI thread (its worker: the analysis thread).
class AnalysisWorker : public QObject {
  Q_OBJECT

 public:
  explicit AnalysisWorker(std::shared_ptr<std::atomic<bool>> cancel) : cancel_(std::move(cancel)) {}
  void run(snn::gui::AnalysisJobPtr job);

 Q_SIGNALS:
  void progressed(qint64 done, qint64 total);
  void finished(snn::gui::AnalysisResultPtr result);

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
};

class AnalysisSession : public QObject {
  Q_OBJECT

 public:
  explicit AnalysisSession(QObject* parent = nullptr);
  ~AnalysisSession() override;

  bool isBusy() const { return busy_; }
  // Starts `job` (refused while one runs: returns false).
  bool start(AnalysisJob job);
  void cancel();
  void shutdown();

 Q_SIGNALS:
  void busyChanged(bool busy);
  void progressed(qint64 done, qint64 total);
  void finished(snn::gui::AnalysisResultPtr result);

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
  WorkerThread<AnalysisWorker> thread_;
  bool busy_ = false;
};

}  // namespace snn::gui
