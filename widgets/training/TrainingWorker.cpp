#include "TrainingWorker.h"

#include <QThread>
#include <chrono>

#include "data/DatasetCache.h"
#include "learning/TrainerRegistry.h"
#include "project/ProjectValidator.h"
#include "session/SimulationWorker.h"
#include "util/QtText.h"

namespace snn::gui {

TrainingWorker::TrainingWorker(std::shared_ptr<TrainingFlags> flags, QObject* parent)
    : QObject(parent), flags_(std::move(flags)) {}

bool TrainingWorker::cancelled() const {
  return flags_->cancel.load() || QThread::currentThread()->isInterruptionRequested();
}

TrainingCallbacks TrainingWorker::callbacks() {
  using Clock = std::chrono::steady_clock;
  TrainingCallbacks c;
  c.cancelled = [this] { return cancelled(); };
  // Every sample reports its progress: pass on a few a second, and always the end of a pass.
  c.progress = [this, last = Clock::time_point{},
                phase = std::string()](const TrainingProgress& p) mutable {
    const auto now = Clock::now();
    if (p.done < p.total && p.phase == phase && now - last < std::chrono::milliseconds(kProgressMs))
      return;
    last = now;
    phase = p.phase;
    Q_EMIT progressed(p);
  };
  c.weights = [this](std::shared_ptr<const WeightSnapshot> s) { Q_EMIT weightsUpdated(s); };
  c.sampleActivity = [this](std::shared_ptr<const SampleActivity> a) { Q_EMIT sampleShown(a); };
  c.activityEverySeconds = kActivityEverySeconds;
  return c;
}

void TrainingWorker::train(ProjectPtr project, TrainingRequest request) {
  SimulationWorker::yieldToGui();
  try {
    if (!project->training || project->training->method.empty())
      throw SpecError(Diagnostic{ObjectKind::Experiment, "training", "method",
                                 "is not set: choose a training method"});
    if (auto problems = validateProject(*project); !problems.empty())
      throw SpecError(std::move(problems));
    const TrainerEntry& method = *TrainerRegistry::instance().find(project->training->method);
    // Shared with the runs' dataset feeds; the trainer gets its own copy of the samples it uses.
    const std::shared_ptr<const DatasetSplit> cached = sharedDataset(project->training->dataset);
    if (cancelled()) {
      Q_EMIT finished(TrainingOutcome::Cancelled, {});
      return;
    }
    DatasetSplit data{cached->train.head(request.trainLimit), cached->test.head(request.testLimit)};
    auto plan = std::make_shared<TrainingPlan>();
    plan->method = method.name;
    plan->dataset = project->training->dataset;
    plan->epochs = request.epochs;
    plan->trainSamples = data.train.size();
    plan->testSamples = data.test.size();
    plan->classes = data.train.classes;
    plan->imageHeight = data.train.height;
    plan->imageWidth = data.train.width;

    TrainerOptions options;
    options.threads = std::max(1, QThread::idealThreadCount());
    std::unique_ptr<Trainer> trainer = method.create(*project, std::move(data), options);
    Q_EMIT planned(plan);
    const TrainingCallbacks hooks = callbacks();
    for (int epoch = 1; epoch <= request.epochs; ++epoch) {
      const EpochReport report = trainer->trainEpoch(epoch, hooks);
      Q_EMIT epochFinished(report,
                           std::make_shared<const ConfusionMatrix>(trainer->lastConfusion()),
                           std::make_shared<const Project>(trainer->trainedProject()));
    }
    Q_EMIT finished(TrainingOutcome::Completed, {});
  } catch (const TrainingCancelled&) {
    Q_EMIT finished(TrainingOutcome::Cancelled, {});
  } catch (const SpecError& e) {
    Q_EMIT finished(TrainingOutcome::Failed, toQ(joinDiagnostics(e.diagnostics())));
  } catch (const std::exception& e) {
    Q_EMIT finished(TrainingOutcome::Failed, QString::fromUtf8(e.what()));
  }
}

}  // namespace snn::gui
