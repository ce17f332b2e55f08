// inferAnnShapes: the checks of an AnnSpec and the shape of every layer's output.
#include <cmath>
#include <set>

#include "AnnSpec.h"
#include "Diagnostic.h"

namespace snn {

namespace {

// The most values one sample's activation or one weight tensor may hold (indices stay in int).
constexpr int64_t kMaxValues = 2147483647;

class ShapeChecker {
 public:
  explicit ShapeChecker(const AnnSpec& spec) : spec_(spec) {}

  std::vector<AnnShape> run() {
    checkInput();
    bool shapeKnown = diagnostics_.empty();
    checkIds();
    std::vector<AnnShape> shapes;
    AnnShape shape = spec_.input;
    for (size_t i = 0; i < spec_.layers.size(); ++i) {
      const AnnLayerSpec& layer = spec_.layers[i];
      const size_t before = diagnostics_.size();
      checkSettings(layer, i + 1 == spec_.layers.size());
      if (shapeKnown && diagnostics_.size() == before) {
        shape = outputShape(layer, shape);
        shapeKnown = diagnostics_.size() == before;
      } else {
        shapeKnown = false;  // later layers' shapes cannot be checked
      }
      shapes.push_back(shape);
    }
    if (!diagnostics_.empty()) throw SpecError(diagnostics_);
    return shapes;
  }

 private:
  void error(const AnnLayerSpec& layer, const std::string& field, const std::string& message) {
    diagnostics_.push_back({ObjectKind::AnnLayer, layer.id, field, message});
  }
  void inputError(const std::string& field, const std::string& message) {
    diagnostics_.push_back({ObjectKind::Ann, "", field, message});
  }

  void checkInput() {
    const AnnShape& in = spec_.input;
    const int dims[] = {in.channels, in.height, in.width};
    for (size_t k = 0; k < 3; ++k) {
      const ParamInfo& info = annInputParams()[k];
      if (!info.inRange(dims[k]))
        inputError("input." + info.name,
                   info.rangeText() + " (got " + std::to_string(dims[k]) + ")");
    }
    if (diagnostics_.empty() && in.size() > kMaxValues)
      inputError("input", "shape " + in.toString() + " is too large");
    if (spec_.mean.size() != spec_.std.size())
      inputError("std", "must have as many values as mean (" + std::to_string(spec_.mean.size()) +
                            "), got " + std::to_string(spec_.std.size()));
    if (!spec_.mean.empty() && spec_.mean.size() != size_t(std::max(in.channels, 0)))
      inputError("mean", "must have one value per input channel (" + std::to_string(in.channels) +
                             "), got " + std::to_string(spec_.mean.size()));
    for (float m : spec_.mean)
      if (!std::isfinite(m)) inputError("mean", "must be finite numbers");
    for (float s : spec_.std)
      if (!(std::isfinite(s) && s > 0)) inputError("std", "must be finite numbers > 0");
  }

  void checkIds() {
    std::set<std::string> seen;
    for (size_t i = 0; i < spec_.layers.size(); ++i) {
      const AnnLayerSpec& l = spec_.layers[i];
      bool ok = !l.id.empty();
      for (unsigned char c : l.id) ok = ok && c > ' ' && c != 0x7f;
      if (!ok)
        diagnostics_.push_back({ObjectKind::AnnLayer, "#" + std::to_string(i + 1), "id",
                                "must be a non-empty name without spaces (got '" + l.id + "')"});
      else if (!seen.insert(l.id).second)
        error(l, "id", "is used by another layer too; layer ids must be unique");
    }
  }

  void checkSettings(const AnnLayerSpec& layer, bool last) {
    for (const ParamInfo& info : annLayerParams(layer.type)) {
      const double v = annLayerParam(layer, info.name);
      if (!info.inRange(v)) {
        std::string got = std::isfinite(v) ? std::to_string(v) : "not a finite number";
        if (info.integer && std::isfinite(v)) got = std::to_string(std::llround(v));
        error(layer, info.name, info.rangeText() + " (got " + got + ")");
      }
    }
    if (layer.type == AnnLayerType::Softmax && !last)
      error(layer, "type", "softmax is only allowed as the last layer");
    if (!annLayerHasWeights(layer.type) && !(layer.weight.empty() && layer.bias.empty()))
      error(layer, "weight",
            "a " + std::string(annLayerTypeName(layer.type)) + " layer has no weights");
  }

  AnnShape outputShape(const AnnLayerSpec& layer, const AnnShape& in) {
    switch (layer.type) {
      case AnnLayerType::Dense:
        if (!in.flat()) {
          error(layer, "type",
                "needs a flat input (got " + in.toString() + "); put a flatten layer before it");
          return in;
        }
        checkWeights(layer, in);
        return {layer.units, 1, 1};
      case AnnLayerType::Conv2d: {
        const AnnShape out = windowOutput(layer, in, layer.outChannels);
        checkWeights(layer, in);
        return out;
      }
      case AnnLayerType::AvgPool2d:
      case AnnLayerType::MaxPool2d:
        checkPoolPadding(layer);
        return windowOutput(layer, in, in.channels);
      case AnnLayerType::Flatten:
        return {static_cast<int>(in.size()), 1, 1};
      case AnnLayerType::Softmax:
        if (!in.flat()) error(layer, "type", "needs a flat input (got " + in.toString() + ")");
        return in;
      case AnnLayerType::Relu:
      case AnnLayerType::Silu:
      case AnnLayerType::Sigmoid:
      case AnnLayerType::Qcfs:
        return in;
    }
    return in;
  }

  // Output of a sliding window: floor((in + pads - kernel) / stride) + 1 (PyTorch, ONNX).
  AnnShape windowOutput(const AnnLayerSpec& l, const AnnShape& in, int channels) {
    const int64_t h = int64_t(in.height) + l.padTop + l.padBottom - l.kernelH;
    const int64_t w = int64_t(in.width) + l.padLeft + l.padRight - l.kernelW;
    if (h < 0)
      error(l, "kernel_h", windowTooLarge(l.kernelH, "height", in.height, l.padTop + l.padBottom));
    if (w < 0)
      error(l, "kernel_w", windowTooLarge(l.kernelW, "width", in.width, l.padLeft + l.padRight));
    if (h < 0 || w < 0) return in;
    AnnShape out{channels, static_cast<int>(h / l.strideH + 1),
                 static_cast<int>(w / l.strideW + 1)};
    if (out.size() > kMaxValues) error(l, "type", "output of " + out.toString() + " is too large");
    return out;
  }

  static std::string windowTooLarge(int kernel, const char* what, int size, int pads) {
    return "window of " + std::to_string(kernel) + " is larger than the padded input " + what +
           " (" + std::to_string(size) + " + " + std::to_string(pads) + ")";
  }

  // Every window must hold at least one pixel of the input (ONNX and PyTorch ask for less than
  // a window of padding); otherwise max and mean without padding have nothing to work on.
  void checkPoolPadding(const AnnLayerSpec& l) {
    const std::pair<const char*, std::pair<int, int>> pads[] = {
        {"pad_top", {l.padTop, l.kernelH}},
        {"pad_left", {l.padLeft, l.kernelW}},
        {"pad_bottom", {l.padBottom, l.kernelH}},
        {"pad_right", {l.padRight, l.kernelW}}};
    for (const auto& [field, padKernel] : pads)
      if (padKernel.first >= padKernel.second)
        error(l, field,
              "must be smaller than the window (" + std::to_string(padKernel.second) + "), got " +
                  std::to_string(padKernel.first));
  }

  void checkWeights(const AnnLayerSpec& l, const AnnShape& in) {
    if (l.weight.empty()) {
      if (!l.bias.empty()) error(l, "bias", "is given without a weight");
      return;
    }
    checkTensor(l, "weight", l.weight, annWeightShape(l, in));
    if (!l.bias.empty()) checkTensor(l, "bias", l.bias, annBiasShape(l));
  }

  void checkTensor(const AnnLayerSpec& l, const char* field, const AnnTensor& t,
                   const std::vector<int64_t>& expected) {
    AnnTensor want{expected, {}};
    if (t.shape != expected) {
      error(l, field, "must have shape " + want.shapeText() + ", got " + t.shapeText());
      return;
    }
    const int64_t n = want.shapeSize();
    if (n < 0 || n > kMaxValues) {
      error(l, field, "shape " + want.shapeText() + " is too large");
      return;
    }
    if (static_cast<int64_t>(t.values.size()) != n) {
      error(l, field,
            "shape " + t.shapeText() + " needs " + std::to_string(n) + " values, got " +
                std::to_string(t.values.size()));
      return;
    }
    for (size_t i = 0; i < t.values.size(); ++i)
      if (!std::isfinite(t.values[i])) {
        error(l, field, "value " + std::to_string(i) + " is not a finite number");
        return;
      }
  }

  const AnnSpec& spec_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

std::vector<AnnShape> inferAnnShapes(const AnnSpec& spec) {
  return ShapeChecker(spec).run();
}

}  // namespace snn
