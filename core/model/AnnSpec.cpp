#include "AnnSpec.h"

#include <array>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "Diagnostic.h"

namespace snn {

namespace {

constexpr std::array<std::pair<AnnLayerType, std::string_view>, 10> kTypeNames{{
    {AnnLayerType::Dense, "dense"},
    {AnnLayerType::Conv2d, "conv2d"},
    {AnnLayerType::AvgPool2d, "avg_pool2d"},
    {AnnLayerType::MaxPool2d, "max_pool2d"},
    {AnnLayerType::Flatten, "flatten"},
    {AnnLayerType::Relu, "relu"},
    {AnnLayerType::Silu, "silu"},
    {AnnLayerType::Sigmoid, "sigmoid"},
    {AnnLayerType::Softmax, "softmax"},
    {AnnLayerType::Qcfs, "qcfs"},
}};

// Bounds that keep every index of a layer's activations and weights well inside int64 and every
// count inside int.
constexpr double kMaxExtent = 65536;              // channels, height, width, kernel, stride, pad
constexpr double kMaxUnits = 1 << 24;             // dense units
constexpr int64_t kMaxTensor = int64_t(1) << 31;  // values in one sample's activation or a weight

ParamInfo whole(const char* name, double def, double min, double max, const char* meaning) {
  return ParamInfo{.name = name,
                   .defaultValue = def,
                   .min = min,
                   .max = max,
                   .meaning = meaning,
                   .integer = true};
}

std::vector<ParamInfo> windowParams(double kernel, double stride) {
  return {
      whole("kernel_h", kernel, 1, kMaxExtent, "Window height in pixels"),
      whole("kernel_w", kernel, 1, kMaxExtent, "Window width in pixels"),
      whole("stride_h", stride, 1, kMaxExtent, "Vertical step between windows in pixels"),
      whole("stride_w", stride, 1, kMaxExtent, "Horizontal step between windows in pixels"),
      whole("pad_top", 0, 0, kMaxExtent, "Rows of zeros added above the input"),
      whole("pad_left", 0, 0, kMaxExtent, "Columns of zeros added left of the input"),
      whole("pad_bottom", 0, 0, kMaxExtent, "Rows of zeros added below the input"),
      whole("pad_right", 0, 0, kMaxExtent, "Columns of zeros added right of the input"),
  };
}

std::vector<ParamInfo> makeParams(AnnLayerType type) {
  switch (type) {
    case AnnLayerType::Dense:
      return {whole("units", 10, 1, kMaxUnits, "Output units (PyTorch's out_features)")};
    case AnnLayerType::Conv2d: {
      std::vector<ParamInfo> p{
          whole("out_channels", 16, 1, kMaxExtent, "Output channels (feature maps)")};
      for (ParamInfo& w : windowParams(3, 1)) p.push_back(std::move(w));
      p[1].meaning = "Kernel height in pixels";
      p[2].meaning = "Kernel width in pixels";
      return p;
    }
    case AnnLayerType::AvgPool2d: {
      std::vector<ParamInfo> p = windowParams(2, 2);
      p.push_back(whole("count_include_pad", 1, 0, 1,
                        "1: padded zeros count in each window's mean (PyTorch's default); 0: "
                        "only the input's pixels"));
      return p;
    }
    case AnnLayerType::MaxPool2d:
      return windowParams(2, 2);
    case AnnLayerType::Qcfs:
      return {whole("levels", QcfsDefaults::levels, 1, kMaxExtent,
                    "L, quantisation steps between 0 and the threshold (about the time steps "
                    "the converted SNN needs)"),
              ParamInfo{.name = "threshold",
                        .defaultValue = QcfsDefaults::threshold,
                        .min = 0.0,
                        .minInclusive = false,
                        .meaning = "lambda, the largest output (trained with the weights)"}};
    case AnnLayerType::Flatten:
    case AnnLayerType::Relu:
    case AnnLayerType::Silu:
    case AnnLayerType::Sigmoid:
    case AnnLayerType::Softmax:
      return {};
  }
  return {};
}

// The project-file name of each scalar field, with its getter and setter.
struct FieldAccess {
  std::string_view name;
  std::function<double(const AnnLayerSpec&)> get;
  std::function<void(AnnLayerSpec&, double)> set;
};

template <class T>
FieldAccess numberField(std::string_view name, T AnnLayerSpec::*member) {
  return {name, [member](const AnnLayerSpec& l) { return double(l.*member); },
          [member](AnnLayerSpec& l, double v) { l.*member = static_cast<T>(v); }};
}

const std::vector<FieldAccess>& fieldAccess() {
  static const std::vector<FieldAccess> fields{
      numberField("units", &AnnLayerSpec::units),
      numberField("out_channels", &AnnLayerSpec::outChannels),
      numberField("kernel_h", &AnnLayerSpec::kernelH),
      numberField("kernel_w", &AnnLayerSpec::kernelW),
      numberField("stride_h", &AnnLayerSpec::strideH),
      numberField("stride_w", &AnnLayerSpec::strideW),
      numberField("pad_top", &AnnLayerSpec::padTop),
      numberField("pad_left", &AnnLayerSpec::padLeft),
      numberField("pad_bottom", &AnnLayerSpec::padBottom),
      numberField("pad_right", &AnnLayerSpec::padRight),
      {"count_include_pad", [](const AnnLayerSpec& l) { return l.countIncludePad ? 1.0 : 0.0; },
       [](AnnLayerSpec& l, double v) { l.countIncludePad = v != 0.0; }},
      numberField("levels", &AnnLayerSpec::levels),
      numberField("threshold", &AnnLayerSpec::threshold),
  };
  return fields;
}

const FieldAccess& findField(std::string_view name) {
  for (const FieldAccess& f : fieldAccess())
    if (f.name == name) return f;
  throw std::out_of_range("no ANN layer setting '" + std::string(name) + "'");
}

}  // namespace

std::string_view annLayerTypeName(AnnLayerType type) {
  for (const auto& [t, name] : kTypeNames)
    if (t == type) return name;
  return "?";
}

std::optional<AnnLayerType> annLayerTypeFromName(std::string_view name) {
  for (const auto& [t, n] : kTypeNames)
    if (n == name) return t;
  return std::nullopt;
}

std::string annLayerTypeNames() {
  std::string s;
  for (const auto& [t, name] : kTypeNames) s += (s.empty() ? "" : ", ") + std::string(name);
  return s;
}

bool annLayerHasWeights(AnnLayerType type) {
  return type == AnnLayerType::Dense || type == AnnLayerType::Conv2d;
}

std::string AnnShape::toString() const {
  return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width);
}

int64_t AnnTensor::shapeSize() const {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d > 0 && n > kMaxTensor * 4 / d)) return -1;
    n *= d;
  }
  return n;
}

std::string AnnTensor::shapeText() const {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

const AnnLayerSpec* AnnSpec::findLayer(std::string_view id) const {
  for (const AnnLayerSpec& l : layers)
    if (l.id == id) return &l;
  return nullptr;
}

const std::vector<ParamInfo>& annLayerParams(AnnLayerType type) {
  static const std::array<std::vector<ParamInfo>, kTypeNames.size()> tables = [] {
    std::array<std::vector<ParamInfo>, kTypeNames.size()> t;
    for (size_t i = 0; i < kTypeNames.size(); ++i) t[i] = makeParams(kTypeNames[i].first);
    return t;
  }();
  for (size_t i = 0; i < kTypeNames.size(); ++i)
    if (kTypeNames[i].first == type) return tables[i];
  return tables[0];
}

const std::vector<ParamInfo>& annInputParams() {
  static const std::vector<ParamInfo> params{
      whole("channels", 1, 1, kMaxExtent, "Input channels (1 for grey images)"),
      whole("height", 28, 1, kMaxExtent, "Input height in pixels (1 for a flat vector)"),
      whole("width", 28, 1, kMaxExtent, "Input width in pixels (1 for a flat vector)"),
  };
  return params;
}

double annLayerParam(const AnnLayerSpec& layer, std::string_view name) {
  return findField(name).get(layer);
}

void setAnnLayerParam(AnnLayerSpec& layer, std::string_view name, double value) {
  findField(name).set(layer, value);
}

std::vector<int64_t> annWeightShape(const AnnLayerSpec& layer, const AnnShape& in) {
  if (layer.type == AnnLayerType::Dense) return {layer.units, in.size()};
  if (layer.type == AnnLayerType::Conv2d)
    return {layer.outChannels, in.channels, layer.kernelH, layer.kernelW};
  return {};
}

std::vector<int64_t> annBiasShape(const AnnLayerSpec& layer) {
  if (layer.type == AnnLayerType::Dense) return {layer.units};
  if (layer.type == AnnLayerType::Conv2d) return {layer.outChannels};
  return {};
}

AnnSpec withQcfsActivations(const AnnSpec& spec, int levels, float threshold) {
  AnnSpec out = spec;
  for (AnnLayerSpec& l : out.layers)
    if (l.type == AnnLayerType::Relu) {
      l.type = AnnLayerType::Qcfs;
      l.levels = levels;
      l.threshold = threshold;
    }
  return out;
}

}  // namespace snn
