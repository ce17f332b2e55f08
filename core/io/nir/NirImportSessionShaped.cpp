#include <algorithm>

#include "NirImportSession.h"
#include "NirNodeTypes.h"
#include "NirShapedLink.h"

namespace snn::nir {

// An LI or CubaLI passes on its membrane potential: an Output reading it directly becomes a
// trace of v (every neuron); anything else would need a population that passes on a potential.
void NirImportSession::connectReadout(const NirPath& path, bool transforms) {
  const Population& src = pops_.at(path.source);
  const std::string& tgtType = flat_.nodes.at(path.target).node->type;
  if (tgtType != "Output" || transforms)
    return refuse(path.source,
                  "passes on its membrane potential, not spikes: it can only feed an "
                  "Output directly (a readout), not '" +
                      path.target + "'");
  MonitorSpec m{.type = MonitorSpec::Type::State, .target = src.id, .variable = "v"};
  for (int64_t i = 0; i < src.size; ++i) m.neurons.push_back(i);
  project_.network.monitors.push_back(std::move(m));
}

bool NirImportSession::giveShape(const Population& pop, const TensorShape& shape,
                                 const std::string& node) {
  PopulationSpec& spec = *project_.network.findPopulation(pop.id);
  if (spec.shape == shape) {
    shapedByLink_.insert(pop.id);
    return true;
  }
  // A flat layout (one dimension in the file) takes the shape the link gives it, once.
  if (pop.dims.size() < 2 && !shapedByLink_.count(pop.id) && shape.size() == pop.size) {
    spec.shape = shape;
    shapedByLink_.insert(pop.id);
    return true;
  }
  refuse(node, "needs '" + pop.id + "' laid out as " + shape.describe() + ", but it is " +
                   (spec.shape ? spec.shape->describe() : std::to_string(pop.size) + " values"));
  return false;
}

void NirImportSession::connectShaped(const NirPath& path, const Via& via) {
  Population& src = pops_.at(path.source);
  const ShapedLink link = reduceShapedPath(via, src.dims);
  const std::string& tgtType = flat_.nodes.at(path.target).node->type;
  if (tgtType == "Output")
    return refuse(path.target,
                  "reads a weighted signal, not spikes: only a population's spikes "
                  "can be recorded as an output");
  if (!pops_.count(path.target)) {
    if (tgtType == "Input") refuse(path.target, "an edge enters an Input node");
    return;  // a refused node: already reported
  }
  Population& tgt = pops_.at(path.target);
  int64_t arriving = 1;
  for (int64_t d : link.outDims) arriving *= d;
  if (arriving != tgt.size)
    return refuse(link.mainNode, "carries " + std::to_string(arriving) + " values into '" +
                                     path.target + "', which has " + std::to_string(tgt.size) +
                                     " neurons");
  if (src.currentSource && tgt.synapticFilter)
    return refuse(path.source, "a current input into '" + path.target +
                                   "' would pass its synaptic filter; a workbench current "
                                   "source drives the membrane directly");
  const double factor = src.currentSource ? 1.0 : tgt.spikeFactor.front();
  if (link.kind != ShapedLink::Kind::Dense && !src.currentSource)
    for (double f : tgt.spikeFactor)
      if (f != factor)
        return refuse(path.target,
                      "has per-neuron w_in / tau_syn, which a convolution's one "
                      "shared kernel cannot carry");
  if (!biasFits(tgt, path.target, link.mainNode, link.bias)) return;
  double delayMs = 0;
  if (!delayOnGrid(link.delayNode.empty() ? link.mainNode : link.delayNode, link.delaySeconds,
                   delayMs))
    return;
  if (src.currentSource && delayMs != 0)
    return refuse(path.source, "a current input cannot be delayed in the workbench");
  ProjectionSpec proj;
  proj.pre = src.id;
  proj.post = tgt.id;
  proj.delay = ValueSpec::constant(delayMs);
  if (link.kind == ShapedLink::Kind::Dense) {
    proj.connector.type = ConnectorSpec::Type::AllToAll;
    std::vector<double> w(static_cast<size_t>(link.cols * link.rows));
    for (int64_t i = 0; i < link.cols; ++i)
      for (int64_t j = 0; j < link.rows; ++j)
        w[size_t(i * link.rows + j)] = link.dense[size_t(j * link.cols + i)] * link.weight *
                                       (src.currentSource ? 1.0 : tgt.spikeFactor[size_t(j)]);
    proj.weight = std::get<ValueSpec>(perNeuronValue(w));
  } else {
    if (!giveShape(src, link.in, link.mainNode) || !giveShape(tgt, link.out, link.mainNode)) return;
    proj.connector = link.connector;
    proj.weight = ValueSpec::constant(link.weight * factor);
  }
  for (size_t j = 0; j < link.bias.size(); ++j) tgt.offset[j] += link.bias[j];
  proj.id = projectionId(link.mainNode);
  project_.network.projections.push_back(std::move(proj));
}

}  // namespace snn::nir
