#include "TrainingSession.h"

#include <utility>

#include "document/NetworkDocument.h"

namespace snn::gui {

TrainingSession::TrainingSession(NetworkDocument* document, QObject* parent)
    : QObject(parent),
      document_(document),
      flags_(std::make_shared<TrainingFlags>()),
      thread_(new TrainingWorker(flags_), QStringLiteral("snnwb training"),
              [flags = flags_] { flags->cancel = true; }) {
  TrainingWorker* worker = thread_.worker();
  qRegisterMetaType<TrainingState>();
  qRegisterMetaType<TrainingOutcome>();
  qRegisterMetaType<ProjectPtr>();
  qRegisterMetaType<TrainingPlanPtr>();
  qRegisterMetaType<WeightSnapshotPtr>();
  qRegisterMetaType<SampleActivityPtr>();
  qRegisterMetaType<ConfusionPtr>();
  qRegisterMetaType<TrainingProgress>();
  qRegisterMetaType<EpochReport>();
  connect(worker, &TrainingWorker::planned, this, [this](TrainingPlanPtr plan) {
    if (discarding_) return;
    plan_ = plan;
    remaining_.start(plan->epochs, plan->trainSamples, plan->testSamples);
    if (state_ == TrainingState::Preparing) setState(TrainingState::Training);
    Q_EMIT started(plan);
  });
  connect(worker, &TrainingWorker::progressed, this, [this](const TrainingProgress& p) {
    if (discarding_) return;
    remaining_.update(p);
    Q_EMIT progressed(p);
  });
  connect(worker, &TrainingWorker::weightsUpdated, this, [this](WeightSnapshotPtr s) {
    if (!discarding_) Q_EMIT weightsUpdated(s);
  });
  connect(worker, &TrainingWorker::sampleShown, this, [this](SampleActivityPtr a) {
    if (!discarding_) Q_EMIT sampleShown(a);
  });
  connect(worker, &TrainingWorker::epochFinished, this,
          [this](const EpochReport& report, ConfusionPtr confusion, ProjectPtr trained) {
            if (discarding_) return;
            reports_.push_back(report);
            trained_ = trained;
            Q_EMIT confusionUpdated(confusion);
            Q_EMIT epochFinished(report);
          });
  connect(worker, &TrainingWorker::finished, this,
          [this](TrainingOutcome outcome, const QString& message) {
            setState(TrainingState::Idle);
            if (std::exchange(discarding_, false)) return;
            Q_EMIT finished(outcome, message);
          });
  connect(document_, &NetworkDocument::changed, this, [this](const ChangeEvent& event) {
    if (event.type != ChangeEvent::Type::ProjectReplaced) return;
    discarding_ = isBusy();  // what the run still reports belongs to the old project
    cancel();
    startProject_.reset();
    trained_.reset();
    plan_.reset();
    reports_.clear();
    Q_EMIT resultsCleared();
  });
  thread_.start();
}

TrainingSession::~TrainingSession() {
  shutdown();
}

void TrainingSession::shutdown() {
  thread_.shutdown();
}

double TrainingSession::elapsedSeconds() const {
  return clock_.isValid() ? static_cast<double>(clock_.nsecsElapsed()) * 1e-9 : 0.0;
}

void TrainingSession::setState(TrainingState state) {
  if (state == state_) return;
  state_ = state;
  Q_EMIT stateChanged(state);
}

void TrainingSession::start(const TrainingRequest& request) {
  if (isBusy() || !thread_.isRunning()) return;
  startProject_ = std::make_shared<const Project>(document_->project());
  trained_.reset();
  plan_.reset();
  reports_.clear();
  flags_->cancel = false;
  clock_.start();
  setState(TrainingState::Preparing);
  thread_.post(
      [w = thread_.worker(), project = startProject_, request] { w->train(project, request); });
}

void TrainingSession::cancel() {
  if (!isBusy()) return;
  flags_->cancel = true;
  setState(TrainingState::Cancelling);
}

}  // namespace snn::gui
