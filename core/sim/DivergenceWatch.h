#pragma once

#include <atomic>
#include <cstdint>
#include <limits>
#include <vector>

#include "CompiledNetwork.h"
#include "model/Diagnostic.h"

namespace snn {

// Catches a run whose numbers have gone wrong: after the update of every kEvery-th step, every
// worker checks its own neurons' membrane potentials for NaN, infinity or a value beyond the
// model's bound (NeuronGroup::divergenceBound). The first step where any worker finds one stops
// the run on every worker after that step, and the simulator reports the population, the step and
// the neuron instead of running on with garbage. Owned by a Simulator; check() is called by the
// worker threads (each writes its own slot), the rest by the simulator's thread.
class DivergenceWatch {
 public:
  explicit DivergenceWatch(int workers) : found_(static_cast<size_t>(workers)) {}

  void clear();
  // Worker `worker`'s neurons [begin, end) of population `population` after step `step`.
  void check(int worker, int64_t step, size_t population, const NeuronGroup& group, int64_t begin,
             int64_t end);
  // True once a divergence at `step` or before was found. Every worker gets the same answer
  // after the step's barrier: a finding for a later step cannot lower it to `step`.
  bool stopsAfter(int64_t step) const { return first_.load(std::memory_order_acquire) <= step; }
  bool diverged() const { return first_.load() != kNone; }
  // The step of the first divergence (kNone if none).
  int64_t step() const { return first_.load(); }
  // What diverged, where and when, naming the population (ObjectKind::Population).
  Diagnostic diagnostic(const CompiledNetwork& net) const;

  static constexpr int64_t kNone = std::numeric_limits<int64_t>::max();
  // Steps checked: one in kEvery (a pass over v costs about 8 % of CUBA's step; every eighth
  // step, 1 %), and the last step of every advance, so a chunk never ends unchecked. NaN and
  // infinity persist and a runaway keeps running, so nothing escapes; the step reported is the
  // first checked one.
  static constexpr int64_t kEvery = 8;
  static bool due(int64_t step) { return step % kEvery == kEvery - 1; }

 private:
  struct Finding {
    int64_t step = kNone;
    size_t population = 0;
    int64_t neuron = -1;
    double value = 0;
  };
  std::vector<Finding> found_;  // per worker
  std::atomic<int64_t> first_{kNone};
};

}  // namespace snn
