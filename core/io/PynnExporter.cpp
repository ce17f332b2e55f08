#include "PynnExporter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

#include "PynnScriptText.h"
#include "model/RandomStreams.h"
#include "sim/NeuronModelRegistry.h"
#include "synapses/ConnectorBuilder.h"

namespace snn {

namespace {

using pynn::list;
using pynn::number;

// Workbench parameter -> PyNN IF_curr_exp parameter (same units).
const std::vector<std::pair<const char*, const char*>> kLifParams = {{"cm", "cm"},
                                                                     {"tau_m", "tau_m"},
                                                                     {"v_rest", "v_rest"},
                                                                     {"v_reset", "v_reset"},
                                                                     {"v_thresh", "v_thresh"},
                                                                     {"t_ref", "tau_refrac"},
                                                                     {"tau_syn_exc", "tau_syn_E"},
                                                                     {"tau_syn_inh", "tau_syn_I"},
                                                                     {"i_offset", "i_offset"}};

ResolvedParams resolve(const PopulationSpec& p, const ModelInfo& info, uint64_t seed) {
  ResolvedParams params(info, p.size);  // as the compiler does: schema order, one stream
  std::mt19937_64 rng = makeRandomStream(seed, "params", p.id);
  for (const ParamInfo& pi : info.params)
    if (auto it = p.params.find(pi.name); it != p.params.end()) params.set(pi, it->second, rng);
  return params;
}

std::vector<double> perNeuron(const ResolvedParams& r, const char* name) {
  std::vector<double> v(static_cast<size_t>(r.size()));
  for (int64_t i = 0; i < r.size(); ++i) v[size_t(i)] = r.at(name, i);
  return v;
}

class Writer {
 public:
  explicit Writer(const Project& p) : project_(p) {}

  PynnExport run() {
    header();
    for (const PopulationSpec& p : project_.network.populations) population(p);
    for (const ProjectionSpec& p : project_.network.projections) projection(p);
    footer();
    for (const AnnNodeSpec& a : project_.network.anns)
      refuse("ANN", a.id, "PyNN has no ANN layers; convert it to an SNN first (snnwb-cli convert)");
    if (!problems_.empty()) throw PynnExportError(problems_);
    return {out_.str(), notes_};
  }

 private:
  void refuse(const std::string& kind, const std::string& id, const std::string& why) {
    problems_.push_back(kind + " '" + id + "': " + why);
  }

  void header() {
    const ExperimentSpec& e = project_.experiment;
    out_ << pynn::scriptHeader() << "DT = " << number(e.dt)
         << "  # ms\nDURATION = " << number(e.duration) << "  # ms\nSEED = " << e.seed << "\n\n"
         << "sim.setup(timestep=DT, min_delay=DT)\nrng = NumpyRNG(seed=SEED)\n"
         << "populations = {}  # id -> Population, in the project's order\n\n";
  }

  void population(const PopulationSpec& p) {
    const NeuronModelEntry* model = NeuronModelRegistry::instance().find(p.model);
    if (!model) return refuse("population", p.id, "unknown model '" + p.model + "'");
    if (p.feed) return refuse("population", p.id, "dataset feeds have no PyNN equivalent");
    const ResolvedParams r = resolve(p, *model->info, project_.experiment.seed);
    std::ostringstream cell;
    if (p.model == "lif") {
      if (r.choice("reset") != "value")
        return refuse("population", p.id, "reset by subtraction: PyNN's cells reset to v_reset");
      for (const char* tau : {"tau_syn_exc", "tau_syn_inh"})
        for (double v : perNeuron(r, tau))
          if (v <= 0)
            return refuse("population", p.id,
                          std::string(tau) +
                              " 0 (a synaptic current lasting "
                              "one step) is not a PyNN synapse");
      cell << "sim.IF_curr_exp(";
      for (size_t k = 0; k < kLifParams.size(); ++k)
        cell << (k ? ", " : "") << kLifParams[k].second << "="
             << list(perNeuron(r, kLifParams[k].first));
      cell << ")";
    } else if (p.model == "izhikevich") {
      for (const ProjectionSpec& q : project_.network.projections)
        if (q.post == p.id && !isCurrentSource(q.pre))
          return refuse("population", p.id,
                        "receives spikes: PyNN's Izhikevich cell has delta "
                        "synapses, the workbench's exponential ones");
      if (perNeuron(r, "v_peak") != std::vector<double>(size_t(p.size), 30.0))
        return refuse("population", p.id,
                      "v_peak other than 30 mV (PyNN's Izhikevich fires at 30)");
      cell << "sim.Izhikevich(a=" << list(perNeuron(r, "a")) << ", b=" << list(perNeuron(r, "b"))
           << ", c=" << list(perNeuron(r, "c")) << ", d=" << list(perNeuron(r, "d"))
           << ", i_offset=" << list(perNeuron(r, "i_offset")) << ")";
    } else if (p.model == "spike_source") {
      cell << "sim.SpikeSourceArray(spike_times="
           << pynn::spikeTrains(r.trains("spike_times"), p.size) << ")";
    } else if (p.model == "poisson") {
      cell << "sim.SpikeSourcePoisson(rate=" << list(perNeuron(r, "rate")) << ")";
      notes_.push_back("population '" + p.id +
                       "': Poisson spikes are drawn by the simulator, so "
                       "they match the workbench's in rate only");
    } else if (p.model == "current_step") {
      currentSources_[p.id] = {r.sequence("times"), r.sequence("amplitudes")};
      return;  // injected into its targets by its projections
    } else {
      return refuse(
          "population", p.id,
          "model '" + p.model + "' has no PyNN standard cell " + pynn::whyNoCell(p.model));
    }
    out_ << "populations[" << pynn::quoted(p.id) << "] = sim.Population(" << p.size << ", "
         << cell.str() << ", label=" << pynn::quoted(p.id) << ")\n";
    initialState(p, *model->info);
  }

  // The values the compiler draws (Compiler.cpp, initializeState): variables in name order,
  // one "init" stream per population; defaults from the schema.
  void initialState(const PopulationSpec& p, const ModelInfo& info) {
    if (info.role != ModelRole::Neuron) return;
    std::mt19937_64 rng = makeRandomStream(project_.experiment.seed, "init", p.id);
    const ResolvedParams r = resolve(p, info, project_.experiment.seed);
    std::map<std::string, std::vector<double>> values;
    for (const auto& [var, spec] : p.init) {
      std::vector<double> v(static_cast<size_t>(p.size));
      spec.fill(v, rng);
      values[var] = v;
    }
    for (const char* var : {"v", "u"}) {
      const StateVarInfo* s = info.findStateVar(var);
      if (!s || values.count(var)) continue;
      if (!s->initialFromParam.empty())
        values[var] = perNeuron(r, s->initialFromParam.c_str());
      else if (std::string(var) == "u")  // Izhikevich: u starts at b v
        for (int64_t i = 0; i < p.size; ++i)
          values[var].push_back(r.at("b", i) *
                                (values.count("v") ? values["v"][size_t(i)] : s->initial));
      else
        values[var] = std::vector<double>(size_t(p.size), s->initial);
    }
    out_ << "populations[" << pynn::quoted(p.id) << "].initialize(";
    bool first = true;
    for (const auto& [var, v] : values) {
      if (var != "v" && var != "u") continue;
      out_ << (first ? "" : ", ") << var << "=" << list(v);
      first = false;
    }
    out_ << ")\n";
  }

  bool isCurrentSource(const std::string& id) const {
    const PopulationSpec* p = project_.network.findPopulation(id);
    return p && p->model == "current_step";
  }

  void projection(const ProjectionSpec& proj);
  void currentInjection(const ProjectionSpec& proj, const PopulationSpec& post);

  void footer() {
    std::vector<std::string> recorded;
    for (const MonitorSpec& m : project_.network.monitors)
      if (m.type == MonitorSpec::Type::Spikes) recorded.push_back(m.target);
    if (recorded.empty())
      for (const PopulationSpec& p : project_.network.populations)
        if (!isCurrentSource(p.id)) recorded.push_back(p.id);
    out_ << "\nRECORDED = [";
    for (size_t i = 0; i < recorded.size(); ++i)
      out_ << (i ? ", " : "") << pynn::quoted(recorded[i]);
    out_ << "]\n" << pynn::scriptFooter();
  }

  const Project& project_;
  std::ostringstream out_;
  std::vector<std::string> problems_, notes_;
  std::map<std::string, std::pair<Sequence, Sequence>> currentSources_;
};

void Writer::currentInjection(const ProjectionSpec& proj, const PopulationSpec& post) {
  // Every source neuron emits the same current, so target j receives I(t) times the sum of its
  // incoming gains: one StepCurrentSource per distinct total gain.
  const PopulationSpec& pre = *project_.network.findPopulation(proj.pre);
  const SynapseMatrix m =
      ConnectorBuilder(proj, pre.size, post.size, project_.experiment.dt, project_.experiment.seed)
          .build();
  std::vector<double> gain(static_cast<size_t>(post.size), 0.0);
  for (size_t k = 0; k < m.target.size(); ++k) gain[size_t(m.target[k])] += m.weight[k];
  std::map<double, std::vector<int64_t>> byGain;
  for (int64_t j = 0; j < post.size; ++j)
    if (gain[size_t(j)] != 0) byGain[gain[size_t(j)]].push_back(j);
  const auto& [times, amps] = currentSources_.at(proj.pre);
  for (const auto& [g, cells] : byGain) {
    std::vector<double> scaled;
    for (double a : amps) scaled.push_back(a * g);
    out_ << "sim.StepCurrentSource(times=" << pynn::gridTimes(times)
         << ", amplitudes=" << list(scaled, true) << ").inject_into(populations["
         << pynn::quoted(post.id) << "]";
    if (static_cast<int64_t>(cells.size()) != post.size) {
      out_ << "[" << pynn::intList(cells) << "]";
    }
    out_ << ")  # " << proj.id << "\n";
  }
}

void Writer::projection(const ProjectionSpec& proj) {
  const PopulationSpec* pre = project_.network.findPopulation(proj.pre);
  const PopulationSpec* post = project_.network.findPopulation(proj.post);
  if (!pre || !post) return;
  if (proj.plasticity)
    return refuse("projection", proj.id,
                  "plasticity is not exported yet (PyNN's STDPMechanism differs from the "
                  "workbench's rule in weight scaling and normalisation)");
  if (currentSources_.count(proj.pre)) return currentInjection(proj, *post);
  const NeuronModelEntry* model = NeuronModelRegistry::instance().find(post->model);
  if (!model || model->info->role != ModelRole::Neuron) return;
  const ResolvedParams r = resolve(*post, *model->info, project_.experiment.seed);
  const bool sameTau =
      post->model == "lif" && perNeuron(r, "tau_syn_exc") == perNeuron(r, "tau_syn_inh");
  const bool exc = proj.receptor == Receptor::Excitatory;
  // PyNN (NEST above all) takes a current-based weight's sign from its receptor: positive on
  // "excitatory", negative on "inhibitory". A weight of the other sign moves to the other
  // receptor, exact only when both receptors decay alike.
  const pynn::ConnectionText c = pynn::connection(proj, *pre, *post, project_.experiment);
  const bool mixed = c.hasPositive && c.hasNegative;
  const bool wrongSign = exc ? c.hasNegative : c.hasPositive;
  if (wrongSign && !sameTau)
    return refuse("projection", proj.id,
                  std::string(exc ? "negative" : "positive") + " weights on the " +
                      (exc ? "excitatory" : "inhibitory") + " receptor: PyNN puts them on the " +
                      (exc ? "inhibitory" : "excitatory") + " one, whose time constant differs");
  if (c.signSpanningDistribution)
    return refuse("projection", proj.id,
                  "a weight distribution spanning both signs cannot be "
                  "split onto PyNN's two receptors");
  if (!c.problem.empty()) return refuse("projection", proj.id, c.problem);
  if (!c.note.empty()) notes_.push_back("projection '" + proj.id + "': " + c.note);
  for (const bool positive : {true, false}) {
    if (positive ? !c.hasPositive : !c.hasNegative) continue;
    const std::string label = mixed ? proj.id + (positive ? "_exc" : "_inh") : proj.id;
    out_ << "sim.Projection(populations[" << pynn::quoted(proj.pre) << "], populations["
         << pynn::quoted(proj.post) << "], " << (mixed ? c.connectorFor(positive) : c.connector)
         << ", " << c.synapse
         << ", receptor_type=" << pynn::quoted(positive ? "excitatory" : "inhibitory")
         << ", label=" << pynn::quoted(label) << ")\n";
  }
}

}  // namespace

PynnExportError::PynnExportError(std::vector<std::string> problems)
    : std::runtime_error([&] {
        std::string s = "cannot export to PyNN exactly:";
        for (const std::string& p : problems) s += "\n  " + p;
        return s;
      }()),
      problems_(std::move(problems)) {}

PynnExport exportPynn(const Project& project) {
  return Writer(project).run();
}

}  // namespace snn
