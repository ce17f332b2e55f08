#include "AccuracySession.h"

#include <QThread>

#include "data/Dataset.h"
#include "learning/Trainer.h"

namespace snn::gui {

void AccuracyWorker::run(AccuracyJobPtr job) {
  auto result = std::make_shared<AccuracyResult>();
  QString stage;
  SubstrateAccuracyOptions options;
  options.testLimit = job->testLimit;
  options.threads = job->threads;
  options.callbacks.cancelled = [this] {
    return cancel_->load() || QThread::currentThread()->isInterruptionRequested();
  };
  options.callbacks.progress = [this, &stage](const TrainingProgress& p) {
    Q_EMIT progressed(stage, p.done, p.total);
  };
  options.measuring = [this, &stage](const std::string& what) {
    stage = QString::fromStdString(what);
    Q_EMIT progressed(stage, 0, 0);
  };
  try {
    Project project = job->project;
    if (project.training) project.training->dataset = job->dataset;
    result->accuracies = measureSubstrateAccuracies(project, loadDataset(job->dataset), options);
  } catch (const TrainingCancelled&) {
    result->cancelled = true;
  } catch (const SpecError& e) {
    result->error = joinDiagnostics(e.diagnostics());
  } catch (const std::exception& e) {
    result->error = e.what();
  }
  Q_EMIT finished(result);
}

AccuracySession::AccuracySession(QObject* parent)
    : QObject(parent),
      cancel_(std::make_shared<std::atomic<bool>>(false)),
      thread_(new AccuracyWorker(cancel_), QStringLiteral("snnwb accuracy"),
              [cancel = cancel_] { *cancel = true; }) {
  qRegisterMetaType<AccuracyJobPtr>();
  qRegisterMetaType<AccuracyResultPtr>();
  connect(thread_.worker(), &AccuracyWorker::progressed, this, &AccuracySession::progressed);
  connect(thread_.worker(), &AccuracyWorker::finished, this, [this](AccuracyResultPtr r) {
    busy_ = false;
    Q_EMIT busyChanged(false);
    Q_EMIT finished(r);
  });
  thread_.start();
}

AccuracySession::~AccuracySession() {
  shutdown();
}

void AccuracySession::shutdown() {
  thread_.shutdown();
}

bool AccuracySession::start(AccuracyJob job) {
  if (busy_) return false;
  busy_ = true;
  *cancel_ = false;
  Q_EMIT busyChanged(true);
  thread_.post([w = thread_.worker(), job = std::make_shared<const AccuracyJob>(std::move(job))] {
    w->run(job);
  });
  return true;
}

void AccuracySession::cancel() {
  *cancel_ = true;
}

}  // namespace snn::gui
