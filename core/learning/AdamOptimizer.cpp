#include "AdamOptimizer.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "parallel/ParallelBlocks.h"

namespace snn {

namespace {
// Eigen's array expressions: vectorised square roots (std::sqrt in a loop is not, unless the
// build says -fno-math-errno).
void update(int64_t n, float* value, const float* grad, float* m, float* v, float b1, float b2,
            float g1, float g2, float stepSize, float correction2, float eps) {
  using Array = Eigen::Map<Eigen::ArrayXf>;
  Array mm(m, n), vv(v, n), p(value, n);
  const Eigen::Map<const Eigen::ArrayXf> g(grad, n);
  mm = b1 * mm + g1 * g;
  vv = b2 * vv + g2 * g.square();
  p -= stepSize * mm / (vv.sqrt() / correction2 + eps);
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
  const auto stepSize =
      static_cast<float>(settings_.learningRate / (1.0 - std::pow(b1, double(k))));
  const auto correction2 = static_cast<float>(std::sqrt(1.0 - std::pow(b2, double(k))));
  const auto eps = static_cast<float>(settings_.epsilon);
  const auto fb1 = static_cast<float>(b1), fb2 = static_cast<float>(b2);
  const auto gb1 = static_cast<float>(1.0 - b1), gb2 = static_cast<float>(1.0 - b2);
  // Every parameter cut into blocks of kBlock elements, all updated in one parallel region.
  constexpr int64_t kBlock = 1 << 14;
  if (blockStart_.empty()) {
    blockStart_.push_back(0);
    for (const Parameter& p : parameters_)
      blockStart_.push_back(blockStart_.back() + blockCount(p.size, kBlock));
  }
  parallelBlocks(threads, blockStart_.back(), blockStart_.back() * kBlock, [&](int64_t block) {
    const size_t i = static_cast<size_t>(
        std::upper_bound(blockStart_.begin(), blockStart_.end(), block) - blockStart_.begin() - 1);
    const Parameter& p = parameters_[i];
    const int64_t e0 = (block - blockStart_[i]) * kBlock, n = std::min(kBlock, p.size - e0);
    update(n, p.value + e0, p.grad + e0, state_.m[i].data() + e0, state_.v[i].data() + e0, fb1, fb2,
           gb1, gb2, stepSize, correction2, eps);
  });
}

}  // namespace snn
