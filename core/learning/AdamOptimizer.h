#pragma once

#include <cstdint>
#include <vector>

namespace snn {

// Adam (Kingma & Ba, ICLR 2015) as torch.optim.Adam computes it (no weight decay, no amsgrad):
//
//   m = beta1 m + (1 - beta1) g,   v = beta2 v + (1 - beta2) g^2
//   p -= lr / (1 - beta1^k) * m / (sqrt(v) / sqrt(1 - beta2^k) + eps)     at update k = 1, 2, ...
//
// Element-wise, so any split over threads gives the same numbers. Used by one thread at a time.
class AdamOptimizer {
 public:
  struct Settings {
    double learningRate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
  };
  // A tensor the optimiser updates in place from its gradient (both of `size` floats).
  struct Parameter {
    float* value = nullptr;
    const float* grad = nullptr;
    int64_t size = 0;
  };
  // The moments and update count, to roll back a cancelled epoch.
  struct State {
    int64_t updates = 0;
    std::vector<std::vector<float>> m, v;
  };

  AdamOptimizer(std::vector<Parameter> parameters, Settings settings);

  // One update of every parameter from its current gradient.
  void step(int threads);
  int64_t updates() const { return state_.updates; }
  const Settings& settings() const { return settings_; }
  const State& state() const { return state_; }
  void restore(const State& state) { state_ = state; }

 private:
  std::vector<Parameter> parameters_;
  Settings settings_;
  State state_;
  std::vector<int64_t> blockStart_;  // first block of each parameter, then the total
};

}  // namespace snn
