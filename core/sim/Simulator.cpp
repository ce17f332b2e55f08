#include "Simulator.h"

#include <omp.h>
#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <chrono>
#include <limits>
#include <utility>

#include "Compiler.h"
#include "NetworkValidator.h"
#include "NeuronModelRegistry.h"
#include "SimulatorWorker.h"
#include "encoders/ImageEncoder.h"
#include "model/CrossbarSchema.h"
#include "model/RandomStreams.h"
#include "model/StepCount.h"
#include "synapses/ConnectorBuilder.h"

namespace snn {

Simulator::Simulator(std::unique_ptr<CompiledNetwork> network)
    : net_(std::move(network)), recorder_(*net_, net_->threads), watch_(net_->threads) {
  const size_t pops = net_->populations.size();
  workers_.resize(static_cast<size_t>(net_->threads));
  for (size_t t = 0; t < workers_.size(); ++t) {
    workers_[t].index = static_cast<int>(t);
    for (auto& parity : workers_[t].spikes) parity.resize(pops);
    workers_[t].synapticOps.assign(net_->projections.size(), 0);
    workers_[t].activeSteps.assign(net_->projections.size(), 0);
  }
  preparePlasticityCounts();
  receivesCurrent_.assign(pops, false);
  for (const CompiledProjection& p : net_->projections)
    if (p.fromCurrentSource) receivesCurrent_[static_cast<size_t>(p.post)] = true;
  for (size_t p = 0; p < pops; ++p)
    net_->populations[p].group->setHasExternalInput(receivesCurrent_[p]);
  totalSpikes_.assign(pops, 0);
  for (const CompiledProjection& p : net_->projections) {
    hasPlasticity_ = hasPlasticity_ || p.plasticity;
    hasCrossbars_ = hasCrossbars_ || (p.crossbar && !p.fromCurrentSource);
    hasCurrentCrossbars_ = hasCurrentCrossbars_ || (p.crossbar && p.fromCurrentSource);
  }
}

Simulator::~Simulator() = default;

// One step, in Brian2's order (DESIGN.md, "Simulation semantics"). Phase A touches only the
// worker's own neurons; after the barrier, phase B adds all spikes into the worker's own targets.
void Simulator::stepOnce(Worker& w, int64_t step) {
  // The step reads as a table.
  // clang-format off
  driveCurrents(w, step);      // current sources set this step's external input
  updatePopulations(w, step);  // 1. sources emit; 2. integrate; 3. threshold; 5. reset
  updatePreTraces(w, step);    // 6. presynaptic traces of the worker's own neurons
#pragma omp barrier
  if (hasCrossbars_) stepCrossbars(step);  // 4. crossbars read (and 6. learn), one thread
  propagateSpikes(w, step);    // 4. spikes add their weights (now, or into the delay ring)
  deliverDelayed(w, step);     // 4. delayed input due now joins the synaptic currents
  applyPlasticity(w, step);    // 6. weight changes and normalisation of the worker's own targets
  recorder_.record(w.index, step, w.spikes[step & 1]);  // 7. monitors and spike counts
  // clang-format on
}

void Simulator::driveCurrents(Worker& w, int64_t step) {
  for (size_t p = 0; p < net_->populations.size(); ++p) {
    if (!receivesCurrent_[p]) continue;
    const CompiledPopulation& pop = net_->populations[p];
    Real* ext = pop.group->externalCurrent();
    std::fill(ext + pop.bounds[w.index], ext + pop.bounds[w.index + 1], Real(0));
  }
  if (hasCurrentCrossbars_) readCurrentCrossbars(step);
  for (size_t p = 0; p < net_->projections.size(); ++p) {
    const CompiledProjection& proj = net_->projections[p];
    if (!proj.fromCurrentSource) continue;
    const NeuronGroup& source = *net_->populations[static_cast<size_t>(proj.pre)].group;
    Real* ext = net_->populations[static_cast<size_t>(proj.post)].group->externalCurrent();
    if (proj.crossbar) {  // the crossbar's output, read by readCurrentCrossbars
      const auto& post = net_->populations[static_cast<size_t>(proj.post)];
      if (proj.crossbar->active())
        for (int64_t j = post.bounds[w.index], e = post.bounds[w.index + 1]; j < e; ++j)
          ext[j] += proj.crossbar->output()[j];
      continue;
    }
    const SynapseMatrix& m = proj.synapses;
    uint64_t macs = 0;
    if (proj.conv) {
      const auto& post = net_->populations[static_cast<size_t>(proj.post)];
      for (int64_t i = 0; i < m.preSize; ++i)
        if (const Real current = source.outputCurrent(i, step); current != 0) {
          proj.conv->scatter(i, current, ext, post.bounds[w.index], post.bounds[w.index + 1]);
          if (w.index == 0) macs += static_cast<uint64_t>(proj.conv->fanOut(i));
        }
      if (counting_) {
        w.synapticOps[p] += macs;
        if (w.index == 0 && macs > 0) ++w.activeSteps[p];
      }
      continue;
    }
    for (int64_t i = 0; i < m.preSize; ++i) {
      const Real current = source.outputCurrent(i, step);
      if (current == 0) continue;
      const int64_t begin = m.partBegin(i, w.index), end = m.partEnd(i, w.index);
      macs += static_cast<uint64_t>(end - begin);
      for (int64_t k = begin; k < end; ++k) ext[m.target[k]] += m.weight[k] * current;
    }
    if (counting_) {
      w.synapticOps[p] += macs;
      if (w.index == 0 && macs > 0) ++w.activeSteps[p];
    }
  }
}

void Simulator::updatePopulations(Worker& w, int64_t step) {
  auto& spikes = w.spikes[step & 1];
  for (size_t p = 0; p < net_->populations.size(); ++p) {
    CompiledPopulation& pop = net_->populations[p];
    spikes[p].clear();
    pop.group->update(step, pop.bounds[w.index], pop.bounds[w.index + 1], spikes[p]);
    if (DivergenceWatch::due(step) || step == lastStep_)
      watch_.check(w.index, step, p, *pop.group, pop.bounds[w.index], pop.bounds[w.index + 1]);
  }
}

void Simulator::propagateSpikes(Worker& w, int64_t step) {
  for (size_t p = 0; p < net_->projections.size(); ++p) {
    const CompiledProjection& proj = net_->projections[p];
    if (proj.fromCurrentSource) continue;
    if (proj.crossbar) {
      addCrossbarOutput(w, proj, step);
      continue;
    }
    if (counting_)
      propagateProjection<true>(w, proj, p, step);
    else
      propagateProjection<false>(w, proj, p, step);
  }
}

// kCount: the synaptic operations (each spike's row segment length) are summed on the way, one
// add per spike; the flag is a template argument so that the benchmark's "off" is really off.
template <bool kCount>
void Simulator::propagateProjection(Worker& w, const CompiledProjection& proj, size_t index,
                                    int64_t step) {
  const int part = w.index;
  CompiledPopulation& post = net_->populations[static_cast<size_t>(proj.post)];
  Real* now = post.group->synapticCurrent(proj.receptor);
  DelayRing& ring = post.delayed[static_cast<size_t>(proj.receptor)];
  const SynapseMatrix& m = proj.synapses;
  const int32_t* __restrict target = m.target.data();
  const float* __restrict weight = m.weight.data();
  uint64_t ops = 0;
  bool any = false;
  if (proj.conv) {  // through the kernel, into this worker's targets
    Real* into = m.uniformDelay == 0 ? now : ring.slot(step + m.uniformDelay);
    const int64_t begin = post.bounds[static_cast<size_t>(part)];
    const int64_t end = post.bounds[static_cast<size_t>(part) + 1];
    for (const Worker& source : workers_)
      for (int32_t i : source.spikes[step & 1][static_cast<size_t>(proj.pre)]) {
        proj.conv->scatter(i, 1.0, into, begin, end);
        if constexpr (kCount) {
          any = true;
          if (part == 0) ops += static_cast<uint64_t>(proj.conv->fanOut(i));
        }
      }
  }
  for (const Worker& source : workers_) {  // worker order = neuron order: deterministic sums
    if (proj.conv) break;                  // delivered through the kernel above
    const auto& spikes = source.spikes[step & 1][static_cast<size_t>(proj.pre)];
    if constexpr (kCount) any = any || !spikes.empty();
    for (int32_t i : spikes) {
      const int64_t begin = m.partBegin(i, part), end = m.partEnd(i, part);
      if constexpr (kCount) ops += static_cast<uint64_t>(end - begin);
      if (m.delay.empty() && m.contiguousRows) {  // a dense row: a vector add
        if (begin == end) continue;
        Real* __restrict into =
            (m.uniformDelay == 0 ? now : ring.slot(step + m.uniformDelay)) + target[begin];
        const float* __restrict from = weight + begin;
        for (int64_t k = 0; k < end - begin; ++k) into[k] += from[k];
      } else if (m.delay.empty()) {
        Real* __restrict into = m.uniformDelay == 0 ? now : ring.slot(step + m.uniformDelay);
        for (int64_t k = begin; k < end; ++k) into[target[k]] += weight[k];
      } else {
        for (int64_t k = begin; k < end; ++k) ring.slot(step + m.delay[k])[target[k]] += weight[k];
      }
    }
  }
  if constexpr (kCount) {
    w.synapticOps[index] += ops;
    if (any && w.index == 0) ++w.activeSteps[index];
  }
}

// A crossbar is read once per step for all workers, on one thread (the implicit barrier at the
// end of the single section lets every worker read its output afterwards): its noise and pulse
// streams are drawn in one order whatever the number of threads. Its plasticity runs there too,
// right after the read, in the order applyPlasticity keeps (pre spikes, then post spikes).
void Simulator::stepCrossbars(int64_t step) {
#pragma omp single
  {
    for (size_t p = 0; p < net_->projections.size(); ++p) {
      CompiledProjection& proj = net_->projections[p];
      if (!proj.crossbar || proj.fromCurrentSource) continue;
      crossbarRows_.clear();
      for (const Worker& source : workers_) {  // worker order = neuron order: sorted rows
        const auto& spikes = source.spikes[step & 1][static_cast<size_t>(proj.pre)];
        crossbarRows_.insert(crossbarRows_.end(), spikes.begin(), spikes.end());
      }
      if (counting_) countCrossbarRows(p);
      proj.crossbar->read(crossbarRows_);
      if (proj.plasticity && plasticityEnabled_) learnOnCrossbar(proj, step);
    }
  }
}

// A current source's output drives a crossbar's rows as analog voltages (one DAC conversion per
// row and step); one thread reads, as in stepCrossbars, and every worker adds its targets' part.
void Simulator::readCurrentCrossbars(int64_t step) {
#pragma omp single
  {
    for (size_t p = 0; p < net_->projections.size(); ++p) {
      CompiledProjection& proj = net_->projections[p];
      if (!proj.crossbar || !proj.fromCurrentSource) continue;
      const NeuronGroup& source = *net_->populations[static_cast<size_t>(proj.pre)].group;
      crossbarInputs_.resize(source.size());
      crossbarRows_.clear();
      for (int64_t i = 0; i < source.size(); ++i) {
        crossbarInputs_(i) = source.outputCurrent(i, step);
        if (counting_ && crossbarInputs_(i) != 0) crossbarRows_.push_back(static_cast<int32_t>(i));
      }
      if (counting_) countCrossbarRows(p);
      proj.crossbar->readAnalog(crossbarInputs_);
    }
  }
}

void Simulator::learnOnCrossbar(CompiledProjection& proj, int64_t step) {
  PlasticityRule& plastic = *proj.plasticity;
  plastic.decayPostTraces(0, proj.synapses.postSize);
  for (int32_t i : crossbarRows_) plastic.onPreSpike(proj.synapses, 0, i);
  for (const Worker& w : workers_)
    for (int32_t j : w.spikes[step & 1][static_cast<size_t>(proj.post)])
      plastic.onPostSpike(proj.synapses, step, j);
  if (plastic.normalizesAfter(step)) plastic.normalize(proj.synapses, 0, 0, proj.synapses.postSize);
}

void Simulator::addCrossbarOutput(Worker& w, const CompiledProjection& proj, int64_t step) {
  if (!proj.crossbar->active()) return;
  CompiledPopulation& post = net_->populations[static_cast<size_t>(proj.post)];
  const int32_t delay = proj.synapses.uniformDelay;
  Real* __restrict into = delay == 0
                              ? post.group->synapticCurrent(proj.receptor)
                              : post.delayed[static_cast<size_t>(proj.receptor)].slot(step + delay);
  const float* __restrict from = proj.crossbar->output();
  for (int64_t j = post.bounds[w.index], e = post.bounds[w.index + 1]; j < e; ++j)
    into[j] += from[j];
}

void Simulator::deliverDelayed(Worker& w, int64_t step) {
  for (CompiledPopulation& pop : net_->populations) {
    for (size_t r = 0; r < pop.delayed.size(); ++r) {
      DelayRing& ring = pop.delayed[r];
      if (ring.empty()) continue;
      Real* due = ring.slot(step);
      Real* current = pop.group->synapticCurrent(static_cast<Receptor>(r));
      for (int64_t j = pop.bounds[w.index], e = pop.bounds[w.index + 1]; j < e; ++j) {
        current[j] += due[j];
        due[j] = 0;
      }
    }
  }
}

namespace {

// Currents and traces that decay towards 0 pass through the denormal floats (below 1.2e-38),
// which x86 multiplies a hundred times slower than normal ones; a network that is mostly silent
// spends most of its time there. While the simulator runs, each of its threads flushes them to 0
// (MXCSR's flush-to-zero and denormals-are-zero); the caller's mode is restored afterwards.
class DenormalsFlushed {
 public:
#if defined(__SSE2__)
  DenormalsFlushed() : saved_(_mm_getcsr()) {
    _mm_setcsr(saved_ | 0x8040);
  }
  ~DenormalsFlushed() {
    _mm_setcsr(saved_);
  }

 private:
  unsigned saved_;
#endif
};

}  // namespace

void Simulator::advance(int64_t first, int64_t steps) {
  lastStep_ = first + steps - 1;  // read by the workers: set before they start
  if (workers_.size() == 1) {
    const DenormalsFlushed flushed;
    for (int64_t s = first; s < first + steps && !watch_.stopsAfter(s - 1); ++s)
      stepOnce(workers_[0], s);
  } else {
#pragma omp parallel num_threads(static_cast <int>(workers_.size()))
    {
      const DenormalsFlushed flushed;
      Worker& w = workers_[static_cast<size_t>(omp_get_thread_num())];
      // Every worker sees the same divergence state after a step's barrier, so all stop together.
      for (int64_t s = first; s < first + steps && !watch_.stopsAfter(s - 1); ++s) stepOnce(w, s);
    }
  }
}

int64_t Simulator::applyFeeds(int64_t step) {
  int64_t next = std::numeric_limits<int64_t>::max();
  for (size_t p = 0; p < net_->populations.size(); ++p) {
    CompiledPopulation& pop = net_->populations[p];
    if (!pop.feed) continue;
    const CompiledFeed& f = *pop.feed;
    // compileFeed keeps 1 <= presentSteps <= periodSteps <= 2^61 and 0 <= first < n, so none of
    // this overflows: sample k is (first + k) mod n, computed mod n term by term.
    const int64_t phase = step % f.periodSteps;
    auto* encoder = dynamic_cast<ImageEncoder*>(pop.group.get());
    if (phase == 0) {
      const int64_t n = f.images->size();
      const int64_t sample = (f.first + (step / f.periodSteps) % n) % n;
      ++samplesShown_;
      encoder->present(std::span<const float>(f.images->images.row(sample).data(),
                                              static_cast<size_t>(f.images->pixels())),
                       step);
      recorder_.addFeedEvent(
          {static_cast<int>(p), step, sample, f.images->labels[static_cast<size_t>(sample)]});
    } else if (phase == f.presentSteps) {
      encoder->silence();
      recorder_.addFeedEvent({static_cast<int>(p), step, -1, -1});
    }
    const int64_t toRest =
        f.presentSteps > phase && f.presentSteps < f.periodSteps ? f.presentSteps - phase : 0;
    next = std::min(next, addSteps(step, toRest > 0 ? toRest : f.periodSteps - phase));
  }
  return next;
}

SimulationChunk Simulator::run(int64_t steps) {
  const auto start = std::chrono::steady_clock::now();
  steps = std::max<int64_t>(steps, 0);
  recorder_.begin(step_, steps, net_->dt);
  watch_.clear();
  const int64_t first = step_, end = first + steps;
  // Dataset feeds change their encoders' input between steps, single-threaded; the steps in
  // between run in one parallel region each.
  for (int64_t s = first; s < end;) {
    const int64_t next = std::min(applyFeeds(s), end);
    advance(s, next - s);
    if (watch_.diverged()) {
      step_ = watch_.step() + 1;
      countedSteps_ += step_ - s;
      throw SpecError(watch_.diagnostic(*net_));
    }
    countedSteps_ += next - s;
    s = next;
  }
  step_ = end;
  SimulationChunk chunk = recorder_.finish(totalSpikes_);
  chunk.wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (counting_) chunk.counts = operationCounts();
  return chunk;
}

void Simulator::reset() {
  initializeState(*net_);
  for (CompiledProjection& proj : net_->projections) {
    if (proj.crossbar) proj.crossbar->reset();
    if (!proj.plasticity) continue;
    proj.synapses.weight = proj.plasticity->initialWeights();
    proj.plasticity->clearTraces();
  }
  step_ = 0;
  std::fill(totalSpikes_.begin(), totalSpikes_.end(), 0);
  clearCounts();
  watch_.clear();
}

void Simulator::setPlasticityEnabled(bool enabled) {
  if (enabled && !plasticityEnabled_)
    for (CompiledProjection& proj : net_->projections)
      if (proj.plasticity) proj.plasticity->clearTraces();
  plasticityEnabled_ = enabled;
}

void Simulator::skipSilence(int64_t steps) {
  if (steps <= 0) return;
  bool closedForm = true;
  for (size_t p = 0; p < net_->populations.size(); ++p) {
    const CompiledPopulation& pop = net_->populations[p];
    closedForm = closedForm && !receivesCurrent_[p] && pop.group->canDecayFreely();
    for (const DelayRing& ring : pop.delayed) closedForm = closedForm && ring.empty();
  }
  if (!closedForm) {
    run(steps);
    return;
  }
  skippedSteps_ += steps;
  for (CompiledPopulation& pop : net_->populations) pop.group->decayFreely(steps);
  if (plasticityEnabled_) {
    for (CompiledProjection& proj : net_->projections)
      if (proj.plasticity) proj.plasticity->skipSilence(proj.synapses, step_, steps);
  }
  step_ += steps;
}

void Simulator::setParameter(std::string_view population, std::string_view param,
                             const ParamValue& value) {
  const int p = net_->findPopulation(population);
  if (p < 0)
    throw SpecError(
        Diagnostic{ObjectKind::Population, std::string(population), "", "no such population"});
  NeuronGroup& g = *net_->populations[static_cast<size_t>(p)].group;
  const ParamInfo* info = g.info().findParam(param);
  const std::string field = "params." + std::string(param);
  if (!info)
    throw SpecError(Diagnostic{ObjectKind::Population, std::string(population), field,
                               "unknown parameter of model '" + g.info().name + "'"});
  if (auto problem = checkParamValue(*info, value, g.size()))
    throw SpecError(Diagnostic{ObjectKind::Population, std::string(population), field, *problem});
  std::mt19937_64 rng = makeRandomStream(net_->seed, "params", population);
  // Checks between parameters (e.g. one spike train per neuron) on a copy before anything changes.
  if (const NeuronModelEntry* model = NeuronModelRegistry::instance().find(g.info().name);
      model && model->check) {
    ResolvedParams trial = g.params();
    trial.set(*info, value, rng);
    std::vector<Diagnostic> problems;
    model->check(trial, [&](const std::string& f, const std::string& message) {
      problems.push_back({ObjectKind::Population, std::string(population), f, message});
    });
    if (!problems.empty()) throw SpecError(std::move(problems));
    rng = makeRandomStream(net_->seed, "params", population);
  }
  g.setParameter(*info, value, rng);
}

void Simulator::setProjectionWeight(std::string_view projection, const ValueSpec& weight) {
  const std::string id(projection);
  auto it = std::find_if(net_->projections.begin(), net_->projections.end(),
                         [&](const CompiledProjection& p) { return p.id == id; });
  if (it == net_->projections.end())
    throw SpecError(Diagnostic{ObjectKind::Projection, id, "", "no such projection"});
  auto refuse = [&](const std::string& why) {
    throw SpecError(Diagnostic{ObjectKind::Projection, id, "weight", why});
  };
  if (weight.kind == ValueSpec::Kind::Array)
    refuse("a per-synapse weight array takes a recompile, not a change between chunks");
  if (it->weightsListed) refuse("the weights are given per synapse: recompile to change them");
  if (it->plasticity) refuse("the weights are learned (plasticity): recompile to change them");
  if (it->conv) refuse("a conv2d or avg_pool2d kernel's weight takes a recompile");
  const ParamInfo info{.name = "weight", .unit = "nA"};
  if (auto problem = checkParamValue(info, weight, it->synapses.synapseCount())) refuse(*problem);
  assignWeights(it->synapses.weight, weight, net_->seed, id);
}

void Simulator::applyLiveChange(ObjectKind kind, std::string_view id, std::string_view field,
                                const ParamValue& value) {
  constexpr std::string_view params = "params.";
  if (kind == ObjectKind::Population && field.substr(0, params.size()) == params) {
    setParameter(id, field.substr(params.size()), value);
  } else if (kind == ObjectKind::Projection && field == "weight" &&
             std::holds_alternative<ValueSpec>(value)) {
    setProjectionWeight(id, std::get<ValueSpec>(value));
  } else if (kind == ObjectKind::Crossbar) {
    applyCrossbarChange(id, field, value);
  } else {
    throw SpecError(Diagnostic{kind, std::string(id), std::string(field),
                               "a running network cannot take this change; compile it again"});
  }
}

void Simulator::applyCrossbarChange(std::string_view id, std::string_view field,
                                    const ParamValue& value) {
  auto refuse = [&](const std::string& why) {
    throw SpecError(Diagnostic{ObjectKind::Crossbar, std::string(id), std::string(field), why});
  };
  for (CompiledProjection& proj : net_->projections) {
    if (!proj.crossbar || proj.crossbar->array().spec().id != id) continue;
    CrossbarSpec next = proj.crossbar->array().spec();
    if (auto problem = setCrossbarField(next, field, value)) refuse(*problem);
    if (!proj.crossbar->applyLive(next))
      refuse("the crossbar's devices must be made again: compile the network again");
    return;
  }
  refuse("no projection of the running network is carried by this crossbar");
}

int Simulator::addStateMonitor(const MonitorSpec& spec) {
  const int p = net_->findPopulation(spec.target);
  const std::string id = std::to_string(net_->monitors.size());
  if (p < 0)
    throw SpecError(
        Diagnostic{ObjectKind::Monitor, id, "target", "no population '" + spec.target + "'"});
  const NeuronGroup& group = *net_->populations[static_cast<size_t>(p)].group;
  if (spec.type != MonitorSpec::Type::State || !group.hasState(spec.variable))
    throw SpecError(
        Diagnostic{ObjectKind::Monitor, id, "variable",
                   "'" + spec.target + "' has no state variable '" + spec.variable + "'"});
  if (spec.neurons.empty() || spec.every < 1)
    throw SpecError(Diagnostic{ObjectKind::Monitor, id, "neurons", "names no neuron to trace"});
  CompiledMonitor mon;
  mon.spec = spec;
  mon.population = p;
  for (int64_t n : spec.neurons) {
    if (n < 0 || n >= group.size())
      throw SpecError(
          Diagnostic{ObjectKind::Monitor, id, "neurons",
                     "neuron " + std::to_string(n) + " is outside '" + spec.target + "'"});
    mon.neurons.push_back(static_cast<int32_t>(n));
  }
  size_t m = 0;
  while (m < net_->monitors.size() && !(net_->monitors[m].spec.type == MonitorSpec::Type::State &&
                                        net_->monitors[m].neurons.empty()))
    ++m;
  if (m == net_->monitors.size()) net_->monitors.emplace_back();
  net_->monitors[m] = std::move(mon);
  recorder_.monitorChanged(m);
  return static_cast<int>(m);
}

void Simulator::removeStateMonitor(int monitor) {
  const auto m = static_cast<size_t>(monitor);
  if (monitor < 0 || m >= net_->monitors.size() ||
      net_->monitors[m].spec.type != MonitorSpec::Type::State)
    return;
  net_->monitors[m].neurons.clear();
  recorder_.monitorChanged(m);
}

}  // namespace snn
