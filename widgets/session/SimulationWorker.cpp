#include "SimulationWorker.h"

#include <QThread>
#include <algorithm>
#include <cmath>
#include <map>

#include "learning/TrainedRun.h"
#include "model/NodeColors.h"
#include "sim/Compiler.h"
#include "sim/NeuronModelRegistry.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace snn::gui {

namespace {

// What the session compiles: the project's network (as trained, for a network STDP labelled:
// learning/TrainedRun.h), recording the spikes of every population
// that has any (the raster shows them all) and none of the project's state monitors, which can
// trace whole populations for the CLI's files; the GUI traces the neurons the user probes.
Project sessionCopy(const Project& project) {
  Project copy = runnableProject(project);  // a trained network answers as its test pass did
  auto& monitors = copy.network.monitors;
  std::erase_if(monitors, [](const MonitorSpec& m) { return m.type == MonitorSpec::Type::State; });
  for (const PopulationSpec& p : copy.network.populations) {
    const NeuronModelEntry* e = NeuronModelRegistry::instance().find(p.model);
    if (!e || e->info->role == ModelRole::CurrentSource) continue;
    const bool recorded = std::any_of(monitors.begin(), monitors.end(), [&](const MonitorSpec& m) {
      return m.type == MonitorSpec::Type::Spikes && m.target == p.id;
    });
    if (!recorded) monitors.push_back({.type = MonitorSpec::Type::Spikes, .target = p.id});
  }
  return copy;
}

RunLayoutPtr layoutOf(const CompiledNetwork& net, const Project& project) {
  auto layout = std::make_shared<RunLayout>();
  layout->dt = net.dt;
  layout->durationMs = project.experiment.duration;
  for (size_t i = 0; i < net.populations.size(); ++i) {
    const CompiledPopulation& p = net.populations[i];
    RunPopulation r;
    r.id = p.id;
    r.model = p.group->info().name;
    r.size = p.group->size();
    r.role = p.group->role();
    r.hasMembrane = p.group->hasState("v");
    r.colorIndex = nodeColorIndex(project, p.id);  // the canvas node's colour
    if (const PopulationSpec* spec = project.network.findPopulation(p.id)) r.shape = spec->shape;
    if (r.hasMembrane) r.injected = injectedCurrent(project, p.id);
    for (const CompiledMonitor& m : net.monitors)
      if (m.spec.type == MonitorSpec::Type::Spikes && m.population == static_cast<int>(i))
        r.spikesRecorded = true;
    layout->populations.push_back(std::move(r));
  }
  return layout;
}

}  // namespace

SimulationWorker::SimulationWorker(std::shared_ptr<WorkerFlags> flags, QObject* parent)
    : QObject(parent), flags_(std::move(flags)), ticker_(this) {
  ticker_.setSingleShot(true);
  ticker_.setTimerType(Qt::PreciseTimer);
  connect(&ticker_, &QTimer::timeout, this, &SimulationWorker::tick);
  clock_.start();
}

SimulationWorker::~SimulationWorker() = default;

void SimulationWorker::yieldToGui() {
#ifdef __linux__
  // Per thread on Linux; OpenMP threads started from this one inherit it. Failing is harmless.
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 5);
#endif
}

void SimulationWorker::setState(RunState state) {
  if (state == state_) return;
  state_ = state;
  Q_EMIT stateChanged(state);
}

void SimulationWorker::scheduleTick(int delayMs) {
  ticker_.start(std::max(delayMs, 0));
}

void SimulationWorker::start(std::shared_ptr<const Project> project, Intent intent) {
  ticker_.stop();
  sim_.reset();
  probeMonitors_.clear();
  project_ = std::move(project);
  durationMs_ = project_->experiment.duration;
  setState(RunState::Compiling);

  CompileOptions options;
  options.threads = std::max(1, QThread::idealThreadCount() - 1);  // one core for the GUI
  options.cancelled = [flags = flags_] { return flags->cancelCompile.load(); };
  CompileResult result = compile(sessionCopy(*project_), options);
  if (flags_->cancelCompile.load()) {
    setState(RunState::Idle);
    return;
  }
  if (!result.ok()) {
    Q_EMIT compileFailed(result.diagnostics);
    setState(RunState::Idle);
    return;
  }
  sim_ = std::make_unique<Simulator>(std::move(result.network));
  layout_ = layoutOf(sim_->network(), *project_);
  Q_EMIT runStarted(layout_);
  const bool probesValid = std::any_of(probes_.begin(), probes_.end(), [&](const Probe& p) {
    const RunPopulation* pop = layout_->find(p.population);
    return pop && pop->hasMembrane && p.neuron < pop->size;
  });
  if (!probesValid) probes_ = defaultProbes();
  applyProbes();
  setState(RunState::Paused);
  if (intent == Intent::Run) resume();
  if (intent == Intent::Step) step();
}

std::vector<Probe> SimulationWorker::defaultProbes() const {
  std::vector<Probe> probes;
  // The neurons the project itself traces, else the first three of the first population with a
  // membrane.
  for (const MonitorSpec& m : project_->network.monitors) {
    if (m.type != MonitorSpec::Type::State || m.variable != "v") continue;
    const RunPopulation* pop = layout_->find(m.target);
    if (!pop || !pop->hasMembrane) continue;
    const int64_t count = m.neurons.empty() ? std::min<int64_t>(pop->size, 3)
                                            : static_cast<int64_t>(m.neurons.size());
    for (int64_t k = 0; k < count && probes.size() < 6; ++k)
      probes.push_back({m.target, m.neurons.empty() ? k : m.neurons[static_cast<size_t>(k)]});
  }
  if (!probes.empty()) return probes;
  for (const RunPopulation& pop : layout_->populations) {
    if (!pop.hasMembrane) continue;
    for (int64_t k = 0; k < std::min<int64_t>(pop.size, 3); ++k) probes.push_back({pop.id, k});
    break;
  }
  return probes;
}

void SimulationWorker::applyProbes() {
  if (!sim_) return;
  for (int m : probeMonitors_) sim_->removeStateMonitor(m);
  probeMonitors_.clear();
  std::map<std::string, std::vector<int64_t>> byPopulation;
  std::vector<Probe> effective;
  for (const Probe& p : probes_) {
    const RunPopulation* pop = layout_->find(p.population);
    if (!pop || !pop->hasMembrane || p.neuron < 0 || p.neuron >= pop->size) continue;
    byPopulation[p.population].push_back(p.neuron);
    effective.push_back(p);
  }
  for (auto& [population, neurons] : byPopulation) {
    std::sort(neurons.begin(), neurons.end());
    neurons.erase(std::unique(neurons.begin(), neurons.end()), neurons.end());
    probeMonitors_.push_back(sim_->addStateMonitor({.type = MonitorSpec::Type::State,
                                                    .target = population,
                                                    .variable = "v",
                                                    .neurons = neurons}));
  }
  probes_ = effective;
  Q_EMIT probesChanged(effective);
}

void SimulationWorker::setProbes(std::vector<Probe> probes) {
  probes_ = std::move(probes);
  applyProbes();
}

int64_t SimulationWorker::stepsLeft() const {
  if (!sim_) return 0;
  double limitMs = durationMs_;
  if (settings_.untilMs)
    limitMs = *settings_.untilMs;
  else if (settings_.continuous)
    return -1;
  const int64_t limit = std::llround(limitMs / sim_->network().dt);
  return std::max<int64_t>(limit - sim_->currentStep(), 0);
}

void SimulationWorker::runChunk(int64_t steps) {
  std::shared_ptr<const SimulationChunk> chunk;
  try {
    chunk = std::make_shared<const SimulationChunk>(sim_->run(steps));
  } catch (const SpecError& e) {
    // The run diverged (Simulator::run names the population and the step): it stops, and the
    // problem reaches the Problems panel and the canvas the way a compile error does.
    ticker_.stop();
    sim_.reset();
    probeMonitors_.clear();
    Q_EMIT compileFailed(e.diagnostics());
    setState(RunState::Idle);
    return;
  }
  pacer_.recordChunk(steps, chunk->wallSeconds);
  flags_->chunksInFlight.fetch_add(1);
  Q_EMIT chunkReady(std::move(chunk));
  if (wallSeconds() - lastCrossbarSnapshot_ >= 0.3 || lastCrossbarSnapshot_ < 0.0 ||
      stepsLeft() == 0)
    if (CrossbarSnapshotsPtr crossbars = snapshotNetwork(sim_->network(), sim_->currentStep())) {
      lastCrossbarSnapshot_ = wallSeconds();
      Q_EMIT crossbarsReady(std::move(crossbars));
    }
}

void SimulationWorker::tick() {
  if (state_ != RunState::Running || !sim_) return;
  // The GUI has not taken the last chunks yet: let it catch up rather than queue more.
  if (flags_->chunksInFlight.load() >= 2) {
    scheduleTick(4);
    return;
  }
  const double started = wallSeconds();
  int64_t steps = pacer_.stepsDue(sim_->timeMs(), sim_->network().dt, started);
  int64_t left = stepsLeft();
  if (left >= 0) steps = std::min(steps, left);
  if (steps > 0) runChunk(steps);
  if (!sim_) return;  // stopped by a divergence
  left = stepsLeft();
  if (left == 0) {
    setState(RunState::Finished);
    return;
  }
  if (pacer_.speed() <= 0.0) {
    scheduleTick(0);
  } else {
    const double spentMs = (wallSeconds() - started) * 1000.0;
    scheduleTick(static_cast<int>(RunPacer::kFrameSeconds * 1000.0 - spentMs));
  }
}

void SimulationWorker::resume() {
  if (!sim_ || state_ == RunState::Running) return;
  if (stepsLeft() == 0) reset();  // Run at the end starts over
  pacer_.setSpeed(settings_.speed);
  pacer_.anchor(sim_->timeMs(), wallSeconds());
  setState(RunState::Running);
  scheduleTick(0);
}

void SimulationWorker::pause() {
  if (state_ != RunState::Running) return;
  ticker_.stop();
  setState(RunState::Paused);
}

void SimulationWorker::step() {
  if (!sim_) return;
  ticker_.stop();
  int64_t steps = std::max<int64_t>(1, std::llround(1.0 / sim_->network().dt));  // 1 ms
  const int64_t left = stepsLeft();
  if (left >= 0) steps = std::min(steps, left);
  if (steps > 0) runChunk(steps);
  if (!sim_) return;  // stopped by a divergence
  setState(stepsLeft() == 0 ? RunState::Finished : RunState::Paused);
}

void SimulationWorker::stop() {
  ticker_.stop();
  sim_.reset();
  probeMonitors_.clear();
  setState(RunState::Idle);
}

void SimulationWorker::reset() {
  if (!sim_) return;
  sim_->reset();
  Q_EMIT runStarted(layout_);
  pacer_.anchor(0.0, wallSeconds());
  if (state_ == RunState::Finished) setState(RunState::Paused);
}

void SimulationWorker::setSettings(RunSettings settings) {
  settings_ = settings;
  pacer_.setSpeed(settings_.speed);
  if (sim_) pacer_.anchor(sim_->timeMs(), wallSeconds());
}

void SimulationWorker::applyLiveChange(ObjectKind kind, const std::string& id,
                                       const std::string& field, ParamValue value) {
  if (kind == ObjectKind::Experiment && field == "duration") {
    if (const auto* v = std::get_if<ValueSpec>(&value)) durationMs_ = v->scalar;
    return;
  }
  if (!sim_) return;
  try {
    sim_->applyLiveChange(kind, id, field, value);
  } catch (const SpecError& e) {
    Q_EMIT liveChangeRefused(QString::fromStdString(joinDiagnostics(e.diagnostics())));
  }
}

}  // namespace snn::gui
