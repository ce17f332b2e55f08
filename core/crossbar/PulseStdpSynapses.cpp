#include "PulseStdpSynapses.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/RandomStreams.h"

namespace snn {

namespace {

// Above this largest rounding probability a row draws one number per synapse; below it, the
// synapses that round away from their nearest pulse count are found by thinning (a logarithm
// per candidate instead of a draw per synapse).
constexpr double kThinningLimit = 0.125;

}  // namespace

PulseStdpSynapses::PulseStdpSynapses(const StdpRule& rule, const SynapseMatrix& synapses,
                                     CrossbarArray& crossbar, uint64_t runSeed)
    : StdpSynapses(rule, synapses),
      crossbar_(&crossbar),
      perPulse_(crossbar.weightPerPulse()),
      rng_(makeRandomStream(runSeed, "crossbar.stdp", crossbar.spec().id)) {
  int64_t widest = 0;
  for (int32_t i = 0; i < synapses.preSize; ++i)
    widest = std::max(widest, synapses.rowStart[static_cast<size_t>(i) + 1] -
                                  synapses.rowStart[static_cast<size_t>(i)]);
  for (int32_t j = 0; j < synapses.postSize; ++j)
    widest =
        std::max(widest, inStart_[static_cast<size_t>(j) + 1] - inStart_[static_cast<size_t>(j)]);
  ruled_.resize(static_cast<size_t>(widest));
  trace_.resize(static_cast<size_t>(widest));
  change_.resize(widest);
  identity_.resize(static_cast<size_t>(widest));
  std::iota(identity_.begin(), identity_.end(), int64_t(0));
}

double PulseStdpSynapses::uniform() const {
  return static_cast<double>(rng_() >> 11) * 0x1.0p-53;  // [0, 1), 53 bits
}

int64_t PulseStdpSynapses::pulsesFor(double dw) const {
  if (dw == 0.0) return 0;
  return static_cast<int64_t>(std::floor(dw / perPulse_ + uniform()));
}

float PulseStdpSynapses::move(SynapseMatrix& m, int64_t k, int32_t pre, int32_t post,
                              double dw) const {
  const int64_t n = pulsesFor(dw);
  float& w = m.weight[static_cast<size_t>(k)];
  if (n != 0) {
    crossbar_->pulseWeight(pre, post, n);
    w = static_cast<float>(crossbar_->weightAt(pre, post));
  }
  return w;
}

// Stochastic rounding of x = dw / dw_pulse, n = floor(x + u), is the nearest integer b of x
// moved one step towards x with probability q = |x - b| <= 1/2. Each synapse's Bernoulli(q) is
// kept; only how it is drawn changes with the batch: when every q is small (a depression row of
// Diehl & Cook asks for about 0.004 pulses per synapse), candidates come at geometric gaps of
// rate q_max and each is kept with probability q / q_max (thinning), which is the same
// independent Bernoulli(q) per synapse with a few draws per row instead of one per synapse.
template <typename Synapse>
void PulseStdpSynapses::sendPulses(SynapseMatrix& m, int64_t n, Synapse synapse) const {
  const auto x = change_.head(n);
  const double qMax = (x - x.rint()).abs().maxCoeff();
  const bool whole = (x.rint() != 0.0).any();  // some synapse pulses whatever the rounding
  if (qMax == 0.0 && !whole) return;
  auto send = [&](int64_t k, int64_t pulses) {
    const auto [index, pre, post] = synapse(k);
    crossbar_->pulseWeight(pre, post, pulses);
    m.weight[static_cast<size_t>(index)] = static_cast<float>(crossbar_->weightAt(pre, post));
  };
  const bool thin = qMax < kThinningLimit;
  const double logStay = thin && qMax > 0.0 ? std::log1p(-qMax) : 0.0;
  // The index of the next candidate from `from` on (thinning), or n when there is none.
  auto nextCandidate = [&](int64_t from) -> int64_t {
    if (qMax == 0.0) return n;
    const double gap = std::floor(std::log(1.0 - uniform()) / logStay);  // failures first
    return gap >= static_cast<double>(n - from) ? n : from + static_cast<int64_t>(gap);
  };
  if (thin && !whole) {  // every nearest count is 0: only the candidates can pulse
    for (int64_t k = nextCandidate(0); k < n; k = nextCandidate(k + 1))
      if (uniform() * qMax < std::abs(x(k))) send(k, x(k) > 0.0 ? 1 : -1);
    return;
  }
  int64_t candidate = thin ? nextCandidate(0) : 0;
  for (int64_t k = 0; k < n; ++k) {
    const double base = std::nearbyint(x(k));
    const double q = std::abs(x(k) - base);
    auto pulses = static_cast<int64_t>(base);
    if (!thin) {
      if (x(k) != 0.0 && uniform() < q) pulses += x(k) > base ? 1 : -1;
    } else if (k == candidate) {
      if (uniform() * qMax < q) pulses += x(k) > base ? 1 : -1;
      candidate = nextCandidate(k + 1);
    }
    if (pulses != 0) send(k, pulses);
  }
}

void PulseStdpSynapses::onPreSpike(SynapseMatrix& m, int, int32_t pre) const {
  const int64_t begin = m.rowStart[static_cast<size_t>(pre)];
  const int64_t n = m.rowStart[static_cast<size_t>(pre) + 1] - begin;
  if (n == 0) return;
  // The float rule on a copy of the row (vectorised, as StdpSynapses does it), then the change
  // asked of each synapse in pulses; none where the target has no trace (no pairing: not even
  // the rule's clipping applies).
  const int32_t* target = m.target.data() + begin;
  auto w = Eigen::Map<const Eigen::ArrayXf>(m.weight.data() + begin, n);
  auto ruled = Eigen::Map<Eigen::ArrayXf>(ruled_.data(), n);
  auto trace = Eigen::Map<Eigen::ArrayXf>(trace_.data(), n);
  ruled = w;
  if (m.contiguousRows) {
    trace = Eigen::Map<const Eigen::ArrayXf>(postTrace_.data() + target[0], n);
    rule_.depressContiguous(ruled_.data(), trace_.data(), n);
  } else {
    for (int64_t k = 0; k < n; ++k) trace(k) = postTrace_[static_cast<size_t>(target[k])];
    for (int64_t k = 0; k < n; ++k) ruled(k) = rule_.updated(ruled(k), trace(k), false);
  }
  change_.head(n) =
      (trace != 0.0f)
          .select((ruled.cast<double>() - w.cast<double>()) / perPulse_, Eigen::ArrayXd::Zero(n));
  sendPulses(m, n, [&](int64_t k) { return SynapseRef{begin + k, pre, target[k]}; });
}

void PulseStdpSynapses::onPostSpike(SynapseMatrix& m, int64_t step, int32_t post) {
  const int64_t begin = inStart_[static_cast<size_t>(post)];
  const int64_t n = inStart_[static_cast<size_t>(post) + 1] - begin;
  const int64_t* synapse = inSynapse_.data() + begin;
  const int32_t* source = inPre_.data() + begin;
  const float* x = preTrace_[static_cast<size_t>(step & 1)].data();
  for (int64_t k = 0; k < n; ++k) {
    ruled_[static_cast<size_t>(k)] = m.weight[static_cast<size_t>(synapse[k])];
    trace_[static_cast<size_t>(k)] = x[source[k]];
  }
  rule_.potentiate(ruled_.data(), identity_.data(), source, n, x);
  for (int64_t k = 0; k < n; ++k) {
    const float w = m.weight[static_cast<size_t>(synapse[k])];
    change_(k) = trace_[static_cast<size_t>(k)] != 0.0f
                     ? (static_cast<double>(ruled_[static_cast<size_t>(k)]) - w) / perPulse_
                     : 0.0;
  }
  sendPulses(m, n, [&](int64_t k) { return SynapseRef{synapse[k], source[k], post}; });
  postTrace_[static_cast<size_t>(post)] = rule_.bump(postTrace_[static_cast<size_t>(post)]);
}

void PulseStdpSynapses::normalize(SynapseMatrix& m, int, int64_t, int64_t) {
  if (rule_.normTotal <= 0.0) return;
  std::vector<double> sum(static_cast<size_t>(m.postSize), 0.0);
  for (size_t k = 0; k < m.target.size(); ++k) sum[static_cast<size_t>(m.target[k])] += m.weight[k];
  for (double& s : sum) s = s > 0.0 ? (rule_.normTotal / s - 1.0) / perPulse_ : 0.0;  // per w
  for (int32_t i = 0; i < m.preSize; ++i) {
    const int64_t begin = m.rowStart[static_cast<size_t>(i)];
    const int64_t n = m.rowStart[static_cast<size_t>(i) + 1] - begin;
    const int32_t* target = m.target.data() + begin;
    for (int64_t k = 0; k < n; ++k)
      change_(k) = m.weight[static_cast<size_t>(begin + k)] * sum[static_cast<size_t>(target[k])];
    sendPulses(m, n, [&](int64_t k) { return SynapseRef{begin + k, i, target[k]}; });
  }
}

void PulseStdpSynapses::prepare(SynapseMatrix& m) {
  normalize(m, 0, 0, m.postSize);
}

void PulseStdpSynapses::skipSilence(SynapseMatrix& m, int64_t nextStep, int64_t steps) {
  decayTraces(nextStep, steps);
  const int64_t period = rule_.normSteps;
  if (period > 0 && (nextStep + steps) / period > nextStep / period) normalize(m, 0, 0, m.postSize);
}

}  // namespace snn
