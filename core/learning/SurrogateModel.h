#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "AdamOptimizer.h"
#include "ClassificationLoss.h"
#include "DenseLifLayer.h"
#include "SurrogateNetwork.h"
#include "model/NetworkSpec.h"

namespace snn {

struct TrainerEntry;

// One trained layer as the project describes it: an all_to_all projection into a LIF or IF
// population.
struct SurrogateLayerSpec {
  std::string projection;
  std::string population;
  int64_t inputs = 0;
  int64_t neurons = 0;
  DenseLifLayer::InputKind inputKind = DenseLifLayer::InputKind::DelayedSpikes;
  LifDynamics dynamics;
  double weightScale = 1.0;          // discrete-model weight per project weight (nA)
  double biasScale = 1.0;            // discrete-model bias per nA of i_offset
  std::vector<double> startWeights;  // the project's per-synapse array, if it has one
  std::vector<double> iOffset;       // nA per neuron (one value when uniform)
  bool iOffsetIsArray = false;
};

// What surrogate-gradient training makes of a project, and back.
//
// The network is the chain input -> hidden ... -> output of all_to_all projections, the input a
// direct_current source, every other population "lif" (or "if") with tau_syn_exc = 0 (a spike's
// current lasts one step), no refractory period at this dt, and v starting at rest. With
// theta = v_thresh - v_rest (v_reset for "if") and u = (v - v_rest) / theta, the engine's exact
// integration over one step dt (Rotter & Diesmann 1999; LifNeuron) is
//
//   u[t] = beta u[t-1] + (g / theta) (i_offset + sum_j w_j x_j[t]),  spike when u > 1,
//   beta = exp(-dt / tau_m),  g = (tau_m / cm)(1 - beta)  (IF: beta = 1, g = dt / cm),
//
// where x is gain * intensity for the direct-current input (applied in the same step) and the
// 0/1 spikes of the layer below for the others (arriving one step later). Reset "subtract"
// takes (v_thresh - v_reset) / theta off u, "value" sets u to (v_reset - v_rest) / theta. So the
// discrete weights are (g / theta) w (times the input's gain) and the biases (g / theta) i_offset;
// storeWeights() divides back, and the stored project runs in the simulator as it was trained.
// snnTorch's Leaky (tutorial 5) differs in two details: its reset is subtracted at the next step
// without decay, and its layers pass spikes within the same step.
struct SurrogateModel {
  std::string input;   // the direct_current population
  std::string output;  // the last layer, one neuron per class
  int64_t inputSize = 0;
  double dt = 1.0;
  uint64_t seed = 1;
  std::vector<SurrogateLayerSpec> layers;

  // The method's parameters.
  int64_t steps = 25;
  int64_t batchSize = 128;
  AdamOptimizer::Settings adam;
  BpttOptions bptt;
  ClassificationLoss loss;
  bool trainBias = true;

  // Throws SpecError naming the population, projection or parameter that does not fit.
  static SurrogateModel fromProject(const Project& project, const TrainerEntry& method);

  // The network with its starting weights: the project's per-synapse arrays where it has them
  // (continued training), else drawn as PyTorch's nn.Linear draws them, U(-1/sqrt(fan_in),
  // +1/sqrt(fan_in)) for weights and biases, from seeded streams.
  SurrogateNetwork buildNetwork(int threads) const;

  // Writes the network's weights into `project` as per-synapse arrays (nA), its biases as
  // per-neuron i_offset arrays (when trained) and sets the duration to one presentation.
  void storeWeights(const SurrogateNetwork& network, Project& project) const;
};

}  // namespace snn
