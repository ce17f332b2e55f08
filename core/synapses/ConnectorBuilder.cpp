#include "ConnectorBuilder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "model/Diagnostic.h"
#include "model/NumberText.h"
#include "model/RandomStreams.h"
#include "model/StepCount.h"

namespace snn {

namespace {

// (pre, post) pairs in generation order, plus explicit weights/delays for from_list.
struct Pairs {
  std::vector<int32_t> pre;
  std::vector<int32_t> post;
  std::vector<double> weight;  // empty unless given per synapse
  std::vector<double> delay;   // empty unless given per synapse
};

// Geometric skipping: the gap to the next accepted candidate of a Bernoulli(p) sequence, so a
// sparse random connector costs O(synapses), not O(pairs).
class BernoulliSkipper {
 public:
  explicit BernoulliSkipper(double p) : p_(p), logq_(p < 1.0 ? std::log1p(-p) : 0.0) {}
  int64_t next(std::mt19937_64& rng) {
    if (p_ >= 1.0) return 0;
    const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
    const double gap = std::floor(std::log1p(-u) / logq_);
    return gap > 9e18 ? std::numeric_limits<int64_t>::max() / 2 : static_cast<int64_t>(gap);
  }

 private:
  double p_;
  double logq_;
};

// n distinct values from [0, range) without `excluded`, in increasing order: Floyd's algorithm
// (O(n), `mark` is a reusable all-zero scratch of `range` flags) for small n, selection sampling
// (O(range)) otherwise.
void sampleDistinct(int64_t range, int64_t n, int64_t excluded, std::mt19937_64& rng,
                    std::vector<uint8_t>& mark, std::vector<int32_t>& out) {
  out.clear();
  const int64_t available = range - (excluded >= 0 ? 1 : 0);
  if (n * 8 < available) {
    for (int64_t j = available - n; j < available; ++j) {
      const int64_t t = std::uniform_int_distribution<int64_t>(0, j)(rng);
      const int64_t pick = mark[static_cast<size_t>(t)] ? j : t;
      mark[static_cast<size_t>(pick)] = 1;
      out.push_back(static_cast<int32_t>(pick));
    }
    for (int32_t v : out) mark[static_cast<size_t>(v)] = 0;
    std::sort(out.begin(), out.end());
  } else {
    int64_t needed = n;
    for (int64_t x = 0; x < available && needed > 0; ++x) {
      const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
      if (u * static_cast<double>(available - x) < static_cast<double>(needed)) {
        out.push_back(static_cast<int32_t>(x));
        --needed;
      }
    }
  }
  // Values were drawn from a range without the excluded one; shift those above it up by one.
  if (excluded >= 0)
    for (int32_t& v : out)
      if (v >= excluded) ++v;
}

}  // namespace

void assignWeights(std::vector<float>& weights, const ValueSpec& weight, uint64_t seed,
                   const std::string& projectionId) {
  if (weight.isScalar()) {
    std::fill(weights.begin(), weights.end(), static_cast<float>(weight.scalar));
    return;
  }
  std::mt19937_64 rng = makeRandomStream(seed, "weights", projectionId);
  for (float& w : weights) w = static_cast<float>(weight.draw(rng));
}

int64_t delaySteps(double delayMs, double dt) {
  // Checked: a delay beyond int64 steps is kNeverStep (refused by the caller), not an overflow.
  return std::max(stepsOrNever(delayMs, dt).value_or(0), int64_t(0));
}

ConnectorBuilder::ConnectorBuilder(const ProjectionSpec& spec, int64_t preSize, int64_t postSize,
                                   double dt, uint64_t seed)
    : spec_(spec), preSize_(preSize), postSize_(postSize), dt_(dt), seed_(seed) {}

SynapseMatrix ConnectorBuilder::build(const std::function<bool()>& cancelled) const {
  const ConnectorSpec& c = spec_.connector;
  const bool samePop = spec_.pre == spec_.post;
  const bool skipSelf = samePop && !c.allowSelf;
  std::mt19937_64 rng = makeRandomStream(seed_, "connectivity", spec_.id);
  Pairs pairs;
  auto add = [&pairs](int64_t i, int64_t j) {
    pairs.pre.push_back(static_cast<int32_t>(i));
    pairs.post.push_back(static_cast<int32_t>(j));
  };
  auto checkCancel = [&cancelled]() {
    if (cancelled && cancelled())
      throw SpecError(Diagnostic{ObjectKind::Network, "", "", "cancelled"});
  };
  using T = ConnectorSpec::Type;
  switch (c.type) {
    case T::AllToAll:
      pairs.pre.reserve(static_cast<size_t>(preSize_ * postSize_));
      pairs.post.reserve(static_cast<size_t>(preSize_ * postSize_));
      for (int64_t i = 0; i < preSize_; ++i) {
        if ((i & 1023) == 0) checkCancel();
        for (int64_t j = 0; j < postSize_; ++j)
          if (!(skipSelf && i == j)) add(i, j);
      }
      break;
    case T::OneToOne:
      for (int64_t i = 0; i < preSize_; ++i) add(i, i);
      break;
    case T::Random: {
      BernoulliSkipper skip(c.p);
      if (c.p <= 0.0) break;
      const auto expected = static_cast<size_t>(c.p * preSize_ * postSize_ * 1.01);
      pairs.pre.reserve(expected);
      pairs.post.reserve(expected);
      for (int64_t i = 0; i < preSize_; ++i) {
        if ((i & 1023) == 0) checkCancel();
        for (int64_t j = skip.next(rng); j < postSize_; j += 1 + skip.next(rng))
          if (!(skipSelf && i == j)) add(i, j);
      }
      break;
    }
    case T::FixedInDegree: {
      std::vector<int32_t> chosen;
      std::vector<uint8_t> mark(static_cast<size_t>(preSize_), 0);
      for (int64_t j = 0; j < postSize_; ++j) {
        if ((j & 1023) == 0) checkCancel();
        sampleDistinct(preSize_, c.n, skipSelf ? j : -1, rng, mark, chosen);
        for (int32_t i : chosen) add(i, j);
      }
      break;
    }
    case T::FromList: {
      const bool weights =
          std::any_of(c.list.begin(), c.list.end(), [](auto& e) { return e.weight.has_value(); });
      const bool delays =
          std::any_of(c.list.begin(), c.list.end(), [](auto& e) { return e.delay.has_value(); });
      const bool weightArray = spec_.weight.kind == ValueSpec::Kind::Array;
      for (size_t k = 0; k < c.list.size(); ++k) {
        const auto& e = c.list[k];
        add(e.pre, e.post);
        if (weights || weightArray)
          pairs.weight.push_back(
              e.weight.value_or(weightArray ? spec_.weight.array[k] : spec_.weight.mean()));
        if (delays) pairs.delay.push_back(e.delay.value_or(spec_.delay.mean()));
      }
      break;
    }
    case T::Conv2d:
    case T::AvgPool2d:
      break;  // the kernel is stored once (ConvConnector), never expanded here
  }

  // Trained weights: one per synapse in generation order, which is row-major for all_to_all and
  // one_to_one (from_list took them above).
  if (spec_.weight.kind == ValueSpec::Kind::Array && c.type != T::FromList)
    pairs.weight = spec_.weight.array;

  // Stable counting sort by presynaptic neuron; rows come out sorted by target because every
  // connector above generates targets in increasing order for each source (from_list is sorted
  // explicitly below).
  SynapseMatrix m;
  m.preSize = static_cast<int32_t>(preSize_);
  m.postSize = static_cast<int32_t>(postSize_);
  const size_t nnz = pairs.pre.size();
  m.rowStart.assign(static_cast<size_t>(preSize_) + 1, 0);
  for (int32_t i : pairs.pre) ++m.rowStart[static_cast<size_t>(i) + 1];
  std::partial_sum(m.rowStart.begin(), m.rowStart.end(), m.rowStart.begin());
  std::vector<int64_t> order(nnz);
  {
    std::vector<int64_t> fill(m.rowStart.begin(), m.rowStart.end() - 1);
    for (size_t k = 0; k < nnz; ++k)
      order[static_cast<size_t>(fill[static_cast<size_t>(pairs.pre[k])]++)] =
          static_cast<int64_t>(k);
  }
  if (c.type == T::FromList) {
    for (int64_t i = 0; i < preSize_; ++i)
      std::stable_sort(order.begin() + m.rowStart[i], order.begin() + m.rowStart[i + 1],
                       [&](int64_t a, int64_t b) { return pairs.post[a] < pairs.post[b]; });
  }
  m.target.resize(nnz);
  for (size_t k = 0; k < nnz; ++k) m.target[k] = pairs.post[static_cast<size_t>(order[k])];
  pairs.post = {};

  // Weights and delays are drawn in the final (row-major) order from their own streams.
  m.weight.resize(nnz);
  if (!pairs.weight.empty()) {
    for (size_t k = 0; k < nnz; ++k)
      m.weight[k] = static_cast<float>(pairs.weight[static_cast<size_t>(order[k])]);
  } else {
    assignWeights(m.weight, spec_.weight, seed_, spec_.id);
  }

  auto toSteps = [this](double ms) {
    const int64_t s = delaySteps(ms, dt_);
    if (s > std::numeric_limits<uint16_t>::max())
      throw SpecError(Diagnostic{ObjectKind::Projection, spec_.id, "delay",
                                 "a delay of " + formatNumber(ms) + " ms is " +
                                     (s == kNeverStep ? "more than 2^60" : std::to_string(s)) +
                                     " steps of dt = " + formatNumber(dt_) +
                                     " ms; at most 65535 are supported"});
    return static_cast<uint16_t>(std::max<int64_t>(s, 0));
  };
  if (!pairs.delay.empty()) {
    m.delay.resize(nnz);
    for (size_t k = 0; k < nnz; ++k)
      m.delay[k] = toSteps(pairs.delay[static_cast<size_t>(order[k])]);
  } else if (spec_.delay.isScalar()) {
    m.uniformDelay = toSteps(spec_.delay.scalar);
  } else {
    std::mt19937_64 drng = makeRandomStream(seed_, "delays", spec_.id);
    m.delay.resize(nnz);
    for (uint16_t& d : m.delay) d = toSteps(spec_.delay.draw(drng));
  }
  // Per-synapse delays that are all the same (a from_list giving 0 everywhere) are one uniform
  // delay: the simulator then needs no delay ring when that delay is 0.
  if (!m.delay.empty() &&
      std::all_of(m.delay.begin(), m.delay.end(), [&m](uint16_t d) { return d == m.delay[0]; })) {
    m.uniformDelay = m.delay[0];
    m.delay.clear();
  }
  return m;
}

}  // namespace snn
