// The windows of Conv and the pools (kernel, strides, padding, auto_pad), Pad folded into
// them, and the pooling operators (OnnxGraphReader).
#include <algorithm>

#include "OnnxGraphReader.h"

namespace snn::onnx_import {

namespace {

// Output size of a window along one axis (floor, as PyTorch and ONNX with ceil_mode 0).
int64_t windowOutput(int64_t size, int64_t kernel, int64_t stride, int64_t pads, bool ceil) {
  const int64_t span = size + pads - kernel;
  if (span < 0) return 0;
  return (ceil ? (span + stride - 1) / stride : span / stride) + 1;
}

}  // namespace

void OnnxGraphReader::readWindow(AnnLayerSpec& l, int kernelH, int kernelW) {
  const std::vector<int64_t> ones{1, 1};
  if (const auto k = intsAttribute(*node_, "kernel_shape");
      k && *k != std::vector<int64_t>{kernelH, kernelW})
    fail("kernel_shape " + listText(*k) + " does not match its weights");
  if (intsAttribute(*node_, "dilations").value_or(ones) != ones)
    fail("dilations " + listText(*intsAttribute(*node_, "dilations")) + " are not supported");
  const std::vector<int64_t> strides = intsAttribute(*node_, "strides").value_or(ones);
  std::vector<int64_t> pads =
      intsAttribute(*node_, "pads").value_or(std::vector<int64_t>{0, 0, 0, 0});
  if (strides.size() != 2 || pads.size() != 4) fail("strides or pads do not describe a 2-D window");
  for (int64_t s : strides)
    if (s < 1) fail("strides " + listText(strides) + " must be positive");
  for (int64_t p : pads)
    if (p < 0 || p > 65536) fail("pads " + listText(pads) + " must be from 0 to 65536");
  const std::string autoPad = stringAttribute(*node_, "auto_pad", "NOTSET");
  if (autoPad == "VALID") {
    pads = {0, 0, 0, 0};
  } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    // Output ceil(in / stride); the padding split with the extra pixel at the end (UPPER).
    const int64_t kernel[2] = {kernelH, kernelW};
    for (int a = 0; a < 2; ++a) {
      const int64_t in = dims_[size_t(a) + 1],
                    out = (in + strides[size_t(a)] - 1) / strides[size_t(a)];
      const int64_t total = std::max<int64_t>(0, (out - 1) * strides[size_t(a)] + kernel[a] - in);
      const int64_t small = total / 2;
      pads[size_t(a)] = autoPad == "SAME_UPPER" ? small : total - small;
      pads[size_t(a) + 2] = total - pads[size_t(a)];
    }
  } else if (autoPad != "NOTSET") {
    fail("auto_pad '" + autoPad + "' is not supported");
  }
  if (pad_) {
    pads[0] += pad_->top;
    pads[1] += pad_->left;
    pads[2] += pad_->bottom;
    pads[3] += pad_->right;
    note("Pad '" + pad_->node + "' was folded into layer '" + l.id + "'");
    pad_.reset();
  }
  l.kernelH = kernelH;
  l.kernelW = kernelW;
  l.strideH = int(strides[0]);
  l.strideW = int(strides[1]);
  l.padTop = int(pads[0]);
  l.padLeft = int(pads[1]);
  l.padBottom = int(pads[2]);
  l.padRight = int(pads[3]);
  const bool ceil = intAttribute(*node_, "ceil_mode", 0) != 0;
  int64_t out[2];
  for (int a = 0; a < 2; ++a) {
    const int64_t kernel = a ? kernelW : kernelH, pad = pads[size_t(a)] + pads[size_t(a) + 2];
    out[a] = windowOutput(dims_[size_t(a) + 1], kernel, strides[size_t(a)], pad, false);
    if (out[a] < 1)
      fail("its window of " + std::to_string(kernel) + " is larger than the padded input (" +
           std::to_string(dims_[size_t(a) + 1]) + " + " + std::to_string(pad) + ")");
    if (ceil && windowOutput(dims_[size_t(a) + 1], kernel, strides[size_t(a)], pad, true) != out[a])
      fail("ceil_mode = 1 is not supported (it changes the output size here)");
  }
  dims_[1] = out[0];
  dims_[2] = out[1];
}

void OnnxGraphReader::readPool(bool average) {
  consumeFlow(0, true);
  if (!imageFlow()) fail("needs a 4-D input (batch, channels, height, width)");
  if (!average) requireUnused(1);
  const auto kernel = intsAttribute(*node_, "kernel_shape");
  if (!kernel || kernel->size() != 2 || (*kernel)[0] < 1 || (*kernel)[1] < 1 ||
      (*kernel)[0] > 65536 || (*kernel)[1] > 65536)
    fail("needs a 2-D kernel_shape");
  bool includePad = intAttribute(*node_, "count_include_pad", 0) != 0;
  if (pad_) {
    // Zeros from a Pad count in a mean; in a max they lose to every pixel only when no pixel
    // is negative.
    const bool ownPads = intsAttribute(*node_, "pads").value_or(std::vector<int64_t>{0, 0, 0, 0}) !=
                         std::vector<int64_t>{0, 0, 0, 0};
    if (average && ownPads && !includePad)
      fail("pads of its own without count_include_pad cannot be combined with Pad '" + pad_->node +
           "'");
    if (!average && !nonNegative_)
      fail("follows Pad '" + pad_->node +
           "' on data that can be negative: zero padding would "
           "change the maxima");
    includePad = true;
  }
  AnnLayerSpec& layer = addLayer(average ? AnnLayerType::AvgPool2d : AnnLayerType::MaxPool2d);
  layer.countIncludePad = includePad;
  readWindow(layer, int((*kernel)[0]), int((*kernel)[1]));
  if (layer.padTop >= layer.kernelH || layer.padBottom >= layer.kernelH ||
      layer.padLeft >= layer.kernelW || layer.padRight >= layer.kernelW)
    fail("padding must be smaller than the window");
  advance();
}

void OnnxGraphReader::readGlobalAveragePool() {
  consumeFlow(0);
  if (!imageFlow()) fail("needs a 4-D input (batch, channels, height, width)");
  AnnLayerSpec& layer = addLayer(AnnLayerType::AvgPool2d);
  layer.kernelH = int(dims_[1]);
  layer.kernelW = int(dims_[2]);
  dims_[1] = dims_[2] = 1;
  advance();
}

void OnnxGraphReader::readPad() {
  consumeFlow(0, true);
  if (!imageFlow()) fail("pads an input that is not (batch, channels, height, width)");
  if (stringAttribute(*node_, "mode", "constant") != "constant")
    fail("mode '" + stringAttribute(*node_, "mode", "") + "' is not supported (only zero padding)");
  std::vector<int64_t> pads;
  float value = 0.0f;
  if (opset_ < 11) {
    pads = intsAttribute(*node_, "pads").value_or(std::vector<int64_t>{});
    value = floatAttribute(*node_, "value", 0.0f);
  } else {
    pads = constant(1).asInts(failer());
    if (const OnnxConstant* v = optionalConstant(2); v && v->size() > 0) value = float(v->at(0));
  }
  if (value != 0.0f)
    fail("pads with " + std::to_string(value) + "; only zero padding is supported");
  if (pads.size() != 8) fail("pads " + listText(pads) + " do not describe a 4-D tensor");
  if (pads[0] || pads[1] || pads[4] || pads[5]) fail("pads the batch or channel dimension");
  for (int64_t p : pads)
    if (p < 0 || p > 65536)
      fail("pads " + listText(pads) + " must be from 0 to 65536 (no cropping)");
  PendingPad p = pad_.value_or(PendingPad{});
  p.top += int(pads[2]);
  p.left += int(pads[3]);
  p.bottom += int(pads[6]);
  p.right += int(pads[7]);
  p.node = node_->name();
  pad_ = p;
  advance();
  if (p.top == 0 && p.left == 0 && p.bottom == 0 && p.right == 0) pad_.reset();
}

}  // namespace snn::onnx_import
