#include "SimulationSession.h"

#include "document/NetworkDocument.h"
#include "model/ObjectFields.h"
#include "project/FieldSchemas.h"

namespace snn::gui {

SimulationSession::SimulationSession(NetworkDocument* document, QObject* parent)
    : QObject(parent),
      document_(document),
      flags_(std::make_shared<WorkerFlags>()),
      thread_(new SimulationWorker(flags_), QStringLiteral("snnwb simulation"),
              [flags = flags_] { flags->cancelCompile = true; }) {
  SimulationWorker* worker = thread_.worker();
  qRegisterMetaType<RunState>();
  qRegisterMetaType<ChunkPtr>();
  qRegisterMetaType<RunLayoutPtr>();
  qRegisterMetaType<std::vector<Probe>>();
  qRegisterMetaType<std::vector<Diagnostic>>();
  connect(worker, &SimulationWorker::stateChanged, this, &SimulationSession::onWorkerState);
  connect(worker, &SimulationWorker::chunkReady, this, &SimulationSession::onChunk);
  qRegisterMetaType<CrossbarSnapshotsPtr>();
  connect(worker, &SimulationWorker::crossbarsReady, this, &SimulationSession::crossbarsReady);
  connect(worker, &SimulationWorker::runStarted, this, [this](RunLayoutPtr layout) {
    layout_ = layout;
    simulatedMs_ = 0.0;
    recent_.clear();
    Q_EMIT runStarted(layout);
  });
  connect(worker, &SimulationWorker::compileFailed, this,
          [this](std::vector<Diagnostic> d) { Q_EMIT compileFailed(d); });
  connect(worker, &SimulationWorker::probesChanged, this, [this](std::vector<Probe> p) {
    probes_ = p;
    Q_EMIT probesChanged(probes_);
  });
  connect(worker, &SimulationWorker::messageReported, this, &SimulationSession::messageReported);
  connect(worker, &SimulationWorker::liveChangeRefused, this, [this](const QString& reason) {
    Q_EMIT messageReported(tr("%1: compiling the network again").arg(reason));
    recompile();
  });
  connect(document_, &NetworkDocument::changed, this, &SimulationSession::onDocumentChanged);
  thread_.start();
  wall_.start();
  thread_.post([w = thread_.worker(), s = settings_] {
    SimulationWorker::yieldToGui();
    w->setSettings(s);
  });
}

SimulationSession::~SimulationSession() {
  shutdown();
}

void SimulationSession::shutdown() {
  thread_.shutdown();
}

void SimulationSession::startWorker(SimulationWorker::Intent intent) {
  flags_->cancelCompile = true;  // a compile in progress is obsolete
  auto project = std::make_shared<const Project>(document_->project());
  stopPending_ = false;                // the compile posted after the stop supersedes it
  onWorkerState(RunState::Compiling);  // at once, so a second Run does not compile twice
  thread_.post([w = thread_.worker(), flags = flags_, project, intent] {
    flags->cancelCompile = false;
    w->start(project, intent);
  });
}

void SimulationSession::run() {
  if (state_ == RunState::Idle || stopPending_) {
    startWorker(SimulationWorker::Intent::Run);
    return;
  }
  if (state_ == RunState::Finished)
    Q_EMIT messageReported(
        tr("The run had reached its end (%1 ms): running it again from t = 0").arg(simulatedMs_));
  thread_.post([w = thread_.worker()] { w->resume(); });
}

void SimulationSession::pause() {
  thread_.post([w = thread_.worker()] { w->pause(); });
}

void SimulationSession::toggleRun() {
  if (state_ == RunState::Running || state_ == RunState::Compiling)
    pause();
  else
    run();
}

void SimulationSession::step() {
  if (state_ == RunState::Idle)
    startWorker(SimulationWorker::Intent::Step);
  else
    thread_.post([w = thread_.worker()] { w->step(); });
}

void SimulationSession::stop() {
  flags_->cancelCompile = true;
  thread_.post([w = thread_.worker()] { w->stop(); });
  // The worker says Idle once it has stopped (after the chunks it sent before); until then a
  // Run must compile afresh, not resume the network the worker is about to drop.
  stopPending_ = true;
}

void SimulationSession::reset() {
  if (state_ == RunState::Idle) {
    simulatedMs_ = 0.0;
    Q_EMIT recordingCleared();
    Q_EMIT progressed(0.0, 0.0);
    return;
  }
  thread_.post([w = thread_.worker()] { w->reset(); });
}

void SimulationSession::setSpeed(double speed) {
  settings_.speed = std::max(speed, 0.0);
  thread_.post([w = thread_.worker(), s = settings_] { w->setSettings(s); });
}

void SimulationSession::setContinuous(bool continuous) {
  settings_.continuous = continuous;
  thread_.post([w = thread_.worker(), s = settings_] { w->setSettings(s); });
}

void SimulationSession::setRunLimit(std::optional<double> untilMs) {
  settings_.untilMs = untilMs;
  thread_.post([w = thread_.worker(), s = settings_] { w->setSettings(s); });
}

void SimulationSession::setProbes(std::vector<Probe> probes) {
  probes_ = probes;
  thread_.post([w = thread_.worker(), probes = std::move(probes)] { w->setProbes(probes); });
  Q_EMIT probesChanged(probes_);
}

void SimulationSession::onWorkerState(RunState state) {
  if (state == RunState::Idle) stopPending_ = false;
  if (state == state_) return;
  state_ = state;
  if (state == RunState::Running) recent_.clear();
  Q_EMIT stateChanged(state);
}

void SimulationSession::onChunk(ChunkPtr chunk) {
  // Taken: the worker may send another (WorkerFlags::chunksInFlight is its back-pressure).
  flags_->chunksInFlight.fetch_sub(1);
  simulatedMs_ = chunk->timeMs(chunk->firstStep + chunk->stepCount);
  const double now = static_cast<double>(wall_.nsecsElapsed()) * 1e-9;
  recent_.emplace_back(now, simulatedMs_);
  while (recent_.size() > 2 && now - recent_.front().first > 1.0) recent_.pop_front();
  if (recent_.size() >= 2 && recent_.back().first > recent_.front().first)
    realTimeFactor_ = (recent_.back().second - recent_.front().second) / 1000.0 /
                      (recent_.back().first - recent_.front().first);
  Q_EMIT chunkReady(chunk);
  Q_EMIT progressed(simulatedMs_, realTimeFactor_);
}

void SimulationSession::onDocumentChanged(const ChangeEvent& event) {
  using T = ChangeEvent::Type;
  if (event.type == T::ProjectReplaced) {
    stop();
    setProbes({});  // the last project's neurons mean nothing in this one
    layout_.reset();
    simulatedMs_ = 0.0;
    Q_EMIT recordingCleared();
    Q_EMIT progressed(0.0, 0.0);
    return;
  }
  if (state_ == RunState::Idle || event.type == T::NodesMoved) return;  // only the picture
  const Project& project = document_->project();
  if (event.type == T::FieldChanged && event.kind == ObjectKind::Training)
    return;  // the training set-up is not part of a run
  if (event.type == T::FieldChanged && !event.field.empty()) {
    const std::optional<ParamInfo> info = fieldSchema(project, event.kind, event.id, event.field);
    if (info && info->effect == RunEffect::NotRun) return;
    if (info && info->effect == RunEffect::Live) {
      const std::optional<ParamValue> set = getField(project, event.kind, event.id, event.field);
      thread_.post([w = thread_.worker(), kind = event.kind, id = event.id, field = event.field,
                    value = set ? *set : info->defaultParamValue()] {
        w->applyLiveChange(kind, id, field, value);
      });
      return;
    }
  }
  recompile();  // structural: the compiled network no longer matches
}

void SimulationSession::recompile() {
  if (state_ == RunState::Running || state_ == RunState::Compiling) {
    Q_EMIT messageReported(tr("The network changed: compiling it again"));
    startWorker(SimulationWorker::Intent::Run);
  } else {
    stop();
  }
}

}  // namespace snn::gui
