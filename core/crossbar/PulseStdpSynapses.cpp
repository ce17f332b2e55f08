#include "PulseStdpSynapses.h"

#include <cmath>

#include "model/RandomStreams.h"

namespace snn {

PulseStdpSynapses::PulseStdpSynapses(const StdpRule& rule, const SynapseMatrix& synapses,
                                     CrossbarArray& crossbar, uint64_t runSeed)
    : StdpSynapses(rule, synapses),
      crossbar_(&crossbar),
      perPulse_(crossbar.weightPerPulse()),
      rng_(makeRandomStream(runSeed, "crossbar.stdp", crossbar.spec().id)) {}

int64_t PulseStdpSynapses::pulsesFor(double dw) const {
  if (dw == 0.0) return 0;
  return static_cast<int64_t>(std::floor(dw / perPulse_ + unit_(rng_)));
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

void PulseStdpSynapses::onPreSpike(SynapseMatrix& m, int, int32_t pre) const {
  const float* y = postTrace_.data();
  for (int64_t k = m.rowStart[static_cast<size_t>(pre)];
       k < m.rowStart[static_cast<size_t>(pre) + 1]; ++k) {
    const int32_t j = m.target[static_cast<size_t>(k)];
    if (y[j] == 0.0f) continue;
    const float w = m.weight[static_cast<size_t>(k)];
    move(m, k, pre, j, static_cast<double>(rule_.updated(w, y[j], false)) - w);
  }
}

void PulseStdpSynapses::onPostSpike(SynapseMatrix& m, int64_t step, int32_t post) {
  const float* x = preTrace_[static_cast<size_t>(step & 1)].data();
  for (int64_t at = inStart_[static_cast<size_t>(post)];
       at < inStart_[static_cast<size_t>(post) + 1]; ++at) {
    const int32_t i = inPre_[static_cast<size_t>(at)];
    if (x[i] == 0.0f) continue;
    const int64_t k = inSynapse_[static_cast<size_t>(at)];
    const float w = m.weight[static_cast<size_t>(k)];
    move(m, k, i, post, static_cast<double>(rule_.updated(w, x[i], true)) - w);
  }
  postTrace_[static_cast<size_t>(post)] = rule_.bump(postTrace_[static_cast<size_t>(post)]);
}

void PulseStdpSynapses::normalize(SynapseMatrix& m, int, int64_t, int64_t) {
  if (rule_.normTotal <= 0.0) return;
  std::vector<double> sum(static_cast<size_t>(m.postSize), 0.0);
  for (size_t k = 0; k < m.target.size(); ++k) sum[static_cast<size_t>(m.target[k])] += m.weight[k];
  for (int32_t i = 0; i < m.preSize; ++i)
    for (int64_t k = m.rowStart[static_cast<size_t>(i)]; k < m.rowStart[static_cast<size_t>(i) + 1];
         ++k) {
      const int32_t j = m.target[static_cast<size_t>(k)];
      const double s = sum[static_cast<size_t>(j)];
      if (s <= 0.0) continue;
      const double w = m.weight[static_cast<size_t>(k)];
      move(m, k, i, j, w * (rule_.normTotal / s - 1.0));
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
