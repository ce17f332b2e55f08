// The operators on the data, each read into layers of the AnnSpec (OnnxGraphReader).
#include <algorithm>
#include <cmath>

#include "OnnxGraphReader.h"
#include "ann/BatchNormFolding.h"

namespace snn::onnx_import {

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
    } else if (rest[a] > flowSize() / known) {
      // More values than the input has (checked before the product can overflow).
      fail("target shape " + listText(target) + " does not fit");
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
