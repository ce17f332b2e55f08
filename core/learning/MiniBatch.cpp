#include "MiniBatch.h"

#include <cstring>
#include <numeric>
#include <utility>

#include "model/RandomStreams.h"

namespace snn {

std::vector<int64_t> shuffledOrder(int64_t n, uint64_t seed, std::string_view purpose, int epoch) {
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng = makeRandomStream(seed, purpose, "", static_cast<uint64_t>(epoch));
  for (int64_t i = n - 1; i > 0; --i)
    std::swap(order[static_cast<size_t>(i)], order[rng() % static_cast<uint64_t>(i + 1)]);
  return order;
}

void gatherBatch(const Dataset& data, const std::vector<int64_t>& order, int64_t first, int64_t n,
                 float* images, uint8_t* labels) {
  const int64_t pixels = data.images.cols();  // (not height x width: a view may leave them 0)
  for (int64_t b = 0; b < n; ++b) {
    const int64_t sample = order.empty() ? first + b : order[static_cast<size_t>(first + b)];
    std::memcpy(images + b * pixels, data.images.row(sample).data(),
                sizeof(float) * static_cast<size_t>(pixels));
    labels[b] = data.labels[static_cast<size_t>(sample)];
  }
}

double secondsSince(TrainingClock::time_point start) {
  return std::chrono::duration<double>(TrainingClock::now() - start).count();
}

}  // namespace snn
