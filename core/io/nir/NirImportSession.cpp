#include "NirImportSession.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "NirLayout.h"
#include "NirNodeTypes.h"
#include "NirShapedLink.h"

namespace snn::nir {

// Named rather than anonymous: unity builds join sources, and others have helpers of these names.
namespace import_session {

// Node types with no exact workbench equivalent, and why (docs/nir.md, "Refused").
const std::map<std::string, std::string>& refusedTypes() {
  static const std::map<std::string, std::string> reasons = {
      {"I",
       "a non-leaky integrator without threshold: its output is a continuous potential that "
       "grows without bound; the workbench has no such readout"},
      {"Threshold",
       "a threshold on a continuous signal with no neuron dynamics; the workbench has no "
       "stateless spiking unit"}};
  return reasons;
}

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

}  // namespace import_session

NirImportSession::NirImportSession(const NirGraph& graph, const NirImportOptions& options)
    : options_(options), flat_(flattenNirGraph(graph.root)) {
  convention_ = options.spikes.value_or(SpikeConvention::PerStep);
  if (!options.spikes)
    if (auto it = graph.root.metadataText.find(kSpikeConventionMetadata);
        it != graph.root.metadataText.end())
      convention_ = parseSpikeConvention(it->second).value_or(SpikeConvention::PerStep);
  dialect_ = options.dialect.value_or(NirDialect::Nir);
  if (!options.dialect)
    if (auto it = graph.root.metadataText.find(kDialectMetadata);
        it != graph.root.metadataText.end())
      dialect_ = parseDialect(it->second).value_or(NirDialect::Nir);
}

Project NirImportSession::run() {
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
  if (!problems_.empty()) throw NirMappingError("cannot import the NIR graph exactly:", problems_);
  for (auto& [name, pop] : pops_)
    if (PopulationSpec* spec = project_.network.findPopulation(pop.id);
        spec && std::any_of(pop.offset.begin(), pop.offset.end(), [](double b) { return b; }))
      spec->params[pop.offsetParam] = perNeuronValue(pop.offset);
  layOutByLayer(project_);
  return project_;
}

void NirImportSession::refuse(const std::string& node, const std::string& why) {
  const NirNode* n = flat_.nodes.count(node) ? flat_.nodes.at(node).node : nullptr;
  problems_.push_back(NirError(node, n ? n->type : "", "", why).what());
}

bool NirImportSession::isEndpoint(const std::string& name) const {
  const auto& n = flat_.nodes.at(name);
  if (n.identity) return false;
  const std::string& t = n.node->type;
  return t == "Input" || t == "Output" || isNirNeuronType(t) ||
         import_session::refusedTypes().count(t);
}

void NirImportSession::makeNode(const std::string& name, const NirNode& node, bool identity) {
  if (identity) return;
  if (auto r = import_session::refusedTypes().find(node.type);
      r != import_session::refusedTypes().end())
    return refuse(name, r->second);
  if (node.type == "Input") return makeInput(name, node);
  if (!isNirNeuronType(node.type)) return;
  if (auto m = mapNirNeuron(name, node, convention_, dialect_, problems_)) {
    project_.network.populations.push_back(std::move(m->spec));
    pops_[name] = std::move(m->pop);
  }
}

void NirImportSession::makeInput(const std::string& name, const NirNode& node) {
  PopulationSpec spec;
  spec.id = validNirId(name);
  const NirArray& shape = *node.find("shape");
  std::string tooLarge;
  try {
    spec.size = elementCount(shape.integer);
    if (spec.size > kMaxPopulationSize)
      tooLarge = "claims " + std::to_string(spec.size) + " values, more than a population holds (" +
                 std::to_string(kMaxPopulationSize) + ")";
  } catch (const std::invalid_argument& e) {
    tooLarge = e.what();
  }
  if (!tooLarge.empty())  // refused before anything is allocated for it
    return problems_.push_back(NirError(name, node.type, "shape", tooLarge).what());
  spec.shape = tensorShapeOf(shape.integer);
  const bool current = options_.input == NirInputKind::Current;
  spec.model = current ? "current_step" : "spike_source";
  project_.network.populations.push_back(spec);
  Population pop;
  pop.id = spec.id;
  pop.size = spec.size;
  pop.dims = shape.integer;
  pop.currentSource = current;
  pop.spikeFactor.assign(static_cast<size_t>(spec.size), 1.0);
  pops_[name] = std::move(pop);
}

bool NirImportSession::delayOnGrid(const std::string& node, double seconds, double& ms) {
  // float32 files store e.g. 0.3 ms as 3.0000001e-4 s: within a millionth of a step is on it.
  const double steps = seconds * kMsPerSecond / options_.dt;
  if (!(seconds >= 0) || std::abs(steps - std::round(steps)) > 1e-6 * std::max(1.0, steps)) {
    refuse(node,
           "delay " + import_session::num(seconds) + " s is not a whole number of time steps of " +
               import_session::num(options_.dt) + " ms (the workbench delays by whole steps)");
    return false;
  }
  ms = std::round(steps) * options_.dt;
  return true;
}

std::string NirImportSession::projectionId(const std::string& preferred) {
  std::string id = validNirId(preferred);
  for (int k = 2; usedIds_.count(id) || project_.network.findPopulation(id); ++k)
    id = validNirId(preferred) + "_" + std::to_string(k);
  usedIds_.insert(id);
  return id;
}

void NirImportSession::connect(const NirPath& path) {
  const Population& src = pops_.at(path.source);
  const std::string& tgtType = flat_.nodes.at(path.target).node->type;
  Via via;
  for (const std::string& name : path.via)
    if (!flat_.nodes.at(name).identity) via.emplace_back(name, flat_.nodes.at(name).node);
  if (src.readout)
    return connectReadout(path, std::any_of(via.begin(), via.end(), [](const auto& v) {
                            return v.second->type != "Flatten";
                          }));
  if (needsShapedLink(via)) {
    try {
      return connectShaped(path, via);
    } catch (const NirError& e) {
      problems_.push_back(e.what());
      return;
    }
  }
  std::vector<int64_t> dims = src.dims;
  import_session::Chain c;
  int64_t width = src.size;
  c.preScale.assign(static_cast<size_t>(width), 1.0);
  c.preDelay.assign(static_cast<size_t>(width), 0.0);
  bool transforms = false;
  for (const std::string& name : path.via) {
    const FlatNirGraph::Node& n = flat_.nodes.at(name);
    if (n.identity) continue;
    const NirNode& node = *n.node;
    if (node.type == "Flatten") {  // renames dimensions, keeps the order: no transform
      try {
        dims = flattenDims(name, node, dims);
      } catch (const NirError& e) {
        return problems_.push_back(e.what());
      }
      continue;
    }
    transforms = true;
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
      dims = {width};
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
  if (!biasFits(tgt, path.target, c.matrixName, c.bias)) return;
  for (size_t j = 0; j < c.bias.size(); ++j) tgt.offset[j] += c.bias[j];
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
    proj.weight = std::get<ValueSpec>(perNeuronValue(w));
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

// Whether a weight layer's bias has an exact place in its target: refused into a synaptic filter
// (CubaLIF, CubaLI: NIR filters the bias from 0, i_offset acts at once) and under the sinabs
// dialect (Sinabs adds it from step 0 on, with the layer's input; the workbench's input arrives
// one step per layer later, so the bias would lead it by those steps).
bool NirImportSession::biasFits(const Population& tgt, const std::string& target,
                                const std::string& node, const std::vector<double>& bias) {
  if (std::all_of(bias.begin(), bias.end(), [](double b) { return b == 0; })) return true;
  const NirNode* n = flat_.nodes.count(node) ? flat_.nodes.at(node).node : nullptr;
  const std::string why =
      tgt.synapticFilter
          ? "a bias into '" + target +
                "' is filtered by its synapse (starting from 0), while the workbench's i_offset "
                "acts at once"
          : "a bias into '" + target +
                "' under the sinabs dialect: Sinabs adds it with the layer's input from step 0, "
                "while here the input arrives one step per layer later";
  if (!tgt.synapticFilter && tgt.offsetParam == "i_offset") return true;
  problems_.push_back(NirError(node, n ? n->type : "", "bias", why).what());
  return false;
}

}  // namespace snn::nir
