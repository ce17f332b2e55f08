#include "MultiSpikeIfNeuron.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "CommonParams.h"

namespace snn {

const ModelInfo& MultiSpikeIfNeuron::modelInfo() {
  static const ModelInfo info = [] {
    ModelInfo m;
    m.name = "multi_spike_if";
    m.displayName = "Integrate-and-fire, several spikes per step (Sinabs IAF)";
    m.meaning =
        "Non-leaky integrator with delta synapses; fires trunc(v / v_thresh) spikes a step and "
        "subtracts them";
    m.equation =
        "v += sum of arrived weights (mV) + v_step\n"
        "k = v > 0 ? trunc(v / v_thresh) : 0 spikes; v -= k v_thresh; v = max(v, v_min)";
    m.reference =
        "Sinabs IAF with MultiSpike and MembraneSubtract (SynSense, sinabs/layers/iaf.py); "
        "delta synapses as NEST's iaf_psc_delta";
    const ParamInfo vThresh{.name = "v_thresh",
                            .unit = "mV",
                            .defaultValue = 1.0,
                            .min = 0.0,
                            .minInclusive = false,
                            .meaning = "Each multiple of this in v is one spike, subtracted"};
    const ParamInfo vMin{.name = "v_min",
                         .unit = "mV",
                         .defaultValue = -1.0,
                         .meaning =
                             "Lower bound of v after the reset (Sinabs's min_v_mem; "
                             "its NIR import uses -v_thresh)"};
    const ParamInfo vStep{.name = "v_step",
                          .unit = "mV",
                          .defaultValue = 0.0,
                          .meaning = "Added to v every step (a discrete-time layer's bias)"};
    m.params = {vThresh, vMin, vStep};
    m.stateVars = {
        {"v", "mV", "Membrane potential", "", 0.0},
        {"i_exc", "mV", "Excitatory weights arrived, added to v in the next update", "", 0.0},
        {"i_inh", "mV", "Inhibitory weights arrived, added to v in the next update", "", 0.0}};
    return m;
  }();
  return info;
}

MultiSpikeIfNeuron::MultiSpikeIfNeuron(int64_t size, ResolvedParams params)
    : NeuronGroup(modelInfo(), size, std::move(params)),
      v_(addState("v")),
      iExc_(stateVector("i_exc")),
      iInh_(stateVector("i_inh")),
      count_(static_cast<size_t>(size), 0) {}

void MultiSpikeIfNeuron::prepare(double dt) {
  dt_ = dt;
  const ResolvedParams& p = params();
  const int64_t n = size();
  const bool uniform = allUniform(p, {"v_thresh", "v_min", "v_step"});
  auto at = [&p](const char* name) { return [&p, name](int64_t i) { return p.at(name, i); }; };
  vThresh_ = NeuronConstant::compute(n, uniform, at("v_thresh"));
  vMin_ = NeuronConstant::compute(n, uniform, at("v_min"));
  vStep_ = NeuronConstant::compute(n, uniform, at("v_step"));
}

void MultiSpikeIfNeuron::update(int64_t, int64_t begin, int64_t end, std::vector<int32_t>& spikes) {
  const Real* ext = hasExternalInput() ? externalCurrent() : nullptr;
  for (int64_t i = begin; i < end; ++i) {
    const auto k = static_cast<size_t>(i);
    const Real threshold = vThresh_.at(i);
    // An external current (a current source) is taken as mV per step too.
    Real v = v_[k] + iExc_[k] + iInh_[k] + vStep_.at(i) + (ext ? ext[k] : 0.0);
    iExc_[k] = 0.0;
    iInh_[k] = 0.0;
    const Real ratio = v > 0 ? std::trunc(v / threshold) : 0.0;
    int32_t count = 0;
    if (ratio > static_cast<Real>(kMaxSpikesPerStep)) {
      v = std::numeric_limits<Real>::infinity();  // reported by the divergence watch
    } else {
      count = static_cast<int32_t>(ratio);
      v -= ratio * threshold;
    }
    v_[k] = std::max(v, static_cast<Real>(vMin_.at(i)));
    count_[k] = count;
    spiked_[k] = count > 0;
  }
  // Increasing order, each index as many times as the neuron fired.
  for (int64_t i = begin; i < end; ++i)
    for (int32_t c = 0; c < count_[static_cast<size_t>(i)]; ++c)
      spikes.push_back(static_cast<int32_t>(i));
}

}  // namespace snn
