#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "data/Dataset.h"
#include "model/NetworkSpec.h"
#include "sim/SimulationChunk.h"

namespace snn {

// What one epoch achieved.
struct EpochReport {
  int epoch = 0;
  double trainSeconds = 0.0;
  double trainAccuracy = std::numeric_limits<double>::quiet_NaN();  // fraction in [0, 1]
  double testAccuracy = std::numeric_limits<double>::quiet_NaN();
  double loss = std::numeric_limits<double>::quiet_NaN();  // NaN where the method has none
  int64_t trainSamples = 0;
  int64_t testSamples = 0;
  // Method-specific figures added to the CLI's JSON line (crossbar trainers: accuracy after
  // transfer, per layer); an object or null.
  nlohmann::ordered_json details;
};

// Progress within an epoch, for progress bars and remaining-time estimates.
struct TrainingProgress {
  int epoch = 0;
  std::string phase;  // "train", "label" (STDP's labelling pass), "test"
  int64_t done = 0;
  int64_t total = 0;
  double elapsedSeconds = 0.0;
  double loss = std::numeric_limits<double>::quiet_NaN();
  double accuracy = std::numeric_limits<double>::quiet_NaN();  // running, on this phase's samples
};

// counts[actual * classes + predicted] of the last evaluation.
struct ConfusionMatrix {
  int classes = 0;
  std::vector<int64_t> counts;
  int64_t at(int actual, int predicted) const {
    return counts[static_cast<size_t>(actual * classes + predicted)];
  }
};

// Learned weights for live views: for each of `fields` target neurons, its incoming weights from
// the input laid out as a fieldHeight x fieldWidth image (STDP receptive fields, surrogate hidden
// units' input weights). Immutable once made; passed between threads as shared_ptr<const>.
struct WeightSnapshot {
  int epoch = 0;
  int64_t samplesSeen = 0;
  std::string projection;
  int fields = 0;
  int fieldHeight = 0;
  int fieldWidth = 0;
  std::vector<float> weights;  // fields x (fieldHeight * fieldWidth), row-major
};

// One training sample as the network saw it, for live views (the raster while a sample is
// presented): the image, and the spikes of every population during its presentation, steps
// counted from the sample's onset (spikes.firstStep is 0). Immutable once made; passed between
// threads as shared_ptr<const>.
struct SampleActivity {
  int epoch = 0;
  int64_t samplesSeen = 0;  // training samples shown so far, this one included
  int64_t sample = 0;       // index in the training split
  int label = -1;
  int predicted = -1;  // the network's answer; -1 where it has none (STDP while it learns)
  int imageHeight = 0;
  int imageWidth = 0;
  std::vector<float> image;  // intensities in [0, 1], row-major
  SimulationChunk spikes;
};

// Hooks a training run reports through. Every one may be empty. Called on the training thread.
struct TrainingCallbacks {
  std::function<bool()> cancelled;  // polled between samples or batches
  std::function<void(const TrainingProgress&)> progress;
  std::function<void(std::shared_ptr<const WeightSnapshot>)> weights;
  // A training sample now and then: the first one, then at most one per activityEverySeconds of
  // wall-clock time (0: every sample, or every mini-batch's first sample). Looking never changes
  // what is learned.
  std::function<void(std::shared_ptr<const SampleActivity>)> sampleActivity;
  double activityEverySeconds = 0.5;
};

// Says when a trainer should hand a sample to TrainingCallbacks::sampleActivity: never without a
// callback, else the first time asked and then once activityEverySeconds have passed.
class ActivityClock {
 public:
  explicit ActivityClock(const TrainingCallbacks& callbacks)
      : wanted_(static_cast<bool>(callbacks.sampleActivity)),
        every_(callbacks.activityEverySeconds) {}
  bool due() {
    if (!wanted_) return false;
    const auto now = std::chrono::steady_clock::now();
    if (started_ && std::chrono::duration<double>(now - last_).count() < every_) return false;
    started_ = true;
    last_ = now;
    return true;
  }

 private:
  bool wanted_;
  double every_;
  bool started_ = false;
  std::chrono::steady_clock::time_point last_;
};

// Thrown out of trainEpoch() when callbacks.cancelled() returned true; the trainer keeps the
// weights it had before the epoch started.
class TrainingCancelled : public std::exception {
 public:
  const char* what() const noexcept override { return "training cancelled"; }
};

struct TrainerOptions {
  int threads = 1;
  int64_t trainLimit = 0;  // use only the first N training samples (0: all)
  int64_t testLimit = 0;   // use only the first N test samples (0: all)
  // Crossbar trainers: the layers to train on the chip, by projection or crossbar id (empty: the
  // method's default).
  std::vector<std::string> layers;
};

// A training method working on one project and one dataset. Owned and used by one thread.
class Trainer {
 public:
  virtual ~Trainer() = default;
  // One pass over the training samples, then an evaluation on the test samples.
  virtual EpochReport trainEpoch(int epoch, const TrainingCallbacks& callbacks) = 0;
  // The project with what was learned written into it (weights as per-synapse arrays, plus
  // whatever else the method needs to run the trained network again).
  virtual Project trainedProject() const = 0;
  virtual ConfusionMatrix lastConfusion() const = 0;
};

}  // namespace snn
