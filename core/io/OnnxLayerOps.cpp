// The operators on the data, each read into layers of the AnnSpec (OnnxGraphReader).
#include <algorithm>
#include <cmath>

#include "OnnxGraphReader.h"
#include "ann/BatchNormFolding.h"

namespace snn::onnx_import {

namespace {

std::string listText(const std::vector<int64_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

// Output size of a window along one axis (floor, as PyTorch and ONNX with ceil_mode 0).
int64_t windowOutput(int64_t size, int64_t kernel, int64_t stride, int64_t pads, bool ceil) {
  const int64_t span = size + pads - kernel;
  if (span < 0) return 0;
  return (ceil ? (span + stride - 1) / stride : span / stride) + 1;
}

}  // namespace

void OnnxGraphReader::readGemm() {
  consumeFlow(0);
  if (dims_.size() != 1) fail("needs a 2-D input (batch, features); put a Flatten before it");
  const OnnxConstant& b = constant(1);
  const OnnxConstant* c = optionalConstant(2);
  if (intAttribute(*node_, "transA", 0) != 0) fail("transA = 1 is not supported");
  const bool transB = intAttribute(*node_, "transB", 0) != 0;
  const float alpha = floatAttribute(*node_, "alpha", 1.0f),
              beta = floatAttribute(*node_, "beta", 1.0f);
  if (b.dims.size() != 2 || !b.isFloat) fail("B must be a 2-D float tensor, got " + b.dimsText());
  const int64_t in = transB ? b.dims[1] : b.dims[0], out = transB ? b.dims[0] : b.dims[1];
  if (in != dims_[0])
    fail("B " + b.dimsText() + " does not fit an input of " + std::to_string(dims_[0]) +
         " features");
  if (out < 1 || out > (1 << 24)) fail("has " + std::to_string(out) + " outputs");
  AnnLayerSpec& layer = addLayer(AnnLayerType::Dense);
  layer.units = int(out);
  layer.weight.shape = {out, in};
  layer.weight.values.resize(size_t(out * in));
  for (int64_t o = 0; o < out; ++o)
    for (int64_t i = 0; i < in; ++i)
      layer.weight.values[size_t(o * in + i)] =
          alpha * b.floats[size_t(transB ? o * in + i : i * out + o)];
  if (c) {
    if (c->size() != out && c->size() != 1)
      fail("C " + c->dimsText() + " is not a bias of " + std::to_string(out) + " values");
    layer.bias.shape = {out};
    for (int64_t o = 0; o < out; ++o)
      layer.bias.values.push_back(beta * float(c->at(c->size() == 1 ? 0 : o)));
  }
  dims_ = {out};
  nonNegative_ = false;
  advance();
  rawLayerOutput_ = true;
}

void OnnxGraphReader::readMatMul() {
  consumeFlow(0);
  const OnnxConstant& b = constant(1);
  for (size_t k = 0; k + 1 < dims_.size(); ++k)
    if (dims_[k] != 1)
      fail("multiplies an input of shape " + listText(dims_) +
           "; only a flat input "
           "(every dimension but the batch and the last of size 1) is supported");
  if (b.dims.size() != 2 || !b.isFloat || b.dims[0] != dims_.back())
    fail("B " + b.dimsText() + " does not fit an input of " + std::to_string(dims_.back()) +
         " features");
  const int64_t in = b.dims[0], out = b.dims[1];
  AnnLayerSpec& layer = addLayer(AnnLayerType::Dense);
  layer.units = int(out);
  layer.weight.shape = {out, in};
  layer.weight.values.resize(size_t(out * in));
  for (int64_t o = 0; o < out; ++o)
    for (int64_t i = 0; i < in; ++i)
      layer.weight.values[size_t(o * in + i)] = b.floats[size_t(i * out + o)];
  dims_.back() = out;
  nonNegative_ = false;
  advance();
  rawLayerOutput_ = true;
}

void OnnxGraphReader::readAdd() {
  const int dataInput = node_->input_size() > 1 && node_->input(1) == flow_ ? 1 : 0;
  consumeFlow(dataInput);
  const OnnxConstant& c = constant(1 - dataInput);
  if (!rawLayerOutput_)
    fail("adds a constant to the data; only a bias right after MatMul, Gemm or Conv is supported");
  AnnLayerSpec& layer = spec_.layers.back();
  const int64_t channels = layer.type == AnnLayerType::Dense ? layer.units : layer.outChannels;
  // The constant must vary along the channels only: [n], [1, n], [n, 1, 1], [1, n, 1, 1]...
  const int64_t channelAxis = layer.type == AnnLayerType::Dense ? -1 : -3;
  bool fits = c.isFloat && (c.size() == 1 || c.size() == channels);
  const int64_t rank = int64_t(c.dims.size());
  for (int64_t a = 0; a < rank && c.size() != 1; ++a)
    fits =
        fits && (a - rank == channelAxis ? c.dims[size_t(a)] == channels : c.dims[size_t(a)] == 1);
  if (!fits || (c.size() != 1 && rank < -channelAxis))
    fail("adds " + c.dimsText() + ", which is not a bias of " + std::to_string(channels) +
         " channels");
  if (layer.bias.empty()) {
    layer.bias.shape = {channels};
    layer.bias.values.assign(size_t(channels), 0.0f);
  }
  for (int64_t o = 0; o < channels; ++o)
    layer.bias.values[size_t(o)] += float(c.at(c.size() == 1 ? 0 : o));
  advance();
  rawLayerOutput_ = true;
  note("Add '" + node_->name() + "' became the bias of layer '" + layer.id + "'");
}

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

void OnnxGraphReader::readConv() {
  consumeFlow(0, true);
  if (!imageFlow()) fail("needs a 4-D input (batch, channels, height, width)");
  const OnnxConstant& w = constant(1);
  const OnnxConstant* b = optionalConstant(2);
  if (w.dims.size() != 4 || !w.isFloat)
    fail("weights " + w.dimsText() + " are not those of a 2-D convolution");
  if (intAttribute(*node_, "group", 1) != 1)
    fail("group = " + std::to_string(intAttribute(*node_, "group", 1)) +
         " is not supported (only 1)");
  if (w.dims[1] != dims_[0])
    fail("weights " + w.dimsText() + " do not fit an input of " + std::to_string(dims_[0]) +
         " channels");
  if (w.dims[0] > 65536 || w.dims[2] > 65536 || w.dims[3] > 65536)
    fail("weights " + w.dimsText() + " are too large");
  AnnLayerSpec& layer = addLayer(AnnLayerType::Conv2d);
  layer.outChannels = int(w.dims[0]);
  readWindow(layer, int(w.dims[2]), int(w.dims[3]));
  layer.weight.shape = w.dims;
  layer.weight.values = w.floats;
  if (b) {
    if (!b->isFloat || b->size() != w.dims[0])
      fail("bias " + b->dimsText() + " does not match " + std::to_string(w.dims[0]) +
           " output channels");
    layer.bias.shape = {w.dims[0]};
    layer.bias.values = b->floats;
  }
  dims_[0] = w.dims[0];
  nonNegative_ = false;
  advance();
  rawLayerOutput_ = true;
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

void OnnxGraphReader::readActivation(AnnLayerType type) {
  consumeFlow(0);
  addLayer(type);
  nonNegative_ = type != AnnLayerType::Silu;
  advance();
}

void OnnxGraphReader::readSigmoid() {
  // SiLU as torch writes it: Sigmoid(x) read only by a Mul(x, Sigmoid(x)), x read by both.
  const bool plain = node_->input_size() == 1 && node_->output_size() == 1;
  const std::string x = plain ? node_->input(0) : "";
  const std::vector<int>& xReaders = consumers_[x];
  const std::vector<int>& sReaders = consumers_[plain ? node_->output(0) : ""];
  if (plain && x == flow_ && !pad_ && xReaders.size() == 2 && sReaders.size() == 1) {
    const int mulIndex = sReaders.front();
    const onnx::NodeProto& mul = graph_.node(mulIndex);
    const bool mulReadsX = std::count(xReaders.begin(), xReaders.end(), mulIndex) == 1;
    if (mul.op_type() == "Mul" && mulReadsX && mul.input_size() == 2 && mul.output_size() == 1 &&
        ((mul.input(0) == x && mul.input(1) == node_->output(0)) ||
         (mul.input(1) == x && mul.input(0) == node_->output(0)))) {
      addLayer(AnnLayerType::Silu);
      handled_.insert(mulIndex);
      flow_ = mul.output(0);
      nonNegative_ = false;
      return;
    }
  }
  readActivation(AnnLayerType::Sigmoid);
}

void OnnxGraphReader::readFlatten() {
  consumeFlow(0);
  int64_t axis = intAttribute(*node_, "axis", 1);
  if (axis < 0) axis += int64_t(dims_.size()) + 1;
  if (axis != 1)
    fail("axis " + std::to_string(intAttribute(*node_, "axis", 1)) + " is not supported (only 1)");
  if (imageFlow() && !(dims_[1] == 1 && dims_[2] == 1)) addLayer(AnnLayerType::Flatten);
  dims_ = {flowSize()};
  advance();
}

void OnnxGraphReader::readReshape() {
  consumeFlow(0);
  std::vector<int64_t> target = constant(1).asInts(failer());
  const bool allowZero = intAttribute(*node_, "allowzero", 0) != 0;
  if (target.empty()) fail("reshapes to a scalar");
  // The first dimension must stay the batch: 0 (copy), -1 (infer), the batch size from Shape,
  // or the batch size the file was exported with.
  const int64_t first = target.front();
  const bool keepsBatch = first == kBatchSize || (first == 0 && !allowZero) ||
                          (first == exportBatch_ && exportBatch_ > 0) || first == -1;
  std::vector<int64_t> rest(target.begin() + 1, target.end());
  int64_t known = 1, inferred = -1;
  for (size_t a = 0; a < rest.size(); ++a) {
    if (rest[a] == 0 && !allowZero) {
      if (a >= dims_.size()) fail("copies a dimension the input does not have");
      rest[a] = dims_[a];
    }
    if (rest[a] == -1 && first != -1 && inferred < 0) {
      inferred = int64_t(a);
    } else if (rest[a] < 1) {
      fail("target shape " + listText(target) + " is not supported");
    } else {
      known *= rest[a];
    }
  }
  if (inferred >= 0) {
    if (known == 0 || flowSize() % known)
      fail("target shape " + listText(target) + " does not fit");
    rest[size_t(inferred)] = flowSize() / known;
    known = flowSize();
  }
  if (!keepsBatch || known != flowSize())
    fail("reshapes (batch, " + listText(dims_).substr(1) + " to " + listText(target) +
         "; only reshapes that keep the batch and flatten are supported");
  const int64_t nonUnit = std::count_if(rest.begin(), rest.end(), [](int64_t d) { return d != 1; });
  if (rest == dims_) {
    note("Reshape '" + node_->name() + "' changes nothing and was dropped");
  } else if (nonUnit <= 1) {
    if (imageFlow() && !(dims_[1] == 1 && dims_[2] == 1)) addLayer(AnnLayerType::Flatten);
  } else {
    fail("reshapes to " + listText(target) + "; only flattening reshapes are supported");
  }
  dims_ = rest;
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

void OnnxGraphReader::readBatchNormalization() {
  consumeFlow(0);
  if (!rawLayerOutput_) fail("can only be folded into the Conv or Gemm right before it");
  if (intAttribute(*node_, "training_mode", 0) != 0) fail("training_mode = 1 is not supported");
  if (intAttribute(*node_, "spatial", 1) != 1) fail("spatial = 0 is not supported");
  for (int k = 1; k < node_->output_size(); ++k) requireUnused(k);
  BatchNormParams bn;
  std::vector<float>* fields[] = {&bn.scale, &bn.shift, &bn.mean, &bn.variance};
  for (int k = 0; k < 4; ++k) {
    const OnnxConstant& c = constant(k + 1);
    if (!c.isFloat) fail("input " + std::to_string(k + 2) + " is not a float tensor");
    *fields[k] = c.floats;
  }
  bn.epsilon = floatAttribute(*node_, "epsilon", 1e-5f);
  AnnLayerSpec& layer = spec_.layers.back();
  try {
    foldBatchNorm(layer, bn);
  } catch (const std::invalid_argument& e) {
    fail(e.what());
  }
  note("BatchNormalization '" + node_->name() + "' was folded into layer '" + layer.id + "'");
  advance();
  rawLayerOutput_ = true;
}

void OnnxGraphReader::readSoftmax() {
  consumeFlow(0);
  const int64_t rank = int64_t(dims_.size()) + 1;
  int64_t axis = intAttribute(*node_, "axis", opset_ < 13 ? 1 : -1);
  if (axis < 0) axis += rank;
  // Over the features of a flat input: before opset 13 the axes from `axis` on count as one,
  // from 13 on `axis` must be the one that holds all the features.
  const bool flat =
      std::count_if(dims_.begin(), dims_.end(), [](int64_t d) { return d != 1; }) <= 1;
  const bool overFeatures =
      opset_ < 13 ? axis == 1 : axis >= 1 && axis < rank && dims_[size_t(axis - 1)] == flowSize();
  if (!flat || !overFeatures)
    fail("softmax over axis " + std::to_string(intAttribute(*node_, "axis", opset_ < 13 ? 1 : -1)) +
         " of (batch, " + listText(dims_).substr(1) + " is not over the features of a flat input");
  if (node_->output_size() < 1 || node_->output(0) != graph_.output(0).name())
    fail("Softmax is only supported as the last operation");
  addLayer(AnnLayerType::Softmax);
  advance();
}

void OnnxGraphReader::readPassThrough() {
  consumeFlow(0);
  for (int k = 1; k < node_->output_size(); ++k) requireUnused(k);
  // Dropout's optional training_mode input (opset 12): true would mean dropping at random.
  if (const OnnxConstant* training = node_->op_type() == "Dropout" ? optionalConstant(2) : nullptr;
      training && training->size() > 0 && training->at(0) != 0.0)
    fail("training_mode = true is not supported");
  if (node_->op_type() == "Dropout")
    note("Dropout '" + node_->name() + "' was dropped (inference)");
  const bool raw = rawLayerOutput_;
  advance();
  rawLayerOutput_ = raw;
}

}  // namespace snn::onnx_import
