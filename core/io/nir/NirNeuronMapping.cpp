#include "NirNeuronMapping.h"

#include <algorithm>
#include <cmath>

#include "NirNodeTypes.h"
#include "NirShapedLink.h"

namespace snn::nir {

bool isNirNeuronType(const std::string& t) {
  return t == "LIF" || t == "IF" || t == "CubaLIF" || t == "LI" || t == "CubaLI";
}

std::string validNirId(std::string name) {
  for (char& c : name)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) c = '_';
  return name;
}

ParamValue perNeuronValue(const std::vector<double>& v) {
  if (std::all_of(v.begin(), v.end(), [&](double x) { return x == v.front(); }))
    return ValueSpec::constant(v.front());
  return ValueSpec::perElement(v);
}

namespace neuron_mapping {  // named: unity builds join sources

class NeuronMapper {
 public:
  NeuronMapper(const std::string& name, const NirNode& node, std::vector<std::string>& problems)
      : name_(name), node_(node), problems_(problems) {}

  // Values of a parameter, one per neuron (a single stored value is shared).
  std::vector<double> values(const char* field, int64_t size, double fallback,
                             bool positive = false) {
    const NirArray* a = node_.find(field);
    std::vector<double> out(static_cast<size_t>(size), fallback);
    if (a)
      for (int64_t i = 0; i < size; ++i)
        out[static_cast<size_t>(i)] = a->at(a->count() == 1 ? 0 : i);
    for (double v : out)
      if (!std::isfinite(v) || (positive && v <= 0)) {
        problem(field, positive ? "must be finite and > 0" : "must be finite");
        break;
      }
    return out;
  }
  void problem(const std::string& field, const std::string& why) {
    problems_.push_back(NirError(name_, node_.type, field, why).what());
  }

 private:
  const std::string& name_;
  const NirNode& node_;
  std::vector<std::string>& problems_;
};

// The parameter whose shape is the node's (every neuron parameter has it).
const char* shapeField(const std::string& t) {
  if (t == "LI") return "tau";
  if (t == "CubaLI") return "tau_mem";
  return "v_threshold";
}

// Sinabs's IAFSqueeze as NIR's IF becomes in Sinabs (NirDialect::Sinabs).
std::optional<MappedNeuron> sinabsIf(MappedNeuron m, NeuronMapper& f) {
  const int64_t size = m.spec.size;
  const auto threshold = f.values("v_threshold", size, 0.0, true);
  for (double v : f.values("v_reset", size, 0.0))
    if (v != 0) {
      f.problem("v_reset",
                "is not 0: Sinabs ignores it (it subtracts the threshold), so the file's "
                "meaning is unclear; import it with --dialect nir");
      return std::nullopt;
    }
  std::vector<double> vMin(threshold.size());
  for (size_t i = 0; i < vMin.size(); ++i) vMin[i] = -threshold[i];
  m.spec.model = "multi_spike_if";
  m.spec.params["v_thresh"] = perNeuronValue(threshold);
  m.spec.params["v_min"] = perNeuronValue(vMin);
  for (double r : f.values("r", size, 1.0))
    if (r != 1) {
      f.problem("r",
                "is not 1: Sinabs ignores it (a spike adds W to v), so the file's meaning "
                "is unclear; import it with --dialect nir");
      return std::nullopt;
    }
  m.pop.offsetParam = "v_step";  // a layer's bias adds b to v every step
  return m;
}

}  // namespace neuron_mapping

std::optional<MappedNeuron> mapNirNeuron(const std::string& name, const NirNode& node,
                                         SpikeConvention convention, NirDialect dialect,
                                         std::vector<std::string>& problems) {
  using namespace neuron_mapping;
  const std::string& t = node.type;
  NeuronMapper f(name, node, problems);
  const size_t before = problems.size();
  const NirArray& shaped = *node.find(shapeField(t));
  MappedNeuron m;
  m.spec.id = validNirId(name);
  m.spec.size = shaped.count();
  m.pop.id = m.spec.id;
  m.pop.size = m.spec.size;
  m.pop.dims = shaped.shape.empty() ? std::vector<int64_t>{1} : shaped.shape;
  m.spec.shape = tensorShapeOf(m.pop.dims);
  m.pop.spikeFactor.assign(static_cast<size_t>(m.spec.size), 1.0);
  m.pop.offset.assign(static_cast<size_t>(m.spec.size), 0.0);
  const int64_t size = m.spec.size;
  if (dialect == NirDialect::Sinabs) {
    if (t != "IF") {
      f.problem("",
                "the sinabs dialect maps IF nodes only (Sinabs's own LIF and LI layers "
                "count time in steps, which NIR's seconds do not say); import with "
                "--dialect nir");
      return std::nullopt;
    }
    auto r = sinabsIf(std::move(m), f);
    return problems.size() == before ? r : std::nullopt;
  }
  const bool cuba = t == "CubaLIF" || t == "CubaLI";
  const bool readout = t == "LI" || t == "CubaLI";
  const SpikeConvention needed = cuba ? SpikeConvention::Dirac : SpikeConvention::PerStep;
  if (convention != needed) {
    f.problem("", cuba ? "under the per-step spike convention a " + t +
                             "'s synaptic ODE filters a one-step pulse, which no workbench "
                             "synapse does exactly; import with the dirac convention"
                       : "under the dirac spike convention a spike makes the membrane jump by "
                         "R W / tau, which no workbench synapse does; import with the "
                         "per_step convention");
    return std::nullopt;
  }
  const auto r = f.values("r", size, 1.0, true);
  m.spec.model = t == "IF" ? "if" : "lif";
  std::vector<double> cm(static_cast<size_t>(size));
  if (t == "IF") {  // dv/dt[s] = R I  ->  cm dv/dt[ms] = I with cm = 1000 / R
    for (size_t i = 0; i < cm.size(); ++i) cm[i] = kMsPerSecond / r[i];
  } else {  // tau dv/dt = (v_leak - v) + R I  ->  cm = tau_m / R
    auto tau = f.values(t == "LIF" || t == "LI" ? "tau" : "tau_mem", size, 0.0, true);
    for (double& x : tau) x *= kMsPerSecond;
    for (size_t i = 0; i < cm.size(); ++i) cm[i] = tau[i] / r[i];
    m.spec.params["tau_m"] = perNeuronValue(tau);
    m.spec.params["v_rest"] = perNeuronValue(f.values("v_leak", size, 0.0));
  }
  m.spec.params["cm"] = perNeuronValue(cm);
  if (readout) {
    m.spec.params["v_thresh"] = ValueSpec::constant(kReadoutThresholdMv);
    m.spec.params["v_reset"] = ValueSpec::constant(0.0);
  } else {
    m.spec.params["v_thresh"] = perNeuronValue(f.values("v_threshold", size, 0.0));
    m.spec.params["v_reset"] = perNeuronValue(f.values("v_reset", size, 0.0));
  }
  m.spec.params["t_ref"] = ValueSpec::constant(0.0);
  m.spec.params["reset"] = std::string("value");
  m.pop.synapticFilter = cuba;
  m.pop.readout = readout;
  if (cuba) {  // tau_syn dI/dt = -I + w_in S: a unit impulse makes I jump by w_in / tau_syn
    auto tauSyn = f.values("tau_syn", size, 0.0, true);
    const auto wIn = f.values("w_in", size, 1.0);
    for (size_t i = 0; i < tauSyn.size(); ++i) m.pop.spikeFactor[i] = wIn[i] / tauSyn[i];
    for (double& x : tauSyn) x *= kMsPerSecond;
    m.spec.params["tau_syn_exc"] = perNeuronValue(tauSyn);
    m.spec.params["tau_syn_inh"] = perNeuronValue(tauSyn);
  } else {  // a spike is a current lasting exactly one step
    m.spec.params["tau_syn_exc"] = ValueSpec::constant(0.0);
    m.spec.params["tau_syn_inh"] = ValueSpec::constant(0.0);
  }
  if (problems.size() != before) return std::nullopt;
  return m;
}

}  // namespace snn::nir
