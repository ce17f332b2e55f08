#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ParamSchema.h"

namespace snn {

// An artificial neural network as a project stores it: a plain value (no Eigen, no JSON), the
// description core/ann builds a runnable model from and ANN-to-SNN conversion reads.
//
// Input convention, the same everywhere (datasets, ONNX import, training, conversion): a sample
// is an image of floats in [0, 1], pixel / 255 as PyTorch's transforms.ToTensor() gives it, laid
// out channel by channel, row by row (PyTorch's C x H x W). When `mean` and `std` are set, the
// network sees (x - mean[c]) / std[c], as after transforms.Normalize(mean, std); an imported
// model trained with Normalize needs them set to the same values, ONNX files do not carry them.

// The kinds of layer. Softmax may only be the last layer.
enum class AnnLayerType {
  Dense,      // y = W x + b on a flat input
  Conv2d,     // 2-D cross-correlation, stride and zero padding, groups = 1 (PyTorch's Conv2d)
  AvgPool2d,  // mean over each window
  MaxPool2d,  // max over each window
  Flatten,    // C x H x W -> (C*H*W) x 1 x 1, channel-major as torch.flatten
  Relu,
  Silu,     // x * sigmoid(x)
  Sigmoid,  // 1 / (1 + exp(-x))
  Softmax,  // over the channels of a flat input; output layer only
  Qcfs,     // quantisation clip-floor-shift (Bu et al., ICLR 2022), see QcfsLayer
};

// "dense", "conv2d", "avg_pool2d", "max_pool2d", "flatten", "relu", "silu", "sigmoid",
// "softmax", "qcfs": the words a project file uses.
std::string_view annLayerTypeName(AnnLayerType type);
std::optional<AnnLayerType> annLayerTypeFromName(std::string_view name);
// All names, in the order of the enum, comma-separated (for "unknown type" messages).
std::string annLayerTypeNames();
// Dense and Conv2d: the layers that carry weights.
bool annLayerHasWeights(AnnLayerType type);

// The shape of one sample's activations: channels x height x width. A flat vector of n values
// is n x 1 x 1.
struct AnnShape {
  int channels = 1;
  int height = 1;
  int width = 1;

  int64_t size() const { return int64_t(channels) * height * width; }
  bool flat() const { return height == 1 && width == 1; }
  std::string toString() const;  // "16x14x14"
  bool operator==(const AnnShape&) const = default;
};

// A tensor of weights in PyTorch's layout: row-major over `shape` (dense [out, in], conv2d
// [out_channels, in_channels, kernel_h, kernel_w], biases [out]).
struct AnnTensor {
  std::vector<int64_t> shape;
  std::vector<float> values;

  bool empty() const { return shape.empty() && values.empty(); }
  // The product of `shape` (1 for an empty shape), or -1 if it overflows or a dimension is < 0.
  int64_t shapeSize() const;
  std::string shapeText() const;  // "[16, 1, 3, 3]"
  bool operator==(const AnnTensor&) const = default;
};

// Starting values of a qcfs activation (Bu et al., "Optimal ANN-SNN conversion for high-accuracy
// and ultra-low-latency spiking neural networks", ICLR 2022; their code,
// github.com/putshua/SNN_conversion_QCFS, starts every threshold at 4). L = 8 is the workbench's
// choice: conversion then targets T = 8 time steps.
struct QcfsDefaults {
  static constexpr int levels = 8;
  static constexpr float threshold = 4.0f;
};

// One layer. Which fields mean something depends on the type (annLayerParams lists them).
struct AnnLayerSpec {
  std::string id;  // unique in the network, non-empty, no spaces
  AnnLayerType type = AnnLayerType::Relu;

  int units = 0;        // dense: output units
  int outChannels = 0;  // conv2d: output channels
  // conv2d and the pools: window, step and zero padding in pixels (padding on each side, as
  // ONNX allows it to differ; PyTorch's `padding` sets top = bottom and left = right).
  int kernelH = 1, kernelW = 1;
  int strideH = 1, strideW = 1;
  int padTop = 0, padLeft = 0, padBottom = 0, padRight = 0;
  bool countIncludePad = true;  // avg_pool2d: padded zeros count in the mean (PyTorch's default)
  int levels = QcfsDefaults::levels;          // qcfs: quantisation steps L
  float threshold = QcfsDefaults::threshold;  // qcfs: lambda, the trainable upper clip

  // dense and conv2d. An empty weight means "not trained yet": the model initialises weight and
  // bias as PyTorch does. A weight without a bias means the layer has none (bias=False).
  AnnTensor weight;
  AnnTensor bias;

  bool operator==(const AnnLayerSpec&) const = default;
};

struct AnnSpec {
  AnnShape input;
  // Per input channel; both empty (no normalisation) or both of `input.channels` values.
  std::vector<float> mean;
  std::vector<float> std;
  std::vector<AnnLayerSpec> layers;

  const AnnLayerSpec* findLayer(std::string_view id) const;
  bool operator==(const AnnSpec&) const = default;
};

// The schema of a layer type's settings (the scalar fields above, by their project-file names:
// units, out_channels, kernel_h, kernel_w, stride_h, stride_w, pad_top, pad_left, pad_bottom,
// pad_right, count_include_pad, levels, threshold). Weight tensors are not in it.
const std::vector<ParamInfo>& annLayerParams(AnnLayerType type);
// The schema of the input block: channels, height, width.
const std::vector<ParamInfo>& annInputParams();
// A layer's setting by its schema name, as a number (count_include_pad: 0 or 1). Throws
// std::out_of_range for a name that is not a setting.
double annLayerParam(const AnnLayerSpec& layer, std::string_view name);
void setAnnLayerParam(AnnLayerSpec& layer, std::string_view name, double value);

// The shape weight and bias must have for `layer` on an input of shape `in` (empty for the
// layers without weights).
std::vector<int64_t> annWeightShape(const AnnLayerSpec& layer, const AnnShape& in);
std::vector<int64_t> annBiasShape(const AnnLayerSpec& layer);

// Checks the whole network (input shape and normalisation, ids, settings against their schema,
// window sizes, weight and bias shapes and finite values, softmax only at the end) and returns
// the output shape of every layer in order. Throws SpecError with every problem found, each
// naming the layer id and the field ("weight", "kernel_h", ...).
std::vector<AnnShape> inferAnnShapes(const AnnSpec& spec);

// The network with every relu replaced by a qcfs activation of `levels` steps and threshold
// `threshold` (the start of quantisation-aware training).
AnnSpec withQcfsActivations(const AnnSpec& spec, int levels, float threshold);

}  // namespace snn
