#include "AdaptiveLifNeuron.h"

namespace snn {

const ModelInfo& AdaptiveLifNeuron::modelInfo() {
  static const ModelInfo info = [] {
    ModelInfo m = LifNeuron::modelInfo();
    m.name = "adaptive_lif";
    m.displayName = "Adaptive-threshold LIF";
    m.meaning = "LIF whose threshold rises with every spike and slowly decays (homeostasis)";
    m.equation +=
        "\ndtheta/dt = -theta/tau_theta;  threshold v_thresh + theta;  spike: theta += theta_plus";
    m.reference = "Diehl & Cook, Front. Comput. Neurosci. 9:99 (2015)";
    // Diehl & Cook 2015 (and their Brian code): theta_plus 0.05 mV, tau_theta 1e7 ms.
    m.params.push_back({.name = "theta_plus",
                        .unit = "mV",
                        .defaultValue = 0.05,
                        .min = 0.0,
                        .meaning = "Threshold increase at every spike"});
    m.params.push_back({.name = "tau_theta",
                        .unit = "ms",
                        .defaultValue = 1e7,
                        .min = 0.0,
                        .minInclusive = false,
                        .meaning = "Decay time constant of the threshold increase"});
    m.stateVars.insert(m.stateVars.begin() + 1,
                       StateVarInfo{"theta", "mV", "Threshold increase above v_thresh", "", 0.0});
    return m;
  }();
  return info;
}

AdaptiveLifNeuron::AdaptiveLifNeuron(int64_t size, ResolvedParams params)
    : LifNeuron(modelInfo(), size, std::move(params), Variant{.leaky = true, .adaptive = true}) {}

}  // namespace snn
