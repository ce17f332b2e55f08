#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "ConversionJob.h"
#include "session/WorkerThread.h"

namespace snn::gui {

// Converts and evaluates in the conversion thread: loads the dataset (shared, loaded once),
// converts the ANN (convertToRate, calibrated on the training split), measures the ANN's test
// accuracy, then for each T evaluates the SNN (evaluateConverted, or evaluateFs for method fs)
// on the test samples in chunks, checking the cancel flag between chunks, and hands back each
// T's result with its energy and its scatter as soon as it is done. Conversion thread.
class ConversionWorker : public QObject {
  Q_OBJECT

 public:
  explicit ConversionWorker(std::shared_ptr<std::atomic<bool>> cancel)
      : cancel_(std::move(cancel)) {}
  void run(snn::gui::ConversionJobPtr job);

 Q_SIGNALS:
  void prepared(snn::gui::ConversionSetupPtr setup);
  void pointReady(snn::gui::ConversionPointPtr point);
  void progressed(qint64 done, qint64 total);
  void finished(snn::gui::ConversionOutcome outcome, const QString& message);

 private:
  bool cancelled() const;
  std::shared_ptr<std::atomic<bool>> cancel_;
};

// The Conversion dock's session: one conversion at a time in a worker thread
// (session/WorkerThread.h), with progress and Cancel. It never touches the document: the job
// holds a copy of the ANN, and only "Convert to project" (the panel) edits the document. GUI
// thread.
class ConversionSession : public QObject {
  Q_OBJECT

 public:
  explicit ConversionSession(QObject* parent = nullptr);
  ~ConversionSession() override;

  bool isBusy() const { return busy_; }
  // Starts `job`; refused (false) while one runs.
  bool start(ConversionJob job);
  // Takes effect between two chunks of test samples (at most a few hundred samples at one T).
  void cancel();
  void shutdown();

 Q_SIGNALS:
  void busyChanged(bool busy);
  void prepared(snn::gui::ConversionSetupPtr setup);
  void pointReady(snn::gui::ConversionPointPtr point);
  void progressed(qint64 done, qint64 total);
  void finished(snn::gui::ConversionOutcome outcome, const QString& message);

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
  WorkerThread<ConversionWorker> thread_;
  bool busy_ = false;
};

}  // namespace snn::gui
