#pragma once

#include <algorithm>

#include "model/AnnSpec.h"

namespace snn {

// The input pixels of a pooling window: output row y covers input rows [rowBegin, rowEnd) and
// output column x input columns [colBegin, colEnd), the padding cut off. AnnSpec's check that
// padding is smaller than the window keeps every range non-empty.
struct PoolWindow {
  int kernelH, kernelW, strideH, strideW, padTop, padLeft;
  int height, width;  // of the input

  explicit PoolWindow(const AnnLayerSpec& spec, const AnnShape& in)
      : kernelH(spec.kernelH),
        kernelW(spec.kernelW),
        strideH(spec.strideH),
        strideW(spec.strideW),
        padTop(spec.padTop),
        padLeft(spec.padLeft),
        height(in.height),
        width(in.width) {}

  int rowBegin(int y) const { return std::max(0, y * strideH - padTop); }
  int rowEnd(int y) const { return std::min(height, y * strideH - padTop + kernelH); }
  int colBegin(int x) const { return std::max(0, x * strideW - padLeft); }
  int colEnd(int x) const { return std::min(width, x * strideW - padLeft + kernelW); }
  // The divisor of a mean with count_include_pad: every window lies inside the padded input
  // (the output size is rounded down), so it is the whole window, as in PyTorch and ONNX.
  int fullCount() const { return kernelH * kernelW; }
};

// Planes (channel, sample) per block of pooling work: about 16k input values, whatever the batch.
inline int64_t poolPlanesPerBlock(const AnnShape& in) {
  return std::max<int64_t>(1, (int64_t(1) << 14) / (int64_t(in.height) * in.width));
}

}  // namespace snn
