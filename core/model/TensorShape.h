#pragma once

#include <cstdint>
#include <string>

namespace snn {

// The layout of a population's neurons (or an ANN layer's activations) as channels x height x
// width, in that order (row-major, as PyTorch's NCHW without the batch): neuron index
// (c * height + y) * width + x. Images are 1 x H x W; a conv layer's output is C x H x W.
struct TensorShape {
  int64_t channels = 1;
  int64_t height = 1;
  int64_t width = 1;

  int64_t size() const { return channels * height * width; }
  // "1×28×28"
  std::string describe() const {
    return std::to_string(channels) + "\u00d7" + std::to_string(height) + "\u00d7" +
           std::to_string(width);
  }
  bool operator==(const TensorShape&) const = default;
};

}  // namespace snn
