#pragma once

#include <cstdint>
#include <span>

namespace snn {

// A source population that turns an image into input: one neuron per pixel, intensities in
// [0, 1]. Implemented by the Poisson-rate, latency and direct-current sources; a training run or
// a dataset-fed canvas node finds it with dynamic_cast on the population's NeuronGroup.
class ImageEncoder {
 public:
  virtual ~ImageEncoder() = default;
  // Shows a new sample from step `startStep` on (until the next call). intensities.size() is the
  // population size.
  virtual void present(std::span<const float> intensities, int64_t startStep) = 0;
  // Silences the input (the rest period between samples).
  virtual void silence() = 0;
};

}  // namespace snn
