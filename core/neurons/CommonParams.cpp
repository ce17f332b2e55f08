#include "CommonParams.h"

#include <limits>

namespace snn::common_params {

namespace {
ParamInfo param(const char* name, const char* unit, double def, double min, bool minInclusive,
                const char* meaning) {
  return {.name = name,
          .unit = unit,
          .defaultValue = def,
          .min = min,
          .minInclusive = minInclusive,
          .meaning = meaning};
}
constexpr double kNoMin = -std::numeric_limits<double>::infinity();
}  // namespace

ParamInfo tauSynExc(double d) {
  return param("tau_syn_exc", "ms", d, 0.0, true,
               "Decay time constant of the excitatory synaptic current (0: lasts one step)");
}
ParamInfo tauSynInh(double d) {
  return param("tau_syn_inh", "ms", d, 0.0, true,
               "Decay time constant of the inhibitory synaptic current (0: lasts one step)");
}
ParamInfo iOffset() {
  return param("i_offset", "nA", 0.0, kNoMin, true, "Constant current injected into every neuron");
}
ParamInfo cm(double d) {
  return param("cm", "nF", d, 0.0, false, "Membrane capacitance");
}
ParamInfo tRef(double d) {
  return param("t_ref", "ms", d, 0.0, true,
               "Refractory period: the membrane is held at v_reset this long after a spike");
}
ParamInfo vReset(double d) {
  return param("v_reset", "mV", d, kNoMin, true, "Membrane potential after a spike");
}
ParamInfo vThresh(double d) {
  return param("v_thresh", "mV", d, kNoMin, true, "A spike is emitted when v exceeds this");
}

StateVarInfo iExc() {
  return {"i_exc", "nA", "Excitatory synaptic current", "", 0.0};
}
StateVarInfo iInh() {
  return {"i_inh", "nA", "Inhibitory synaptic current", "", 0.0};
}

}  // namespace snn::common_params
