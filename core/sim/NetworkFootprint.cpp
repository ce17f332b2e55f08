#include "NetworkFootprint.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "model/NumberText.h"
#include "sim/NeuronModelRegistry.h"
#include "system/MemoryBudget.h"

namespace snn {

namespace {

// Per neuron: state, step constants, flags and inputs. Per synapse: target index and weight in
// the matrix, a delay where delays vary, and the sort buffer while the matrix is built.
constexpr double kBytesPerNeuron = 96;
constexpr double kBytesPerSynapse = 24;
// A plastic projection also keeps its initial weights and an index of each target's inputs.
constexpr double kBytesPerPlasticSynapse = 16;
// A recorded spike: its step (int64) and neuron (int32).
constexpr double kBytesPerSpike = 12;
// A delay ring slot holds one double per target neuron; delays beyond this many steps are
// refused by the compiler, so no ring is longer.
constexpr double kMaxDelaySteps = 65535;

// A count that stays finite whatever the input (an estimate must never say "inf GB").
double bounded(double x) {
  return std::isfinite(x) ? std::clamp(x, 0.0, 1e30) : (x > 0 ? 1e30 : 0.0);
}

std::string count(double x) {
  return formatNumber(x);
}

double expectedSynapses(const ConnectorSpec& c, double np, double nq) {
  switch (c.type) {
    case ConnectorSpec::Type::AllToAll:
      return np * nq;
    case ConnectorSpec::Type::OneToOne:
      return nq;
    case ConnectorSpec::Type::Random:
      return c.p * np * nq;
    case ConnectorSpec::Type::FixedInDegree:
      return static_cast<double>(c.n) * nq;
    case ConnectorSpec::Type::FromList:
      return static_cast<double>(c.list.size());
    case ConnectorSpec::Type::Conv2d:
    case ConnectorSpec::Type::AvgPool2d:
      return 0;  // the kernel is stored once, not per synapse
  }
  return 0;
}

const char* connectorField(const ConnectorSpec& c) {
  switch (c.type) {
    case ConnectorSpec::Type::Random:
      return "connector.p";
    case ConnectorSpec::Type::FixedInDegree:
      return "connector.n";
    case ConnectorSpec::Type::FromList:
      return "connector.list";
    default:
      return "connector";
  }
}

// Spikes per second of one neuron of `p`, at most one per step (see kAssumedNeuronRateHz).
double rateBound(const PopulationSpec& p, double durationMs, double dt) {
  const double perStep = dt > 0 ? 1000.0 / dt : 0.0;
  const NeuronModelEntry* model = NeuronModelRegistry::instance().find(p.model);
  auto highest = [&](const char* name, double fallback) {
    auto it = p.params.find(name);
    if (it == p.params.end()) return fallback;
    const auto* v = std::get_if<ValueSpec>(&it->second);
    return v ? v->highest() : fallback;
  };
  double rate = kAssumedNeuronRateHz;
  if (model && model->info->name == "poisson") {
    rate = p.feed ? highest("rate_max", 63.75) : highest("rate", 10.0);
  } else if (model && model->info->name == "spike_source") {
    auto it = p.params.find("spike_times");
    const auto* trains = it == p.params.end() ? nullptr : std::get_if<SpikeTrains>(&it->second);
    double spikes = 0;
    if (trains)
      for (const auto& train : *trains) spikes += static_cast<double>(train.size());
    const double seconds = durationMs / 1000.0;
    rate = seconds > 0 && p.size > 0 ? spikes / seconds / static_cast<double>(p.size) : 0.0;
  } else if (model && model->info->role == ModelRole::CurrentSource) {
    rate = 0;
  }
  return std::min(bounded(rate), perStep);
}

void addNetworkParts(const NetworkSpec& net, double dt, NetworkFootprint& f) {
  for (const PopulationSpec& p : net.populations) {
    const double n = static_cast<double>(std::max<int64_t>(p.size, 0));
    f.neurons += std::max<int64_t>(p.size, 0);
    f.parts.push_back({ObjectKind::Population, p.id, "size", kBytesPerNeuron * n,
                       "state of " + count(n) + " neurons"});
  }
  for (const ProjectionSpec& proj : net.projections) {
    const PopulationSpec* pre = net.findPopulation(proj.pre);
    const PopulationSpec* post = net.findPopulation(proj.post);
    if (!pre || !post) continue;
    const double np = static_cast<double>(std::max<int64_t>(pre->size, 0));
    const double nq = static_cast<double>(std::max<int64_t>(post->size, 0));
    const double synapses = bounded(expectedSynapses(proj.connector, np, nq));
    f.synapses += synapses;
    const double perSynapse = kBytesPerSynapse + (proj.plasticity ? kBytesPerPlasticSynapse : 0);
    f.parts.push_back({ObjectKind::Projection, proj.id, connectorField(proj.connector),
                       perSynapse * synapses,
                       count(synapses) + " synapses" + (proj.plasticity ? " (plastic)" : "")});
    // Delayed spikes wait in a ring of (max delay + 1) buffers of the target's inputs.
    const double maxDelay = proj.delay.kind == ValueSpec::Kind::Normal
                                ? proj.delay.a + 6 * proj.delay.b
                                : proj.delay.highest();
    if (maxDelay > 0 && dt > 0) {
      const double slots = std::min(bounded(maxDelay / dt), kMaxDelaySteps) + 1;
      f.parts.push_back(
          {ObjectKind::Projection, proj.id, "delay", slots * nq * sizeof(double),
           "a delay ring of " + count(slots) + " steps x " + count(nq) + " target neurons"});
    }
  }
}

void addRunParts(const Project& project, const FootprintOptions& options, NetworkFootprint& f) {
  const NetworkSpec& net = project.network;
  const double dt = project.experiment.dt;
  if (!(dt > 0)) return;
  const double duration = bounded(project.experiment.duration);
  const double steps = bounded(duration / dt);
  const double pops = static_cast<double>(net.populations.size());
  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  // A chunk counts each population's spikes per step, once per thread and once merged.
  const double chunkSteps = std::min(bounded(options.chunkMs / dt), std::max(steps, 1.0));
  f.parts.push_back({ObjectKind::Experiment, "", "dt",
                     chunkSteps * pops * (threads + 1) * sizeof(int32_t),
                     "per-step spike counts of one " + formatNumber(options.chunkMs) +
                         " ms chunk (" + count(chunkSteps) + " steps of dt x " + count(pops) +
                         " populations x " + std::to_string(threads + 1) + " buffers)"});
  if (!options.keepRecording) return;
  f.parts.push_back({ObjectKind::Experiment, "", "duration", steps * pops * sizeof(int32_t),
                     "per-step spike counts of the whole run (" + count(steps) + " steps)"});
  for (size_t i = 0; i < net.monitors.size(); ++i) {
    const MonitorSpec& m = net.monitors[i];
    const PopulationSpec* target = net.findPopulation(m.target);
    if (!target) continue;
    const double size = static_cast<double>(std::max<int64_t>(target->size, 0));
    if (m.type == MonitorSpec::Type::State) {
      const double traced = m.neurons.empty() ? size : static_cast<double>(m.neurons.size());
      const double samples = steps / static_cast<double>(std::max<int64_t>(m.every, 1));
      f.parts.push_back({ObjectKind::Monitor, std::to_string(i), "neurons",
                         samples * (traced * sizeof(float) + sizeof(int64_t)),
                         count(samples) + " samples of " + count(traced) + " traced neurons"});
    } else if (m.type == MonitorSpec::Type::Spikes) {
      const double recorded = m.neurons.empty() ? size : static_cast<double>(m.neurons.size());
      const double spikes = recorded * rateBound(*target, duration, dt) * duration / 1000.0;
      f.parts.push_back({ObjectKind::Monitor, std::to_string(i), "target",
                         bounded(spikes) * kBytesPerSpike,
                         "about " + count(spikes) + " spikes of '" + target->id + "'"});
    }
  }
}

// Per device of a crossbar (CrossbarDevices, CrossbarArray, CrossbarTile): nine doubles of
// fabrication and programming state, a fault byte and a pulse count, the read conductance and
// its noise, and five doubles of the tile's folded IR-drop and noise matrices.
constexpr double kBytesPerCrossbarDevice = 9 * 8 + 1 + 8 + 2 * 8 + 5 * 8;

void addCrossbarParts(const NetworkSpec& net, NetworkFootprint& f) {
  for (const CrossbarSpec& c : net.crossbars) {
    const double devices =
        static_cast<double>(std::max<int64_t>(c.rows, 0)) * std::max<int64_t>(c.cols, 0);
    f.parts.push_back({ObjectKind::Crossbar, c.id, "rows", kBytesPerCrossbarDevice * devices,
                       "devices of crossbar '" + c.id + "' (" + count(devices) + ")"});
  }
}

}  // namespace

const FootprintPart* NetworkFootprint::largest() const {
  const FootprintPart* best = nullptr;
  for (const FootprintPart& p : parts)
    if (!best || p.bytes > best->bytes) best = &p;
  return best;
}

NetworkFootprint estimateFootprint(const Project& project, const FootprintOptions& options) {
  NetworkFootprint f;
  addNetworkParts(project.network, project.experiment.dt, f);
  addCrossbarParts(project.network, f);
  addRunParts(project, options, f);
  for (FootprintPart& p : f.parts) {
    p.bytes = bounded(p.bytes);
    f.bytes += p.bytes;
  }
  return f;
}

std::vector<Diagnostic> checkFootprint(const Project& project, double budgetBytes,
                                       const FootprintOptions& options) {
  const NetworkFootprint f = estimateFootprint(project, options);
  MemoryBudget budget{budgetBytes, "the budget given"};
  if (budgetBytes <= 0) budget = availableMemory();
  if (f.bytes <= budget.bytes || !f.largest()) return {};
  const FootprintPart& big = *f.largest();
  std::string message = "the network would need about " + formatBytes(f.bytes) +
                        ", more than the " + formatBytes(budget.bytes) +
                        " this process can still allocate (" + budget.limit +
                        "); the largest part is " + big.what + ", " + formatBytes(big.bytes);
  if (options.keepRecording)
    message += " (recordings are sized for the whole duration, neurons at " +
               formatNumber(kAssumedNeuronRateHz) + " Hz)";
  return {Diagnostic{big.kind, big.objectId, big.field, message}};
}

double defaultMemoryBudgetBytes() {
  return availableMemory().bytes;
}

}  // namespace snn
