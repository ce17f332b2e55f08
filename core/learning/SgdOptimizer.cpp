#include "SgdOptimizer.h"

#include "parallel/ParallelBlocks.h"

namespace snn {

namespace {
constexpr int64_t kBlock = int64_t(1) << 14;
}  // namespace

SgdOptimizer::SgdOptimizer(std::vector<Parameter> parameters, Settings settings)
    : parameters_(std::move(parameters)), settings_(settings) {
  for (const Parameter& p : parameters_)
    state_.momentum.emplace_back(static_cast<size_t>(p.size), 0.0f);
}

void SgdOptimizer::step(int threads) {
  const bool first = state_.updates++ == 0;
  const auto lr = static_cast<float>(settings_.learningRate);
  const auto mu = static_cast<float>(settings_.momentum);
  const auto decay = static_cast<float>(settings_.weightDecay);
  for (size_t i = 0; i < parameters_.size(); ++i) {
    const Parameter& p = parameters_[i];
    float* buffer = state_.momentum[i].data();
    parallelRanges(threads, p.size, kBlock, 4, [&](int64_t begin, int64_t n) {
      float* value = p.value + begin;
      float* b = buffer + begin;
      const float* grad = p.grad + begin;
      // The operations of torch.optim.SGD's single-tensor loop, in its order.
      for (int64_t j = 0; j < n; ++j) {
        float g = decay != 0.0f ? grad[j] + decay * value[j] : grad[j];
        if (mu != 0.0f) {
          b[j] = first ? g : mu * b[j] + g;
          g = b[j];
        }
        value[j] -= lr * g;
      }
    });
  }
}

}  // namespace snn
