#include "InputNormalisation.h"

#include <Eigen/Core>

namespace snn {

namespace {

// The first layer that computes something (flatten only reorders, and not even that: it keeps
// PyTorch's C x H x W order), or null.
AnnLayerSpec* firstWeighted(AnnSpec& ann) {
  for (AnnLayerSpec& l : ann.layers) {
    if (l.type == AnnLayerType::Flatten) continue;
    return &l;
  }
  return nullptr;
}

bool foldable(const AnnLayerSpec& l) {
  if (l.type == AnnLayerType::Dense) return true;
  return l.type == AnnLayerType::Conv2d && l.padTop == 0 && l.padLeft == 0 && l.padBottom == 0 &&
         l.padRight == 0;
}

}  // namespace

std::string foldInputNormalisation(AnnSpec& ann) {
  const size_t channels = static_cast<size_t>(ann.input.channels);
  if (ann.mean.size() != channels || ann.std.size() != channels) return {};
  AnnLayerSpec* l = firstWeighted(ann);
  if (!l || !foldable(*l) || l->weight.empty()) return {};
  const bool dense = l->type == AnnLayerType::Dense;
  const auto outputs = static_cast<size_t>(dense ? l->units : l->outChannels);
  // Weights per output: dense [out, C*H*W], conv2d [out, C, kh, kw]; both channel-major inside.
  const size_t perOutput = l->weight.values.size() / outputs;
  const size_t perChannel = perOutput / channels;
  if (l->bias.empty()) {
    l->bias.shape = {static_cast<int64_t>(outputs)};
    l->bias.values.assign(outputs, 0.0f);
  }
  for (size_t o = 0; o < outputs; ++o) {
    double shift = 0.0;  // W m / s, in double: one rounding for the bias
    for (size_t c = 0; c < channels; ++c) {
      const double inv = 1.0 / double(ann.std[c]), m = ann.mean[c];
      float* w = l->weight.values.data() + o * perOutput + c * perChannel;
      for (size_t i = 0; i < perChannel; ++i) {
        shift += double(w[i]) * m * inv;
        w[i] = static_cast<float>(double(w[i]) * inv);
      }
    }
    l->bias.values[o] = static_cast<float>(double(l->bias.values[o]) - shift);
  }
  ann.mean.clear();
  ann.std.clear();
  return l->id;
}

void normaliseInput(Tensor& x, const std::vector<float>& mean, const std::vector<float>& std) {
  if (mean.empty()) return;
  for (int c = 0; c < x.shape().channels; ++c) {
    const float m = mean[static_cast<size_t>(c)], inv = 1.0f / std[static_cast<size_t>(c)];
    Eigen::Map<Eigen::ArrayXf> channel(x.plane(c, 0), x.batch() * x.planeSize());
    channel = (channel - m) * inv;
  }
}

}  // namespace snn
