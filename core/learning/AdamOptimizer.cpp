#include "AdamOptimizer.h"

#include <algorithm>
#include <cmath>

#include "ParallelBlocks.h"

namespace snn {

namespace {
// Free function so that __restrict on the parameters lets GCC vectorise.
void update(int64_t n, float* __restrict value, const float* __restrict grad, float* __restrict m,
            float* __restrict v, float b1, float b2, float g1, float g2, float stepSize,
            float correction2, float eps) {
  for (int64_t e = 0; e < n; ++e) {
    const float g = grad[e];
    m[e] = b1 * m[e] + g1 * g;
    v[e] = b2 * v[e] + g2 * g * g;
    value[e] -= stepSize * m[e] / (std::sqrt(v[e]) / correction2 + eps);
  }
}
}  // namespace

AdamOptimizer::AdamOptimizer(std::vector<Parameter> parameters, Settings settings)
    : parameters_(std::move(parameters)), settings_(settings) {
  for (const Parameter& p : parameters_) {
    state_.m.emplace_back(static_cast<size_t>(p.size), 0.0f);
    state_.v.emplace_back(static_cast<size_t>(p.size), 0.0f);
  }
}

void AdamOptimizer::step(int threads) {
  const int64_t k = ++state_.updates;
  const double b1 = settings_.beta1, b2 = settings_.beta2;
  // The bias corrections in double, as PyTorch computes them in Python floats.
  const auto stepSize = static_cast<float>(settings_.learningRate / (1.0 - std::pow(b1, double(k))));
  const auto correction2 = static_cast<float>(std::sqrt(1.0 - std::pow(b2, double(k))));
  const auto eps = static_cast<float>(settings_.epsilon);
  const auto fb1 = static_cast<float>(b1), fb2 = static_cast<float>(b2);
  const auto gb1 = static_cast<float>(1.0 - b1), gb2 = static_cast<float>(1.0 - b2);
  // Every parameter cut into blocks of kBlock elements, all updated in one parallel region.
  constexpr int64_t kBlock = 1 << 14;
  if (blockStart_.empty()) {
    blockStart_.push_back(0);
    for (const Parameter& p : parameters_) blockStart_.push_back(blockStart_.back() + blockCount(p.size, kBlock));
  }
  parallelBlocks(threads, blockStart_.back(), blockStart_.back() * kBlock, [&](int64_t block) {
    const size_t i = static_cast<size_t>(std::upper_bound(blockStart_.begin(), blockStart_.end(), block) -
                                         blockStart_.begin() - 1);
    const Parameter& p = parameters_[i];
    const int64_t e0 = (block - blockStart_[i]) * kBlock, n = std::min(kBlock, p.size - e0);
    update(n, p.value + e0, p.grad + e0, state_.m[i].data() + e0, state_.v[i].data() + e0, fb1, fb2,
           gb1, gb2, stepSize, correction2, eps);
  });
}

}  // namespace snn
