#include "IfNeuron.h"

#include "CommonParams.h"

namespace snn {

const ModelInfo& IfNeuron::modelInfo() {
  static const ModelInfo info = [] {
    namespace cp = common_params;
    ModelInfo m;
    m.name = "if";
    m.displayName = "Integrate-and-fire (non-leaky)";
    m.meaning = "Perfect integrator with threshold; reset to a value or by subtraction";
    m.equation =
        "cm dv/dt = i_exc + i_inh + i_offset\n"
        "v > v_thresh: spike; reset 'value': v = v_reset, 'subtract': v -= v_thresh - v_reset";
    m.reference = "Rueckauer et al., Front. Neurosci. 11:682 (2017)";
    const ParamInfo reset{
        .name = "reset",
        .kind = ParamKind::Choice,
        .meaning = "After a spike: set v to v_reset, or subtract (v_thresh - v_reset)",
        .choices = {"value", "subtract"}};
    m.params = {cp::cm(),        cp::vReset(0.0), cp::vThresh(1.0), cp::tRef(0.0),
                cp::tauSynExc(), cp::tauSynInh(), cp::iOffset(),    reset};
    m.stateVars = {{"v", "mV", "Membrane potential", "v_reset", 0.0}, cp::iExc(), cp::iInh()};
    return m;
  }();
  return info;
}

IfNeuron::IfNeuron(int64_t size, ResolvedParams params)
    : LifNeuron(modelInfo(), size, std::move(params), Variant{.leaky = false, .adaptive = false}) {}

}  // namespace snn
