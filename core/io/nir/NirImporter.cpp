#include "NirImporter.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "NirGraphWalk.h"
#include "NirNodeTypes.h"

namespace snn::nir {

namespace {

// Node types with no exact workbench equivalent, and why (docs/nir.md, "Refused").
const std::map<std::string, std::string>& refusedTypes() {
  static const std::map<std::string, std::string> reasons = [] {
    const std::string integrator =
        "a non-spiking integrator: its output is a continuous membrane potential, and workbench "
        "populations pass on spikes only";
    const std::string shaped =
        "needs shaped populations and convolution/pooling connectors, which the workbench does "
        "not have yet";
    return std::map<std::string, std::string>{
        {"LI", integrator},
        {"CubaLI", integrator},
        {"I", integrator},
        {"Threshold",
         "a threshold on a continuous signal with no neuron dynamics; the workbench has no "
         "stateless spiking unit"},
        {"Conv1d", shaped},
        {"Conv2d", shaped},
        {"SumPool2d", shaped},
        {"AvgPool2d", shaped},
        {"Flatten", shaped}};
  }();
  return reasons;
}

bool isNeuronType(const std::string& t) {
  return t == "LIF" || t == "IF" || t == "CubaLIF";
}

ParamValue perNeuron(const std::vector<double>& v) {
  if (std::all_of(v.begin(), v.end(), [&](double x) { return x == v.front(); }))
    return ValueSpec::constant(v.front());
  return ValueSpec::perElement(v);
}

std::string validId(std::string name) {
  for (char& c : name)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) c = '_';
  return name;
}

// A population made from a node.
struct Population {
  std::string id;
  int64_t size = 0;
  bool currentSource = false;
  bool synapticFilter = false;      // CubaLIF: a bias cannot be an i_offset
  std::vector<double> spikeFactor;  // per neuron: nA per unit of NIR weight for one spike
  std::vector<double> offset;       // i_offset gathered from the biases reaching it
};

class Importer {
 public:
  Importer(const NirGraph& graph, const NirImportOptions& options)
      : options_(options), flat_(flattenNirGraph(graph.root)) {
    convention_ = options.spikes.value_or(SpikeConvention::PerStep);
    if (!options.spikes)
      if (auto it = graph.root.metadataText.find(kSpikeConventionMetadata);
          it != graph.root.metadataText.end())
        convention_ = parseSpikeConvention(it->second).value_or(SpikeConvention::PerStep);
  }

  Project run() {
    project_.experiment.dt = options_.dt;
    project_.experiment.duration = options_.duration;
    for (const auto& [name, n] : flat_.nodes) makeNode(name, *n.node, n.identity);
    for (const auto& [name, pop] : pops_) {
      auto endpoint = [this](const std::string& n) { return isEndpoint(n); };
      try {
        for (const NirPath& p : pathsFrom(flat_, name, endpoint)) connect(p);
      } catch (const NirError& e) {
        problems_.push_back(e.what());
      }
    }
    if (!problems_.empty())
      throw NirMappingError("cannot import the NIR graph exactly:", problems_);
    for (auto& [name, pop] : pops_)
      if (PopulationSpec* spec = project_.network.findPopulation(pop.id);
          spec && std::any_of(pop.offset.begin(), pop.offset.end(), [](double b) { return b; }))
        spec->params["i_offset"] = perNeuron(pop.offset);
    return project_;
  }

 private:
  void refuse(const std::string& node, const std::string& why) {
    const NirNode* n = flat_.nodes.count(node) ? flat_.nodes.at(node).node : nullptr;
    problems_.push_back(NirError(node, n ? n->type : "", "", why).what());
  }

  bool isEndpoint(const std::string& name) const {
    const auto& n = flat_.nodes.at(name);
    if (n.identity) return false;
    const std::string& t = n.node->type;
    return t == "Input" || t == "Output" || isNeuronType(t) || refusedTypes().count(t);
  }

  // Values of a neuron parameter, one per neuron (a single stored value is shared).
  std::vector<double> values(const std::string& name, const NirNode& node, const char* field,
                             int64_t size, double fallback, bool positive = false) {
    const NirArray* a = node.find(field);
    std::vector<double> out(static_cast<size_t>(size), fallback);
    if (a)
      for (int64_t i = 0; i < size; ++i)
        out[static_cast<size_t>(i)] = a->at(a->count() == 1 ? 0 : i);
    for (double v : out)
      if (!std::isfinite(v) || (positive && v <= 0)) {
        problems_.push_back(
            NirError(name, node.type, field, positive ? "must be finite and > 0" : "must be finite")
                .what());
        break;
      }
    return out;
  }

  void makeNode(const std::string& name, const NirNode& node, bool identity) {
    if (identity) return;
    if (auto r = refusedTypes().find(node.type); r != refusedTypes().end())
      return refuse(name, r->second);
    if (node.type == "Input") return makeInput(name, node);
    if (isNeuronType(node.type)) makeNeuron(name, node);
  }

  void makeInput(const std::string& name, const NirNode& node) {
    PopulationSpec spec;
    spec.id = validId(name);
    spec.size = elementCount(node.find("shape")->integer);
    const bool current = options_.input == NirInputKind::Current;
    spec.model = current ? "current_step" : "spike_source";
    project_.network.populations.push_back(spec);
    pops_[name] = {spec.id,
                   spec.size,
                   current,
                   false,
                   std::vector<double>(static_cast<size_t>(spec.size), 1.0),
                   {}};
  }

  void makeNeuron(const std::string& name, const NirNode& node) {
    const std::string& t = node.type;
    const bool cuba = t == "CubaLIF";
    const SpikeConvention needed = cuba ? SpikeConvention::Dirac : SpikeConvention::PerStep;
    if (convention_ != needed)
      return refuse(name, cuba ? "under the per-step spike convention a CubaLIF's synaptic ODE "
                                 "filters a one-step pulse, which no workbench synapse does "
                                 "exactly; import with the dirac convention"
                               : "under the dirac spike convention a spike makes the membrane "
                                 "jump by R W / tau, which no workbench synapse does; import "
                                 "with the per_step convention");
    const int64_t size = node.find("v_threshold")->count();
    const std::string tauField = t == "LIF" ? "tau" : "tau_mem";
    const auto r = values(name, node, "r", size, 1.0, true);
    PopulationSpec spec;
    spec.id = validId(name);
    spec.size = size;
    spec.model = t == "IF" ? "if" : "lif";
    std::vector<double> cm(static_cast<size_t>(size));
    if (t == "IF") {  // dv/dt[s] = R I  ->  cm dv/dt[ms] = I with cm = 1000 / R
      for (size_t i = 0; i < cm.size(); ++i) cm[i] = kMsPerSecond / r[i];
    } else {  // tau dv/dt = (v_leak - v) + R I  ->  cm = tau_m / R
      auto tau = values(name, node, tauField.c_str(), size, 0.0, true);
      for (double& x : tau) x *= kMsPerSecond;
      for (size_t i = 0; i < cm.size(); ++i) cm[i] = tau[i] / r[i];
      spec.params["tau_m"] = perNeuron(tau);
      spec.params["v_rest"] = perNeuron(values(name, node, "v_leak", size, 0.0));
    }
    spec.params["cm"] = perNeuron(cm);
    spec.params["v_thresh"] = perNeuron(values(name, node, "v_threshold", size, 0.0));
    spec.params["v_reset"] = perNeuron(values(name, node, "v_reset", size, 0.0));
    spec.params["t_ref"] = ValueSpec::constant(0.0);
    spec.params["reset"] = std::string("value");
    Population pop{spec.id,
                   size,
                   false,
                   cuba,
                   std::vector<double>(static_cast<size_t>(size), 1.0),
                   std::vector<double>(static_cast<size_t>(size), 0.0)};
    if (cuba) {  // tau_syn dI/dt = -I + w_in S: a unit impulse makes I jump by w_in / tau_syn
      auto tauSyn = values(name, node, "tau_syn", size, 0.0, true);
      const auto wIn = values(name, node, "w_in", size, 1.0);
      for (size_t i = 0; i < tauSyn.size(); ++i) pop.spikeFactor[i] = wIn[i] / tauSyn[i];
      for (double& x : tauSyn) x *= kMsPerSecond;
      spec.params["tau_syn_exc"] = perNeuron(tauSyn);
      spec.params["tau_syn_inh"] = perNeuron(tauSyn);
    } else {  // a spike is a current lasting exactly one step
      spec.params["tau_syn_exc"] = ValueSpec::constant(0.0);
      spec.params["tau_syn_inh"] = ValueSpec::constant(0.0);
    }
    project_.network.populations.push_back(spec);
    pops_[name] = std::move(pop);
  }

  void connect(const NirPath& path);
  bool delayOnGrid(const std::string& node, double seconds, double& ms);
  std::string projectionId(const std::string& preferred);

  const NirImportOptions& options_;
  FlatNirGraph flat_;
  SpikeConvention convention_ = SpikeConvention::PerStep;
  std::map<std::string, Population> pops_;
  std::set<std::string> usedIds_;
  Project project_;
  std::vector<std::string> problems_;
};

// What the transforms on a path do, gathered before and after its one weight matrix.
struct Chain {
  const NirNode* matrix = nullptr;
  std::string matrixName;
  int64_t rows = 0, cols = 0;
  std::vector<double> preScale, preDelay;          // per source neuron
  std::vector<double> postScale, postDelay, bias;  // per target neuron (after a matrix)
};

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

bool Importer::delayOnGrid(const std::string& node, double seconds, double& ms) {
  // float32 files store e.g. 0.3 ms as 3.0000001e-4 s: within a millionth of a step is on it.
  const double steps = seconds * kMsPerSecond / options_.dt;
  if (!(seconds >= 0) || std::abs(steps - std::round(steps)) > 1e-6 * std::max(1.0, steps)) {
    refuse(node, "delay " + num(seconds) + " s is not a whole number of time steps of " +
                     num(options_.dt) + " ms (the workbench delays by whole steps)");
    return false;
  }
  ms = std::round(steps) * options_.dt;
  return true;
}

std::string Importer::projectionId(const std::string& preferred) {
  std::string id = validId(preferred);
  for (int k = 2; usedIds_.count(id) || project_.network.findPopulation(id); ++k)
    id = validId(preferred) + "_" + std::to_string(k);
  usedIds_.insert(id);
  return id;
}

void Importer::connect(const NirPath& path) {
  const Population& src = pops_.at(path.source);
  const std::string& tgtType = flat_.nodes.at(path.target).node->type;
  Chain c;
  int64_t width = src.size;
  c.preScale.assign(static_cast<size_t>(width), 1.0);
  c.preDelay.assign(static_cast<size_t>(width), 0.0);
  bool transforms = false;
  for (const std::string& name : path.via) {
    const FlatNirGraph::Node& n = flat_.nodes.at(name);
    if (n.identity) continue;
    transforms = true;
    const NirNode& node = *n.node;
    if (node.type == "Affine" || node.type == "Linear") {
      if (c.matrix)
        return refuse(name, "follows weight layer '" + c.matrixName +
                                "' with no neuron between: their product has no exact stored "
                                "form; multiply them in the tool that wrote the file");
      const NirArray& w = *node.find("weight");
      if (w.shape.size() != 2 || w.shape[1] != width)
        return refuse(name, "weight must be a (out x " + std::to_string(width) +
                                ") matrix for the " + std::to_string(width) +
                                " values reaching it");
      c.matrix = &node;
      c.matrixName = name;
      c.rows = w.shape[0];
      c.cols = width;
      width = c.rows;
      c.postScale.assign(static_cast<size_t>(width), 1.0);
      c.postDelay.assign(static_cast<size_t>(width), 0.0);
      c.bias.assign(static_cast<size_t>(width), 0.0);
      if (const NirArray* b = node.find("bias"); b && node.type == "Affine")
        for (int64_t i = 0; i < width; ++i) c.bias[size_t(i)] = b->at(b->count() == 1 ? 0 : i);
    } else if (node.type == "Scale" || node.type == "Delay") {
      const NirArray& a = *node.find(node.type == "Scale" ? "scale" : "delay");
      if (a.count() != width && a.count() != 1)
        return refuse(name, "has " + std::to_string(a.count()) + " values for " +
                                std::to_string(width) + " inputs");
      for (int64_t i = 0; i < width; ++i) {
        const double v = a.at(a.count() == 1 ? 0 : i);
        const auto k = static_cast<size_t>(i);
        if (node.type == "Scale") {
          (c.matrix ? c.postScale[k] : c.preScale[k]) *= v;
          if (c.matrix) c.bias[k] *= v;
        } else {
          (c.matrix ? c.postDelay[k] : c.preDelay[k]) += v;
        }
      }
    }
  }
  if (tgtType == "Output") {
    if (transforms)
      return refuse(path.target,
                    "reads a weighted signal, not spikes: only a population's "
                    "spikes can be recorded as an output");
    if (!src.currentSource && flat_.nodes.at(path.source).node->type != "Input")
      project_.network.monitors.push_back({.type = MonitorSpec::Type::Spikes, .target = src.id});
    return;
  }
  if (!pops_.count(path.target)) {
    if (tgtType == "Input") refuse(path.target, "an edge enters an Input node");
    return;  // a refused node: already reported
  }
  Population& tgt = pops_.at(path.target);
  if (width != tgt.size)
    return refuse(c.matrix ? c.matrixName : path.target,
                  "carries " + std::to_string(width) + " values into '" + path.target +
                      "', which has " + std::to_string(tgt.size) + " neurons");
  if (src.currentSource && tgt.synapticFilter)
    return refuse(path.source, "a current input into CubaLIF '" + path.target +
                                   "' would pass its synaptic filter; a workbench current source "
                                   "drives the membrane directly");
  for (int64_t j = 0; j < tgt.size; ++j)
    if (!c.bias.empty() && c.bias[size_t(j)] != 0) {
      if (tgt.synapticFilter)
        return refuse(c.matrixName, "a bias into CubaLIF '" + path.target +
                                        "' is filtered by its synapse (starting from 0), while "
                                        "the workbench's i_offset acts at once");
      tgt.offset[size_t(j)] += c.bias[size_t(j)];
    }
  const int64_t pre = src.size, post = tgt.size;
  auto weight = [&](int64_t i, int64_t j) {
    const double factor = src.currentSource ? 1.0 : tgt.spikeFactor[size_t(j)];
    if (!c.matrix) return i == j ? c.preScale[size_t(i)] * factor : 0.0;
    return c.matrix->find("weight")->at(j * c.cols + i) * c.preScale[size_t(i)] *
           c.postScale[size_t(j)] * factor;
  };
  std::vector<double> delayMs(static_cast<size_t>(pre * (c.matrix ? post : 1)), 0.0);
  bool uniform = true;
  for (int64_t i = 0; i < pre; ++i)
    for (int64_t j = 0; j < (c.matrix ? post : 1); ++j) {
      const double s = c.preDelay[size_t(i)] + (c.matrix ? c.postDelay[size_t(j)] : 0.0);
      double& ms = delayMs[size_t(i * (c.matrix ? post : 1) + j)];
      if (!delayOnGrid(path.via.empty() ? path.target : path.via.back(), s, ms)) return;
      uniform = uniform && ms == delayMs.front();
    }
  if (src.currentSource && delayMs.front() != 0)
    return refuse(path.source, "a current input cannot be delayed in the workbench");
  ProjectionSpec proj;
  proj.id = projectionId(c.matrix ? c.matrixName : src.id + "->" + tgt.id);
  proj.pre = src.id;
  proj.post = tgt.id;
  if (uniform) {
    proj.connector.type = c.matrix ? ConnectorSpec::Type::AllToAll : ConnectorSpec::Type::OneToOne;
    std::vector<double> w;
    w.reserve(static_cast<size_t>(c.matrix ? pre * post : pre));
    for (int64_t i = 0; i < pre; ++i)
      for (int64_t j = c.matrix ? 0 : i; j < (c.matrix ? post : i + 1); ++j)
        w.push_back(weight(i, j));
    proj.weight = std::get<ValueSpec>(perNeuron(w));
    proj.delay = ValueSpec::constant(delayMs.front());
  } else {
    proj.connector.type = ConnectorSpec::Type::FromList;
    for (int64_t i = 0; i < pre; ++i)
      for (int64_t j = c.matrix ? 0 : i; j < (c.matrix ? post : i + 1); ++j)
        if (const double w = weight(i, j); w != 0)
          proj.connector.list.push_back(
              {i, j, w, delayMs[size_t(i * (c.matrix ? post : 1) + (c.matrix ? j : 0))]});
  }
  project_.network.projections.push_back(std::move(proj));
}

}  // namespace

const char* spikeConventionName(SpikeConvention c) {
  return c == SpikeConvention::Dirac ? "dirac" : "per_step";
}

std::optional<SpikeConvention> parseSpikeConvention(std::string_view name) {
  if (name == "per_step") return SpikeConvention::PerStep;
  if (name == "dirac") return SpikeConvention::Dirac;
  return std::nullopt;
}

NirMappingError::NirMappingError(const std::string& heading, std::vector<std::string> problems)
    : std::runtime_error([&] {
        std::string s = heading;
        for (const std::string& p : problems) s += "\n  " + p;
        return s;
      }()),
      problems_(std::move(problems)) {}

Project importNir(const NirGraph& graph, const NirImportOptions& options) {
  checkNirNode(graph.root, "");
  return Importer(graph, options).run();
}

}  // namespace snn::nir
