#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "learning/Trainer.h"

namespace snn::gui {

// Estimates how long a training run still needs from its progress reports. Each pass of an
// epoch ("train", STDP's "label", "test") costs its own time per sample, measured while it
// runs; a pass not seen yet is assumed to cost what training costs per sample (more than a test
// pass costs: the estimate starts high and drops once the first epoch has shown every pass).
// A pass first seen after "train" is taken to run before "test". GUI thread.
class RemainingTime {
 public:
  // A run of `epochs` epochs over `trainSamples` and `testSamples` samples starts.
  void start(int epochs, int64_t trainSamples, int64_t testSamples);
  void update(const TrainingProgress& progress);
  // Seconds left; empty until the first sample has been timed.
  std::optional<double> seconds() const;
  // How much of the run is done, in [0, 1]: time spent over time spent and left (by samples
  // until there is an estimate).
  double fraction() const;

 private:
  struct Pass {
    std::string phase;
    int64_t total = 0;
    int64_t done = 0;         // in the current epoch
    double elapsed = 0.0;     // seconds, in the current epoch
    double perSample = -1.0;  // seconds; < 0 until measured
  };
  Pass* find(const std::string& phase);
  double secondsPerSample(const Pass& pass) const;

  std::vector<Pass> passes_;  // in the order an epoch runs them
  int epochs_ = 1;
  int epoch_ = 1;
  double spentInEarlierEpochs_ = 0.0;
};

}  // namespace snn::gui
