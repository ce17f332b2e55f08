#include "StdpSynapses.h"

#include <algorithm>
#include <cmath>

namespace snn {

StdpSynapses::StdpSynapses(const StdpRule& rule, const SynapseMatrix& m)
    : rule_(rule),
      postTrace_(static_cast<size_t>(m.postSize), 0.0f),
      normSum_(static_cast<size_t>(m.postSize), 0.0) {
  for (auto& buffer : preTrace_) buffer.assign(static_cast<size_t>(m.preSize), 0.0f);
  // Transposed index by counting sort over the CSR rows, which come in source order.
  inStart_.assign(static_cast<size_t>(m.postSize) + 1, 0);
  for (int32_t j : m.target) ++inStart_[static_cast<size_t>(j) + 1];
  for (size_t j = 0; j < static_cast<size_t>(m.postSize); ++j) inStart_[j + 1] += inStart_[j];
  inSynapse_.resize(m.target.size());
  inPre_.resize(m.target.size());
  std::vector<int64_t> fill(inStart_.begin(), inStart_.end() - 1);
  for (int32_t i = 0; i < m.preSize; ++i)
    for (int64_t k = m.rowStart[static_cast<size_t>(i)]; k < m.rowStart[static_cast<size_t>(i) + 1];
         ++k) {
      const int64_t at = fill[static_cast<size_t>(m.target[static_cast<size_t>(k)])]++;
      inSynapse_[static_cast<size_t>(at)] = k;
      inPre_[static_cast<size_t>(at)] = i;
    }
}

void StdpSynapses::updatePreTraces(int64_t step, int64_t begin, int64_t end,
                                   std::span<const int32_t> spikes) {
  float* __restrict now = preTrace_[static_cast<size_t>(step & 1)].data();
  const float* __restrict before = preTrace_[static_cast<size_t>((step - 1) & 1)].data();
  const float decay = rule_.preDecay;
  for (int64_t i = begin; i < end; ++i) now[i] = before[i] * decay;
  for (int32_t i : spikes) now[i] = rule_.bump(now[i]);
}

void StdpSynapses::decayPostTraces(int64_t begin, int64_t end) {
  float* __restrict y = postTrace_.data();
  const float decay = rule_.postDecay;
  for (int64_t j = begin; j < end; ++j) y[j] *= decay;
}

void StdpSynapses::onPreSpike(SynapseMatrix& m, int part, int32_t pre) const {
  const int64_t begin = m.partBegin(pre, part), end = m.partEnd(pre, part);
  if (m.contiguousRows) {
    if (begin < end)
      rule_.depressContiguous(m.weight.data() + begin,
                              postTrace_.data() + m.target[static_cast<size_t>(begin)],
                              end - begin);
  } else {
    rule_.depress(m.weight.data(), m.target.data(), begin, end, postTrace_.data());
  }
}

void StdpSynapses::onPostSpike(SynapseMatrix& m, int64_t step, int32_t post) {
  const int64_t begin = inStart_[static_cast<size_t>(post)];
  const int64_t end = inStart_[static_cast<size_t>(post) + 1];
  rule_.potentiate(m.weight.data(), inSynapse_.data() + begin, inPre_.data() + begin, end - begin,
                   preTrace_[static_cast<size_t>(step & 1)].data());
  postTrace_[static_cast<size_t>(post)] = rule_.bump(postTrace_[static_cast<size_t>(post)]);
}

void StdpSynapses::normalize(SynapseMatrix& m, int part, int64_t begin, int64_t end) {
  // Row by row, so that the weights are read in memory order; each target's sum accumulates in
  // source order whatever the split.
  double* __restrict sum = normSum_.data();
  float* __restrict w = m.weight.data();
  const int32_t* __restrict target = m.target.data();
  std::fill(sum + begin, sum + end, 0.0);
  for (int64_t i = 0; i < m.preSize; ++i) {
    const int64_t b = m.partBegin(i, part), e = m.partEnd(i, part);
    if (m.contiguousRows && b < e) {
      double* __restrict s = sum + target[b];
      const float* __restrict x = w + b;
      for (int64_t k = 0; k < e - b; ++k) s[k] += x[k];
    } else {
      for (int64_t k = b; k < e; ++k) sum[target[k]] += w[k];
    }
  }
  for (int64_t j = begin; j < end; ++j) sum[j] = sum[j] > 0.0 ? rule_.normTotal / sum[j] : 1.0;
  for (int64_t i = 0; i < m.preSize; ++i) {
    const int64_t b = m.partBegin(i, part), e = m.partEnd(i, part);
    if (m.contiguousRows && b < e) {
      const double* __restrict s = sum + target[b];
      float* __restrict x = w + b;
      for (int64_t k = 0; k < e - b; ++k) x[k] = static_cast<float>(x[k] * s[k]);
    } else {
      for (int64_t k = b; k < e; ++k) w[k] = static_cast<float>(w[k] * sum[target[k]]);
    }
  }
}

void StdpSynapses::normalizeAll(SynapseMatrix& m) {
  if (rule_.normTotal <= 0.0) return;
  // Part by part; each target's sum is the same, in the same order, whatever the split.
  for (int part = 0; part < m.partitionCount(); ++part) {
    int64_t begin = m.postSize, end = 0;
    for (int64_t i = 0; i < m.preSize; ++i) {
      const int64_t b = m.partBegin(i, part), e = m.partEnd(i, part);
      if (b == e) continue;
      begin = std::min<int64_t>(begin, m.target[static_cast<size_t>(b)]);
      end = std::max<int64_t>(end, m.target[static_cast<size_t>(e - 1)] + 1);
    }
    if (begin < end) normalize(m, part, begin, end);
  }
}

void StdpSynapses::decayTraces(int64_t nextStep, int64_t steps) {
  const double pre = std::pow(static_cast<double>(rule_.preDecay), static_cast<double>(steps));
  const double post = std::pow(static_cast<double>(rule_.postDecay), static_cast<double>(steps));
  // The latest presynaptic traces are those of step nextStep - 1; both buffers get their decayed
  // value, so that the next step reads them whatever its parity.
  std::vector<float>& latest = preTrace_[static_cast<size_t>((nextStep - 1) & 1)];
  std::vector<float>& other = preTrace_[static_cast<size_t>(nextStep & 1)];
  for (size_t i = 0; i < latest.size(); ++i)
    other[i] = latest[i] = static_cast<float>(latest[i] * pre);
  for (float& y : postTrace_) y = static_cast<float>(y * post);
}

void StdpSynapses::skipSilence(SynapseMatrix& m, int64_t nextStep, int64_t steps) {
  decayTraces(nextStep, steps);
  // Normalisation is due after step s when (s + 1) is a multiple of its period; the weights do
  // not change in silence, so once is enough.
  const int64_t period = rule_.normSteps;
  if (period > 0 && (nextStep + steps) / period > nextStep / period) normalizeAll(m);
}

void StdpSynapses::clearTraces() {
  for (auto& buffer : preTrace_) std::fill(buffer.begin(), buffer.end(), 0.0f);
  std::fill(postTrace_.begin(), postTrace_.end(), 0.0f);
}

}  // namespace snn
