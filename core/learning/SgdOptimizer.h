#pragma once

#include <cstdint>
#include <vector>

#include "AdamOptimizer.h"

namespace snn {

// Stochastic gradient descent with momentum as torch.optim.SGD computes it (dampening 0):
//
//   g = grad + weight_decay p
//   b = g at the first update, else momentum b + g         (when momentum > 0, else b = g)
//   p -= lr b
//
// Element-wise, so any split over threads gives the same numbers. Used by one thread at a time.
class SgdOptimizer {
 public:
  struct Settings {
    double learningRate = 0.01;
    double momentum = 0.9;
    double weightDecay = 0.0;
  };
  using Parameter = AdamOptimizer::Parameter;
  // The momentum buffers and update count, to roll back a cancelled epoch.
  struct State {
    int64_t updates = 0;
    std::vector<std::vector<float>> momentum;
  };

  SgdOptimizer(std::vector<Parameter> parameters, Settings settings);

  void step(int threads);
  int64_t updates() const { return state_.updates; }
  const Settings& settings() const { return settings_; }
  const State& state() const { return state_; }
  void restore(const State& state) { state_ = state; }

 private:
  std::vector<Parameter> parameters_;
  Settings settings_;
  State state_;
};

}  // namespace snn
