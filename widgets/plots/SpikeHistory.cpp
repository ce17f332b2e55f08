#include "SpikeHistory.h"

#include <algorithm>
#include <limits>

namespace snn::gui {

void SpikeHistory::reset(size_t populations) {
  times_.assign(populations, {});
  neurons_.assign(populations, {});
  head_.assign(populations, 0);
}

void SpikeHistory::append(size_t population, const std::vector<int64_t>& steps,
                          const std::vector<int32_t>& neurons, double dt) {
  auto& t = times_[population];
  t.reserve(t.size() + steps.size());
  for (int64_t s : steps) t.push_back(static_cast<double>(s) * dt);
  auto& n = neurons_[population];
  n.insert(n.end(), neurons.begin(), neurons.end());
}

void SpikeHistory::dropBefore(double timeMs) {
  for (size_t p = 0; p < times_.size(); ++p) {
    auto& t = times_[p];
    head_[p] = static_cast<size_t>(
        std::lower_bound(t.begin() + static_cast<ptrdiff_t>(head_[p]), t.end(), timeMs) -
        t.begin());
    // Compact when the dead part outweighs the live one: each spike is moved O(1) times.
    if (head_[p] > 4096 && head_[p] * 2 > t.size()) {
      t.erase(t.begin(), t.begin() + static_cast<ptrdiff_t>(head_[p]));
      neurons_[p].erase(neurons_[p].begin(),
                        neurons_[p].begin() + static_cast<ptrdiff_t>(head_[p]));
      head_[p] = 0;
    }
  }
}

size_t SpikeHistory::total() const {
  size_t n = 0;
  for (size_t p = 0; p < times_.size(); ++p) n += size(p);
  return n;
}

double SpikeHistory::keepAtMost(size_t count) {
  if (total() <= count) return -std::numeric_limits<double>::infinity();
  // The spikes after `t`, over every population.
  auto after = [this](double t) {
    size_t n = 0;
    for (size_t p = 0; p < times_.size(); ++p) {
      const auto& v = times_[p];
      n += static_cast<size_t>(
          v.end() - std::lower_bound(v.begin() + static_cast<ptrdiff_t>(head_[p]), v.end(), t));
    }
    return n;
  };
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (size_t p = 0; p < times_.size(); ++p)
    if (size(p) > 0) {
      lo = std::min(lo, times_[p][head_[p]]);
      hi = std::max(hi, times_[p].back());
    }
  // Keep three quarters of the bound, so that trimming happens once in a while, not per chunk.
  const size_t keep = count - count / 4;
  for (int i = 0; i < 60 && hi - lo > 1e-9; ++i) {
    const double mid = 0.5 * (lo + hi);
    (after(mid) > keep ? lo : hi) = mid;
  }
  dropBefore(hi);
  return hi;
}

SpikeHistory::Range SpikeHistory::between(size_t population, double fromMs, double toMs) const {
  const auto& t = times_[population];
  const auto begin =
      std::lower_bound(t.begin() + static_cast<ptrdiff_t>(head_[population]), t.end(), fromMs);
  const auto end = std::upper_bound(begin, t.end(), toMs);
  Range r;
  r.count = static_cast<size_t>(end - begin);
  if (r.count == 0) return r;
  r.times = &*begin;
  r.neurons = neurons_[population].data() + (begin - t.begin());
  return r;
}

}  // namespace snn::gui
