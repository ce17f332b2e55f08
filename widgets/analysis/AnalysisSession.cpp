#include "AnalysisSession.h"

#include <QThread>

#include "learning/TrainedRun.h"

namespace snn::gui {

namespace {
constexpr int kClosedFormPoints = 200;  // the smooth curve drawn over the measured points
}  // namespace

void AnalysisWorker::run(AnalysisJobPtr job) {
  auto result = std::make_shared<AnalysisResult>();
  AnalysisOptions options = job->options;
  options.cancelled = [this] {
    return cancel_->load() || QThread::currentThread()->isInterruptionRequested();
  };
  options.progress = [this](int64_t done, int64_t total) { Q_EMIT progressed(done, total); };
  try {
    if (const auto* fi = std::get_if<FiJob>(&job->what)) {
      result->value = measureFiCurve(job->project, fi->population, fi->currents, options);
      const auto& points = std::get<FiCurve>(result->value).points;
      if (std::get<FiCurve>(result->value).hasClosedForm && !points.empty()) {
        result->closedFormCurrents =
            linearRange(points.front().currentNa, points.back().currentNa, kClosedFormPoints);
        result->closedFormRates =
            closedFormRates(job->project, fi->population, result->closedFormCurrents);
      }
    } else if (const auto* sweep = std::get_if<SweepJob>(&job->what)) {
      result->value = runSweep(job->project, sweep->request, options);
    } else if (const auto* stats = std::get_if<StatisticsJob>(&job->what)) {
      // The project as the window runs it (a trained network answers as trained).
      const Project run = runnableProject(job->project);
      const auto spikes = recordSpikes(run, options.durationMs, options);
      result->value = spikeStatistics(
          spikes, {.fromMs = options.skipMs, .toMs = options.durationMs, .binMs = stats->binMs});
    }
  } catch (const AnalysisCancelled&) {
    result->cancelled = true;
  } catch (const SpecError& e) {
    result->error = joinDiagnostics(e.diagnostics());
  } catch (const std::exception& e) {
    result->error = e.what();
  }
  Q_EMIT finished(result);
}

AnalysisSession::AnalysisSession(QObject* parent)
    : QObject(parent),
      cancel_(std::make_shared<std::atomic<bool>>(false)),
      thread_(new AnalysisWorker(cancel_), QStringLiteral("snnwb analysis"),
              [cancel = cancel_] { *cancel = true; }) {
  qRegisterMetaType<AnalysisJobPtr>();
  qRegisterMetaType<AnalysisResultPtr>();
  connect(thread_.worker(), &AnalysisWorker::progressed, this, &AnalysisSession::progressed);
  connect(thread_.worker(), &AnalysisWorker::finished, this, [this](AnalysisResultPtr r) {
    busy_ = false;
    Q_EMIT busyChanged(false);
    Q_EMIT finished(r);
  });
  thread_.start();
}

AnalysisSession::~AnalysisSession() {
  shutdown();
}

void AnalysisSession::shutdown() {
  thread_.shutdown();
}

bool AnalysisSession::start(AnalysisJob job) {
  if (busy_) return false;
  busy_ = true;
  *cancel_ = false;
  Q_EMIT busyChanged(true);
  thread_.post([w = thread_.worker(), job = std::make_shared<const AnalysisJob>(std::move(job))] {
    w->run(job);
  });
  return true;
}

void AnalysisSession::cancel() {
  *cancel_ = true;
}

}  // namespace snn::gui
