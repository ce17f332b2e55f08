#include "NirExporter.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "NirNodeTypes.h"
#include "model/RandomStreams.h"
#include "neurons/LifNeuron.h"
#include "sim/NeuronModelRegistry.h"
#include "synapses/ConnectorBuilder.h"

namespace snn::nir {

namespace {

// A dense weight matrix larger than this is refused rather than written (NIR stores Linear
// weights dense: 50 M doubles are 400 MB).
constexpr int64_t kMaxDenseWeights = 50'000'000;

// The NIR version this writer follows (nir/ir as of NIR 1.0).
constexpr const char* kWrittenVersion = "1.0.0";

ResolvedParams resolve(const PopulationSpec& p, const ModelInfo& info, uint64_t seed) {
  // As the compiler does (Compiler.cpp, buildGroup): schema order, one stream per population.
  ResolvedParams params(info, p.size);
  std::mt19937_64 rng = makeRandomStream(seed, "params", p.id);
  for (const ParamInfo& pi : info.params)
    if (auto it = p.params.find(pi.name); it != p.params.end()) params.set(pi, it->second, rng);
  return params;
}

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

NirArray column(const std::vector<double>& v) {
  return NirArray::floats(v, {static_cast<int64_t>(v.size())});
}

// A population's NIR shape: (C, H, W) when it is shaped, else (N,).
std::vector<int64_t> dims(const PopulationSpec& p) {
  if (!p.shape) return {p.size};
  return {p.shape->channels, p.shape->height, p.shape->width};
}
int64_t rank(const PopulationSpec& p) {
  return p.shape ? 3 : 1;
}
NirArray shaped(const std::vector<double>& v, const PopulationSpec& p) {
  return NirArray::floats(v, dims(p));
}

class Exporter {
 public:
  Exporter(const Project& p, const NirExportOptions& o) : project_(p), options_(o) {}

  NirExport run() {
    out_.graph.version = kWrittenVersion;
    out_.graph.root.metadataText[kSpikeConventionMetadata] = spikeConventionName(options_.spikes);
    if (options_.dialect != NirDialect::Nir)
      out_.graph.root.metadataText[kDialectMetadata] = dialectName(options_.dialect);
    for (const ProjectionSpec& proj : project_.network.projections)
      usedReceptors_[proj.post].insert(proj.receptor);
    for (const PopulationSpec& p : project_.network.populations) population(p);
    for (const ProjectionSpec& proj : project_.network.projections) projection(proj);
    outputs();
    for (const AnnNodeSpec& a : project_.network.anns)
      refuse("ANN", a.id,
             "ANN nodes are not written to NIR; convert it to an SNN first "
             "(snnwb-cli convert)");
    if (!problems_.empty()) throw NirMappingError("cannot export to NIR exactly:", problems_);
    return std::move(out_);
  }

 private:
  void refuse(const std::string& kind, const std::string& id, const std::string& why) {
    problems_.push_back(kind + " '" + id + "': " + why);
  }

  NirNode& add(const std::string& name, NirNode node) {
    return out_.graph.root.nodes[name] = std::move(node);
  }

  void population(const PopulationSpec& p) {
    const NeuronModelEntry* model = NeuronModelRegistry::instance().find(p.model);
    if (!model) return refuse("population", p.id, "unknown model '" + p.model + "'");
    const ModelInfo& info = *model->info;
    if (info.role != ModelRole::Neuron) {
      add(p.id, {.type = "Input", .arrays = {{"shape", NirArray::integers(dims(p), {rank(p)})}}});
      currentInputs_.insert(p.id);
      if (info.role == ModelRole::SpikeSource) currentInputs_.erase(p.id);
      out_.notes.push_back("population '" + p.id + "' (" + p.model +
                           ") becomes an Input node: its " +
                           (info.role == ModelRole::SpikeSource ? "spikes" : "current") +
                           " are input data, not part of a NIR graph");
      return;
    }
    if (p.model == "multi_spike_if") return multiSpikeIf(p, info);
    if (p.model != "lif" && p.model != "if")
      return refuse("population", p.id,
                    "model '" + p.model + "' has no NIR neuron type (NIR has LIF, IF, CubaLIF)");
    if (!p.init.empty())
      out_.notes.push_back("population '" + p.id +
                           "': its initial state is not stored (NIR graphs hold no state)");
    const ResolvedParams r = resolve(p, info, project_.experiment.seed);
    if (r.choice("reset") != "value")
      return refuse("population", p.id,
                    "reset by subtraction has no NIR equivalent (NIR resets to v_reset)");
    const auto n = static_cast<size_t>(p.size);
    std::vector<double> tauS(n), rr(n), vLeak(n), vTh(n), vReset(n), tauSyn(n);
    const bool leaky = p.model == "lif";
    const bool cuba = options_.spikes == SpikeConvention::Dirac;
    if (cuba && !leaky)
      return refuse("population", p.id,
                    "an if neuron has no NIR type with a synaptic current (CubaLIF is leaky); "
                    "export with the per_step convention");
    const std::set<Receptor>& used = usedReceptors_[p.id];
    for (size_t i = 0; i < n; ++i) {
      const auto k = static_cast<int64_t>(i);
      if (refractorySteps(r.at("t_ref", k), project_.experiment.dt) > 1)
        return refuse("population", p.id,
                      "a refractory period (t_ref " + num(r.at("t_ref", k)) +
                          " ms) longer than one step has no NIR equivalent");
      const double exc = r.at("tau_syn_exc", k), inh = r.at("tau_syn_inh", k);
      const bool both = used.count(Receptor::Excitatory) && used.count(Receptor::Inhibitory);
      tauSyn[i] = used.count(Receptor::Inhibitory) && !both ? inh : exc;
      if (both && exc != inh)
        return refuse("population", p.id,
                      "receives on both receptors with different synaptic time constants; a "
                      "NIR neuron has one");
      if (!cuba && tauSyn[i] != 0 && !used.empty())
        return refuse("population", p.id,
                      "has exponential synapses (tau_syn " + num(tauSyn[i]) +
                          " ms): export with the dirac convention (CubaLIF)");
      if (cuba && tauSyn[i] <= 0)
        return refuse("population", p.id,
                      "synapses lasting one step (tau_syn 0) have no CubaLIF equivalent; "
                      "export with the per_step convention");
      const double cm = r.at("cm", k), offset = r.at("i_offset", k);
      if (leaky) {
        const double tauM = r.at("tau_m", k);
        tauS[i] = tauM / kMsPerSecond;
        rr[i] = tauM / cm;
        // tau dv/dt = (v_rest - v) + R (I + i_offset): the offset is a shifted leak potential.
        vLeak[i] = r.at("v_rest", k) + rr[i] * offset;
      } else {
        if (offset != 0)
          return refuse("population", p.id,
                        "i_offset on a non-leaky neuron has no NIR equivalent (no bias without "
                        "an input edge)");
        rr[i] = kMsPerSecond / cm;
      }
      vTh[i] = r.at("v_thresh", k);
      vReset[i] = r.at("v_reset", k);
    }
    // A lif that cannot fire (threshold at the readout level, what importNir makes of LI and
    // CubaLI) and feeds nothing is a leaky integrator: written as one, read out through v.
    const bool feeds =
        std::any_of(project_.network.projections.begin(), project_.network.projections.end(),
                    [&](const ProjectionSpec& q) { return q.pre == p.id; });
    const bool readout = leaky && !feeds && std::all_of(vTh.begin(), vTh.end(), [](double v) {
                           return v >= kReadoutThresholdMv;
                         });
    NirNode node{.type = !leaky    ? "IF"
                         : readout ? (cuba ? "CubaLI" : "LI")
                         : cuba    ? "CubaLIF"
                                   : "LIF"};
    node.arrays["r"] = shaped(rr, p);
    if (readout) {
      readouts_.insert(p.id);
    } else {
      node.arrays["v_threshold"] = shaped(vTh, p);
      node.arrays["v_reset"] = shaped(vReset, p);
    }
    if (leaky) {
      node.arrays[cuba ? "tau_mem" : "tau"] = shaped(tauS, p);
      node.arrays["v_leak"] = shaped(vLeak, p);
    }
    if (cuba) {
      for (double& t : tauSyn) t /= kMsPerSecond;
      node.arrays["tau_syn"] = shaped(tauSyn, p);
      node.arrays["w_in"] = shaped(std::vector<double>(n, 1.0), p);
      tauSynSeconds_[p.id] = tauSyn;
    }
    add(p.id, std::move(node));
  }

  // Sinabs's IAF (NirDialect::Sinabs): IF with r 1, v_threshold; v_min must be -v_thresh (what
  // Sinabs's from_nir sets) and no v_step (NIR's IF has no bias of its own).
  void multiSpikeIf(const PopulationSpec& p, const ModelInfo& info) {
    if (options_.dialect != NirDialect::Sinabs)
      return refuse("population", p.id,
                    "model 'multi_spike_if' is Sinabs's IAF: export with the sinabs dialect "
                    "(NIR's own IF fires once per step and resets to v_reset)");
    const ResolvedParams r = resolve(p, info, project_.experiment.seed);
    std::vector<double> vTh(static_cast<size_t>(p.size));
    for (int64_t i = 0; i < p.size; ++i) {
      vTh[size_t(i)] = r.at("v_thresh", i);
      if (r.at("v_min", i) != -vTh[size_t(i)])
        return refuse("population", p.id,
                      "v_min differs from -v_thresh, which Sinabs sets when it reads an IF");
      if (r.at("v_step", i) != 0)
        return refuse("population", p.id, "v_step (a per-step bias) has no NIR IF field");
    }
    add(p.id, {.type = "IF",
               .arrays = {{"r", shaped(std::vector<double>(vTh.size(), 1.0), p)},
                          {"v_threshold", shaped(vTh, p)}}});
  }

  void projection(const ProjectionSpec& proj) {
    const PopulationSpec* pre = project_.network.findPopulation(proj.pre);
    const PopulationSpec* post = project_.network.findPopulation(proj.post);
    if (!pre || !post || !out_.graph.root.nodes.count(proj.pre) ||
        !out_.graph.root.nodes.count(proj.post))
      return;  // a refused or missing population: already reported
    if (proj.connector.isShaped()) return shapedProjection(proj, *pre);
    if (pre->size * post->size > kMaxDenseWeights)
      return refuse("projection", proj.id,
                    "a dense " + std::to_string(post->size) + " x " + std::to_string(pre->size) +
                        " weight matrix is too large for a NIR Linear node");
    if (proj.plasticity)
      out_.notes.push_back("projection '" + proj.id +
                           "': plasticity is not part of NIR; its "
                           "current weights are written");
    const bool current = currentInputs_.count(proj.pre) > 0;
    const auto cubaTau = tauSynSeconds_.find(proj.post);
    if (current && cubaTau != tauSynSeconds_.end())
      return refuse("projection", proj.id,
                    "a current source into a CubaLIF would pass its synaptic filter in NIR");
    SynapseMatrix m;
    try {
      m = ConnectorBuilder(proj, pre->size, post->size, project_.experiment.dt,
                           project_.experiment.seed)
              .build();
    } catch (const std::exception& e) {
      return refuse("projection", proj.id, e.what());
    }
    std::vector<double> w(static_cast<size_t>(pre->size * post->size), 0.0);
    std::set<int32_t> delays;
    for (int64_t i = 0; i < m.preSize; ++i)
      for (int64_t k = m.rowStart[size_t(i)]; k < m.rowStart[size_t(i) + 1]; ++k) {
        const int32_t j = m.target[size_t(k)];
        // A Dirac impulse of area W (s) makes a CubaLIF's current jump by W / tau_syn.
        const double factor = cubaTau != tauSynSeconds_.end() ? cubaTau->second[size_t(j)] : 1.0;
        w[size_t(j * pre->size + i)] += static_cast<double>(m.weight[size_t(k)]) * factor;
        delays.insert(m.delay.empty() ? m.uniformDelay : m.delay[size_t(k)]);
      }
    if (delays.size() > 1)
      return refuse("projection", proj.id,
                    "delays that differ between synapses have no NIR form (a Delay node delays "
                    "each input or output line as a whole)");
    add(proj.id,
        {.type = "Linear", .arrays = {{"weight", NirArray::floats(w, {post->size, pre->size})}}});
    out_.graph.root.edges.push_back({proj.pre, proj.id});
    std::string last = proj.id;
    if (!delays.empty() && *delays.begin() > 0) {
      if (current) return refuse("projection", proj.id, "a current source cannot be delayed");
      const double seconds = *delays.begin() * project_.experiment.dt / kMsPerSecond;
      const std::string name = proj.id + "_delay";
      add(name, {.type = "Delay",
                 .arrays = {{"delay", column(std::vector<double>(size_t(post->size), seconds))}}});
      out_.graph.root.edges.push_back({last, name});
      last = name;
    }
    out_.graph.root.edges.push_back({last, proj.post});
  }

  // conv2d -> Conv2d (the kernel as float32, bias 0, dilation 1, groups 1), avg_pool2d ->
  // AvgPool2d; then Scale (the projection's weight, times tau_syn into a CubaLIF) when not 1 and
  // Delay when delayed: importNir gives the same connector back.
  void shapedProjection(const ProjectionSpec& proj, const PopulationSpec& pre) {
    const ConnectorSpec& c = proj.connector;
    if (proj.plasticity || !proj.crossbar.empty() || !pre.shape || !proj.weight.isScalar())
      return refuse("projection", proj.id, "is not a plain conv2d / avg_pool2d projection");
    double scale = proj.weight.scalar;
    if (auto tau = tauSynSeconds_.find(proj.post); tau != tauSynSeconds_.end()) {
      for (double t : tau->second)
        if (t != tau->second.front())
          return refuse("projection", proj.id,
                        "its CubaLIF target has per-neuron tau_syn, which one kernel cannot carry");
      scale *= tau->second.front();
    }
    auto ints = [](int64_t a, int64_t b) { return NirArray::integers({a, b}, {2}); };
    NirNode node;
    if (c.type == ConnectorSpec::Type::Conv2d) {
      std::vector<double> kernel(c.kernel.begin(), c.kernel.end());
      node = {
          .type = "Conv2d",
          .arrays = {{"weight", NirArray::floats(kernel, c.kernelShape, 4)},
                     {"bias", NirArray::floats(std::vector<double>(size_t(c.kernelShape[0]), 0.0),
                                               {c.kernelShape[0]}, 4)},
                     {"input_shape", ints(pre.shape->height, pre.shape->width)},
                     {"dilation", ints(1, 1)},
                     {"groups", NirArray::scalarInteger(1)}}};
    } else {
      node = {.type = "AvgPool2d", .arrays = {{"kernel_size", ints(c.windowH, c.windowW)}}};
    }
    node.arrays["stride"] = ints(c.strideH, c.strideW);
    node.arrays["padding"] = ints(c.padH, c.padW);
    add(proj.id, std::move(node));
    out_.graph.root.edges.push_back({proj.pre, proj.id});
    std::string last = proj.id;
    auto chain = [&](const std::string& name, NirNode n) {
      add(name, std::move(n));
      out_.graph.root.edges.push_back({last, name});
      last = name;
    };
    if (scale != 1.0)
      chain(proj.id + "_scale", {.type = "Scale", .arrays = {{"scale", column({scale})}}});
    const int64_t steps = std::llround(proj.delay.scalar / project_.experiment.dt);
    if (steps > 0)
      chain(proj.id + "_delay",
            {.type = "Delay",
             .arrays = {{"delay", column({static_cast<double>(steps) * project_.experiment.dt /
                                          kMsPerSecond})}}});
    out_.graph.root.edges.push_back({last, proj.post});
  }

  // An Output node for every population with a spike monitor, or, without any, for every
  // neuron population whose spikes go nowhere else.
  void outputs() {
    std::vector<std::string> ids;
    for (const MonitorSpec& m : project_.network.monitors)
      if (m.type == MonitorSpec::Type::Spikes ||
          (m.type == MonitorSpec::Type::State && m.variable == "v" && readouts_.count(m.target)))
        ids.push_back(m.target);
    if (ids.empty())
      for (const PopulationSpec& p : project_.network.populations) {
        const bool feeds =
            std::any_of(project_.network.projections.begin(), project_.network.projections.end(),
                        [&](const ProjectionSpec& q) { return q.pre == p.id; });
        auto it = out_.graph.root.nodes.find(p.id);
        if (!feeds && it != out_.graph.root.nodes.end() && it->second.type != "Input")
          ids.push_back(p.id);
      }
    for (const std::string& id : ids) {
      const PopulationSpec* p = project_.network.findPopulation(id);
      if (!p || !out_.graph.root.nodes.count(id)) continue;
      const std::string name = id + "_output";
      if (out_.graph.root.nodes.count(name)) continue;
      add(name,
          {.type = "Output", .arrays = {{"shape", NirArray::integers(dims(*p), {rank(*p)})}}});
      out_.graph.root.edges.push_back({id, name});
    }
  }

  const Project& project_;
  const NirExportOptions& options_;
  NirExport out_;
  std::set<std::string> currentInputs_;
  std::map<std::string, std::set<Receptor>> usedReceptors_;
  std::map<std::string, std::vector<double>> tauSynSeconds_;
  std::set<std::string> readouts_;  // written as LI or CubaLI
  std::vector<std::string> problems_;
};

}  // namespace

NirExport exportNir(const Project& project, const NirExportOptions& options) {
  return Exporter(project, options).run();
}

}  // namespace snn::nir
