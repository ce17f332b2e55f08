#include "Compiler.h"

#include <algorithm>

#include "NeuronModelRegistry.h"
#include "crossbar/PulseStdpSynapses.h"
#include "data/DatasetCache.h"
#include "model/NumberText.h"
#include "model/RandomStreams.h"
#include "model/StepCount.h"
#include "plasticity/PlasticityRules.h"
#include "synapses/ConnectorBuilder.h"

namespace snn {

std::vector<int64_t> threadBounds(int64_t n, int threads) {
  const int64_t blocks = (n + NeuronGroup::kBlockSize - 1) / NeuronGroup::kBlockSize;
  std::vector<int64_t> b(static_cast<size_t>(threads) + 1);
  for (int t = 0; t <= threads; ++t)
    b[static_cast<size_t>(t)] = std::min(n, blocks * t / threads * NeuronGroup::kBlockSize);
  b.back() = n;
  return b;
}

void initializeState(CompiledNetwork& net) {
  for (CompiledPopulation& pop : net.populations) {
    NeuronGroup& g = *pop.group;
    g.resetState();
    g.seed(net.seed, pop.id);
    std::mt19937_64 rng = makeRandomStream(net.seed, "init", pop.id);
    std::vector<double> values(static_cast<size_t>(g.size()));
    for (const auto& [var, spec] : pop.init) {  // std::map: variables in name order
      spec.fill(values, rng);
      g.setState(var, values);
    }
    for (DelayRing& ring : pop.delayed) ring.clear();
  }
}

namespace {

std::unique_ptr<NeuronGroup> buildGroup(const PopulationSpec& spec, uint64_t seed, double dt) {
  const NeuronModelEntry& model = *NeuronModelRegistry::instance().find(spec.model);
  ResolvedParams params(*model.info, spec.size);
  std::mt19937_64 rng = makeRandomStream(seed, "params", spec.id);
  for (const ParamInfo& info : model.info->params)  // schema order: stable draws
    if (auto it = spec.params.find(info.name); it != spec.params.end())
      params.set(info, it->second, rng);
  std::unique_ptr<NeuronGroup> group = model.create(spec.size, std::move(params));
  group->prepare(dt);
  return group;
}

// Loads (or shares) the dataset and checks that its images fit the population and its timing
// fits int64 steps. Throws SpecError naming the timing field that does not, std::runtime_error
// for the dataset.
CompiledFeed compileFeed(const PopulationSpec& population, double dt) {
  const DatasetFeedSpec& spec = *population.feed;
  const int64_t size = population.size;
  // present and rest each at most 2^60 steps, so their sum (the period) cannot overflow.
  auto steps = [&](double ms, const char* field) {
    if (std::optional<int64_t> s = stepsIn(ms, dt)) return *s;
    throw SpecError(Diagnostic{ObjectKind::Population, population.id, field,
                               formatNumber(ms) + " ms is more steps of dt = " + formatNumber(dt) +
                                   " ms than a schedule can count (at most " +
                                   formatNumber(static_cast<double>(kMaxScheduleSteps) * dt) +
                                   " ms)"});
  };
  const int64_t presentSteps = std::max<int64_t>(1, steps(spec.presentMs, "feed.present_ms"));
  const int64_t restSteps = steps(spec.restMs, "feed.rest_ms");
  CompiledFeed f;
  f.data = sharedDataset(spec.dataset);
  f.images = spec.split == "train" ? &f.data->train : &f.data->test;
  if (f.images->pixels() != size)
    throw std::runtime_error(
        "'" + spec.dataset + "' images have " + std::to_string(f.images->pixels()) + " pixels (" +
        std::to_string(f.images->height) + " x " + std::to_string(f.images->width) +
        ") but the population has " + std::to_string(size) + " neurons");
  if (f.images->size() == 0)
    throw std::runtime_error("'" + spec.dataset + "' has no " + spec.split + " samples");
  f.presentSteps = presentSteps;
  f.periodSteps = presentSteps + restSteps;
  // Sample k of the run is (first + k) mod n: keep first mod n, so the sum cannot overflow.
  f.first = std::max<int64_t>(spec.first, 0) % f.images->size();
  return f;
}

}  // namespace

CompileResult compile(const Project& project, const CompileOptions& options) {
  CompileResult result;
  result.diagnostics = validateNetwork(project, options.validation);
  if (!result.diagnostics.empty()) return result;

  auto net = std::make_unique<CompiledNetwork>();
  net->dt = project.experiment.dt;
  net->seed = project.experiment.seed;
  net->threads = std::max(1, options.threads);
  const NetworkSpec& spec = project.network;
  for (const PopulationSpec& p : spec.populations) {
    CompiledPopulation pop;
    pop.id = p.id;
    pop.group = buildGroup(p, net->seed, net->dt);
    pop.init = p.init;
    pop.bounds = threadBounds(p.size, net->threads);
    if (p.feed) {
      try {
        pop.feed = compileFeed(p, net->dt);
      } catch (const SpecError& e) {  // the timing, with its own field
        result.diagnostics = e.diagnostics();
        return result;
      } catch (const std::exception& e) {
        result.diagnostics.push_back({ObjectKind::Population, p.id, "feed.dataset", e.what()});
        return result;
      }
    }
    net->populations.push_back(std::move(pop));
  }
  try {
    for (const ProjectionSpec& p : spec.projections) {
      CompiledProjection proj;
      proj.id = p.id;
      proj.pre = net->findPopulation(p.pre);
      proj.post = net->findPopulation(p.post);
      proj.receptor = p.receptor;
      CompiledPopulation& pre = net->populations[static_cast<size_t>(proj.pre)];
      CompiledPopulation& post = net->populations[static_cast<size_t>(proj.post)];
      proj.fromCurrentSource = pre.group->role() == ModelRole::CurrentSource;
      proj.weightsListed = p.hasWeightsPerSynapse();
      if (p.connector.isShaped()) {  // the kernel, once; no synapse list
        const PopulationSpec& preSpec = *spec.findPopulation(p.pre);
        const PopulationSpec& postSpec = *spec.findPopulation(p.post);
        proj.conv = std::make_unique<ConvConnector>(p.connector, *preSpec.shape, *postSpec.shape,
                                                    p.weight.scalar);
        proj.synapses.preSize = static_cast<int32_t>(preSpec.size);
        proj.synapses.postSize = static_cast<int32_t>(postSpec.size);
        proj.synapses.rowStart.assign(static_cast<size_t>(preSpec.size) + 1, 0);
        proj.synapses.uniformDelay = static_cast<int32_t>(delaySteps(p.delay.scalar, net->dt));
      } else {
        proj.synapses =
            ConnectorBuilder(p, pre.group->size(), post.group->size(), net->dt, net->seed)
                .build(options.cancelled);
      }
      proj.synapses.partition(post.bounds);
      if (!p.crossbar.empty())
        proj.crossbar = std::make_unique<CrossbarSynapses>(*spec.findCrossbar(p.crossbar),
                                                           proj.synapses, net->seed);
      if (p.plasticity) {
        // reset() comes back to the weights as the rule prepared them.
        proj.plasticity = proj.crossbar ? std::make_unique<PulseStdpSynapses>(
                                              StdpRule::fromSpec(*p.plasticity, net->dt),
                                              proj.synapses, proj.crossbar->array(), net->seed)
                                        : findPlasticityRuleEntry(p.plasticity->rule)
                                              ->create(*p.plasticity, net->dt, proj.synapses);
        proj.plasticity->prepare(proj.synapses);
        proj.plasticity->keepInitialWeights(proj.synapses);
      }
      if (proj.crossbar) proj.crossbar->keepInitial();
      const int32_t maxDelay = proj.synapses.maxDelay();
      DelayRing& ring = post.delayed[static_cast<size_t>(p.receptor)];
      if (maxDelay > 0 && !proj.fromCurrentSource) {
        // One ring per receptor, long enough for the longest delay into it.
        int32_t longest = maxDelay;
        for (const CompiledProjection& other : net->projections)
          if (other.post == proj.post && other.receptor == proj.receptor)
            longest = std::max(longest, other.synapses.maxDelay());
        ring = DelayRing(longest, post.group->size());
      }
      net->projections.push_back(std::move(proj));
    }
  } catch (const SpecError& e) {
    result.diagnostics = e.diagnostics();
    return result;
  }
  for (const MonitorSpec& m : spec.monitors) {
    CompiledMonitor mon;
    mon.spec = m;
    mon.population = net->findPopulation(m.target);
    for (int64_t n : m.neurons) mon.neurons.push_back(static_cast<int32_t>(n));
    if (m.type == MonitorSpec::Type::State && mon.neurons.empty()) {
      const int64_t size = net->populations[static_cast<size_t>(mon.population)].group->size();
      for (int64_t n = 0; n < size; ++n) mon.neurons.push_back(static_cast<int32_t>(n));
    }
    net->monitors.push_back(std::move(mon));
  }
  initializeState(*net);
  result.network = std::move(net);
  return result;
}

}  // namespace snn
