#include "ClassificationLoss.h"

#include <algorithm>
#include <cmath>

namespace snn {

namespace {

// Softmax of z (n values) into p; returns -log p[label].
double softmaxCrossEntropy(const float* z, int64_t n, int label, float* p) {
  float top = z[0];
  for (int64_t i = 1; i < n; ++i) top = std::max(top, z[i]);
  double sum = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    p[i] = std::exp(z[i] - top);
    sum += p[i];
  }
  const float inv = static_cast<float>(1.0 / sum);
  for (int64_t i = 0; i < n; ++i) p[i] *= inv;
  return std::log(sum) - static_cast<double>(z[label] - top);
}

}  // namespace

const std::vector<std::string>& ClassificationLoss::names() {
  static const std::vector<std::string> n{"membrane_per_step", "membrane_mean", "spike_count"};
  return n;
}

std::optional<LossKind> ClassificationLoss::parse(std::string_view name) {
  const auto& n = names();
  for (size_t i = 0; i < n.size(); ++i)
    if (n[i] == name) return static_cast<LossKind>(i);
  return std::nullopt;
}

double ClassificationLoss::evaluate(ConstMap membrane, ConstMap spikes, int64_t batch,
                                    const uint8_t* labels, float* gradMembrane,
                                    float* gradSpikes) const {
  const int64_t classes = membrane.rows();
  const int64_t steps = membrane.cols() / batch;
  const int64_t size = classes * steps * batch;
  if (gradMembrane) std::fill(gradMembrane, gradMembrane + size, 0.0f);
  std::fill(gradSpikes, gradSpikes + size, 0.0f);
  const float perSample = 1.0f / static_cast<float>(batch);
  // Two small vectors per batch (one value per class), never per step.
  std::vector<float> z(static_cast<size_t>(classes)), p(static_cast<size_t>(classes));
  double loss = 0.0;
  if (kind == LossKind::MembranePerStep) {
    for (int64_t c = 0; c < steps * batch; ++c) {
      const int label = labels[c % batch];
      loss += softmaxCrossEntropy(membrane.col(c).data(), classes, label, p.data());
      float* g = gradMembrane + c * classes;
      for (int64_t i = 0; i < classes; ++i) g[i] = (p[i] - (i == label ? 1.0f : 0.0f)) * perSample;
    }
    return loss / static_cast<double>(batch);
  }
  const bool counts = kind == LossKind::SpikeCount;
  const ConstMap& source = counts ? spikes : membrane;
  const float scale = counts ? perSample : perSample / static_cast<float>(steps);
  for (int64_t b = 0; b < batch; ++b) {
    std::fill(z.begin(), z.end(), 0.0f);
    for (int64_t t = 0; t < steps; ++t)
      for (int64_t i = 0; i < classes; ++i) z[i] += source(i, t * batch + b);
    if (!counts)
      for (float& v : z) v /= static_cast<float>(steps);
    const int label = labels[b];
    loss += softmaxCrossEntropy(z.data(), classes, label, p.data());
    float* grad = counts ? gradSpikes : gradMembrane;
    for (int64_t t = 0; t < steps; ++t)
      for (int64_t i = 0; i < classes; ++i)
        grad[(t * batch + b) * classes + i] = (p[i] - (i == label ? 1.0f : 0.0f)) * scale;
  }
  return loss / static_cast<double>(batch);
}

void ClassificationLoss::predict(ConstMap spikes, int64_t batch, int32_t* predicted) {
  const int64_t classes = spikes.rows();
  const int64_t steps = spikes.cols() / batch;
  for (int64_t b = 0; b < batch; ++b) {
    int32_t best = 0;
    float bestCount = -1.0f;
    for (int64_t i = 0; i < classes; ++i) {
      float count = 0.0f;
      for (int64_t t = 0; t < steps; ++t) count += spikes(i, t * batch + b);
      if (count > bestCount) {
        bestCount = count;
        best = static_cast<int32_t>(i);
      }
    }
    predicted[b] = best;
  }
}

}  // namespace snn
