#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "DelayRing.h"
#include "crossbar/CrossbarSynapses.h"
#include "data/Dataset.h"
#include "model/NetworkSpec.h"
#include "neurons/NeuronGroup.h"
#include "plasticity/PlasticityRule.h"
#include "synapses/ConvConnector.h"
#include "synapses/SynapseMatrix.h"

namespace snn {

// Images an encoder population shows, in steps: sample k from step k * period on, silence from
// k * period + present on.
struct CompiledFeed {
  std::shared_ptr<const DatasetSplit> data;  // keeps `images` alive
  const Dataset* images = nullptr;
  int64_t presentSteps = 1;
  int64_t periodSteps = 1;
  int64_t first = 0;
};

// One population ready to step.
struct CompiledPopulation {
  std::string id;
  std::unique_ptr<NeuronGroup> group;
  std::map<std::string, ValueSpec> init;  // re-applied by Simulator::reset()
  std::array<DelayRing, 2> delayed;       // by Receptor; empty when no delayed input arrives
  // Neuron range of each thread: threads + 1 boundaries, whole blocks of kBlockSize.
  std::vector<int64_t> bounds;
  std::optional<CompiledFeed> feed;
};

// One projection ready to propagate.
struct CompiledProjection {
  std::string id;
  int pre = 0;  // index into CompiledNetwork::populations
  int post = 0;
  Receptor receptor = Receptor::Excitatory;
  bool fromCurrentSource = false;  // weights scale a current instead of adding per spike
  bool weightsListed = false;      // per synapse (an array, or from_list entries with weights)
  SynapseMatrix synapses;
  std::unique_ptr<PlasticityRule> plasticity;  // null: fixed weights
  // The crossbar carrying the synapses (step 4 reads it; `synapses` then holds the weights its
  // devices represent), or null: ideal synapses.
  std::unique_ptr<CrossbarSynapses> crossbar;
  // conv2d and avg_pool2d: the kernel the spikes are scattered through (`synapses` then has
  // empty rows and only carries the sizes and the uniform delay).
  std::unique_ptr<ConvConnector> conv;
};

// A recording the simulator makes, resolved to indices.
struct CompiledMonitor {
  MonitorSpec spec;
  int population = 0;
  std::vector<int32_t> neurons;  // state: traced neurons; spikes: empty = all
};

// What the compiler makes of a Project: structure-of-arrays state, CSR synapse matrices and
// delay rings, split for a fixed number of threads. Owned by one Simulator.
struct CompiledNetwork {
  double dt = 0.1;
  uint64_t seed = 1;
  int threads = 1;
  std::vector<CompiledPopulation> populations;
  std::vector<CompiledProjection> projections;
  std::vector<CompiledMonitor> monitors;

  int findPopulation(std::string_view id) const;
  int64_t synapseCount() const;
};

}  // namespace snn
