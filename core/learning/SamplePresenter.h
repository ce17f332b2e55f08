#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "model/NetworkSpec.h"
#include "sim/SimulationChunk.h"

namespace snn {

class ImageEncoder;
class Simulator;

// Shows images to a network the way Diehl & Cook, Front. Comput. Neurosci. 9:99 (2015) do, and
// collects the output spikes: the image for presentSteps, then the input silent for restSteps
// (the first settleSteps simulated, the remainder advanced in closed form by
// Simulator::skipSilence); a sample that evokes fewer than minSpikes output spikes is shown again
// with the input's maximum rate raised by rateBoost Hz, at most maxBoosts times. With imageNorm
// > 0, each image is first scaled so that its intensities sum to imageNorm: every sample then
// brings the same input, and a response measures how well the image matches a neuron's weights
// rather than how much ink it has (Fashion-MNIST's coats against its sandals).
//
// Owns its Simulator, compiled from the project with one spike monitor on the output. Used by
// one thread at a time.
class SamplePresenter {
 public:
  struct Protocol {
    int64_t presentSteps = 700;
    int64_t settleSteps = 20;
    int64_t restSteps = 300;
    int64_t minSpikes = 5;
    int64_t maxBoosts = 10;
    double rateBoostHz = 31.875;
    double imageNorm = 0.0;  // 0: images as they are
  };

  // Throws SpecError when the project does not compile, `input` cannot show images of `pixels`
  // pixels, or `output` is not a neuron population.
  SamplePresenter(const Project& project, const std::string& input, const std::string& output,
                  int64_t pixels, const Protocol& protocol, int threads);
  ~SamplePresenter();
  SamplePresenter(const SamplePresenter&) = delete;
  SamplePresenter& operator=(const SamplePresenter&) = delete;

  // Shows one image (intensities in [0, 1], one per input neuron) and appends the output neurons'
  // spikes of its last presentation to `spikes` (a neuron index per spike). With `presentation`,
  // also records the spikes of every population during that last presentation there, steps
  // counted from its onset (for live views; what the network does stays the same).
  void show(std::span<const float> image, std::vector<int32_t>& spikes,
            SimulationChunk* presentation = nullptr);
  // Back to the compiled network's initial state, with the input's random streams drawn from
  // `streamSeed`: samples shown after a restart are independent of everything shown before.
  void restart(uint64_t streamSeed);

  // The input's maximum rate during the last presentation that counted (after its boosts), Hz;
  // 0 when the input has no uniform rate_max.
  double lastRateHz() const { return lastRateHz_; }

  Simulator& simulator() { return *sim_; }
  const Simulator& simulator() const { return *sim_; }
  int input() const { return input_; }
  int output() const { return output_; }

 private:
  void setMaxRate(double hz);

  std::unique_ptr<Simulator> sim_;
  ImageEncoder* encoder_ = nullptr;
  std::string inputId_;
  int input_ = 0;
  int output_ = 0;
  Protocol protocol_;
  bool canBoost_ = false;  // the input has a uniform rate_max to raise
  double baseRate_ = 0.0;
  double lastRateHz_ = 0.0;
  std::vector<float> scaled_;  // the image after imageNorm
};

}  // namespace snn
