#include "SimulationSession.h"

#include "document/NetworkDocument.h"
#include "sim/NeuronModelRegistry.h"

namespace snn::gui {

SimulationSession::SimulationSession(NetworkDocument* document, QObject* parent)
    : QObject(parent),
      document_(document),
      flags_(std::make_shared<WorkerFlags>()),
      worker_(new SimulationWorker(flags_)) {
  qRegisterMetaType<RunState>();
  qRegisterMetaType<ChunkPtr>();
  qRegisterMetaType<RunLayoutPtr>();
  qRegisterMetaType<std::vector<Probe>>();
  qRegisterMetaType<std::vector<Diagnostic>>();
  thread_.setObjectName("snnwb simulation");
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &SimulationWorker::stateChanged, this, &SimulationSession::onWorkerState);
  connect(worker_, &SimulationWorker::chunkReady, this, &SimulationSession::onChunk);
  connect(worker_, &SimulationWorker::runStarted, this, [this](RunLayoutPtr layout) {
    layout_ = layout;
    simulatedMs_ = 0.0;
    recent_.clear();
    Q_EMIT runStarted(layout);
  });
  connect(worker_, &SimulationWorker::compileFailed, this,
          [this](std::vector<Diagnostic> d) { Q_EMIT compileFailed(d); });
  connect(worker_, &SimulationWorker::probesChanged, this, [this](std::vector<Probe> p) {
    probes_ = p;
    Q_EMIT probesChanged(probes_);
  });
  connect(worker_, &SimulationWorker::messageReported, this, &SimulationSession::messageReported);
  connect(document_, &NetworkDocument::changed, this, &SimulationSession::onDocumentChanged);
  thread_.start();
  wall_.start();
  post([w = worker_, s = settings_] {
    SimulationWorker::yieldToGui();
    w->setSettings(s);
  });
}

SimulationSession::~SimulationSession() {
  shutdown();
}

void SimulationSession::shutdown() {
  if (!thread_.isRunning()) return;
  flags_->cancelCompile = true;
  thread_.requestInterruption();
  thread_.quit();
  thread_.wait();
}

template <class F>
void SimulationSession::post(F&& f) {
  QMetaObject::invokeMethod(worker_, std::forward<F>(f), Qt::QueuedConnection);
}

void SimulationSession::startWorker(SimulationWorker::Intent intent) {
  flags_->cancelCompile = true;  // a compile in progress is obsolete
  auto project = std::make_shared<const Project>(document_->project());
  compiledExperiment_ = project->experiment;
  running_ = project;
  onWorkerState(RunState::Compiling);  // at once, so a second Run does not compile twice
  post([w = worker_, flags = flags_, project, intent] {
    flags->cancelCompile = false;
    w->start(project, intent);
  });
}

void SimulationSession::run() {
  if (state_ == RunState::Idle)
    startWorker(SimulationWorker::Intent::Run);
  else
    post([w = worker_] { w->resume(); });
}

void SimulationSession::pause() {
  post([w = worker_] { w->pause(); });
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
    post([w = worker_] { w->step(); });
}

void SimulationSession::stop() {
  flags_->cancelCompile = true;
  post([w = worker_] { w->stop(); });
}

void SimulationSession::reset() {
  if (state_ == RunState::Idle) {
    simulatedMs_ = 0.0;
    Q_EMIT recordingCleared();
    Q_EMIT progressed(0.0, 0.0);
    return;
  }
  post([w = worker_] { w->reset(); });
}

void SimulationSession::setSpeed(double speed) {
  settings_.speed = std::max(speed, 0.0);
  post([w = worker_, s = settings_] { w->setSettings(s); });
}

void SimulationSession::setContinuous(bool continuous) {
  settings_.continuous = continuous;
  post([w = worker_, s = settings_] { w->setSettings(s); });
}

void SimulationSession::setRunLimit(std::optional<double> untilMs) {
  settings_.untilMs = untilMs;
  post([w = worker_, s = settings_] { w->setSettings(s); });
}

void SimulationSession::setProbes(std::vector<Probe> probes) {
  probes_ = probes;
  post([w = worker_, probes = std::move(probes)] { w->setProbes(probes); });
  Q_EMIT probesChanged(probes_);
}

void SimulationSession::onWorkerState(RunState state) {
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
    layout_.reset();
    simulatedMs_ = 0.0;
    Q_EMIT recordingCleared();
    Q_EMIT progressed(0.0, 0.0);
    return;
  }
  // Neither the picture nor the training block is part of what runs.
  if (state_ == RunState::Idle || event.type == T::NodesMoved || event.type == T::TrainingChanged)
    return;
  const Project& project = document_->project();
  if (event.type == T::ParameterChanged) {
    const PopulationSpec* pop = project.network.findPopulation(event.id);
    if (!pop) return;
    ParamValue value;
    if (auto it = pop->params.find(event.param); it != pop->params.end()) {
      value = it->second;
    } else if (const NeuronModelEntry* e = NeuronModelRegistry::instance().find(pop->model)) {
      const ParamInfo* info = e->info->findParam(event.param);
      if (!info) return;
      value = info->defaultParamValue();
    }
    post([w = worker_, id = event.id, param = event.param, value] {
      w->setParameter(id, param, value);
    });
    return;
  }
  if (event.type == T::ExperimentChanged && project.experiment.dt == compiledExperiment_.dt &&
      project.experiment.seed == compiledExperiment_.seed) {
    compiledExperiment_.duration = project.experiment.duration;
    post([w = worker_, d = project.experiment.duration] { w->setDurationMs(d); });
    return;
  }
  if (event.type == T::ProjectionChanged && applyWeightLive(event.id)) return;
  // Structural: the compiled network no longer matches.
  if (state_ == RunState::Running || state_ == RunState::Compiling) {
    Q_EMIT messageReported(tr("The network changed: compiling it again"));
    startWorker(SimulationWorker::Intent::Run);
  } else {
    stop();
  }
}

bool SimulationSession::applyWeightLive(const std::string& id) {
  const ProjectionSpec* now = document_->project().network.findProjection(id);
  const ProjectionSpec* then = running_ ? running_->network.findProjection(id) : nullptr;
  if (!now || !then || now->plasticity || now->hasWeightsPerSynapse() ||
      then->hasWeightsPerSynapse())
    return false;
  ProjectionSpec onlyTheWeight = *then;
  onlyTheWeight.weight = now->weight;
  if (!(onlyTheWeight == *now)) return false;  // more than the weight changed
  auto updated = std::make_shared<Project>(*running_);
  updated->network.findProjection(id)->weight = now->weight;
  running_ = std::move(updated);
  post([w = worker_, id, weight = now->weight] { w->setProjectionWeight(id, weight); });
  return true;
}

}  // namespace snn::gui
