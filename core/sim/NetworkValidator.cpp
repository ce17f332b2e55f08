#include "NetworkValidator.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "CrossbarChecks.h"
#include "NeuronModelRegistry.h"
#include "model/AnnFields.h"
#include "model/ObjectFields.h"
#include "plasticity/PlasticityRules.h"
#include "synapses/ConvConnector.h"

namespace snn {

namespace {

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

bool validId(const std::string& id) {
  if (id.empty()) return false;
  for (unsigned char c : id)
    if (c <= ' ' || c == 0x7f) return false;
  return true;
}

class Validator {
 public:
  Validator(const Project& p, ValidationOptions o) : project_(p), options_(o) {}

  std::vector<Diagnostic> run() {
    experiment();
    for (const PopulationSpec& pop : project_.network.populations) population(pop);
    for (const CrossbarSpec& c : project_.network.crossbars) crossbar(c);
    for (const AnnNodeSpec& a : project_.network.anns) {
      claimId(ObjectKind::Ann, a.id, "node and projection");
      for (Diagnostic& d : validateAnnNode(a)) diagnostics_.push_back(std::move(d));
    }
    for (const ProjectionSpec& proj : project_.network.projections) projection(proj);
    for (Diagnostic& d : checkCrossbarNetwork(project_.network)) diagnostics_.push_back(d);
    for (size_t i = 0; i < project_.network.monitors.size(); ++i)
      monitor(project_.network.monitors[i], i);
    if (diagnostics_.empty()) footprint();
    return std::move(diagnostics_);
  }

 private:
  void error(ObjectKind kind, const std::string& id, const std::string& field,
             const std::string& message) {
    diagnostics_.push_back({kind, id, field, message});
  }

  // Every schema field of `spec` that has a value, against its schema entry: the check and the
  // message the inspector's field gives. Returns false when one was refused.
  template <class Spec>
  bool fields(const std::vector<Field<Spec>>& table, const Spec& spec, ObjectKind kind,
              const std::string& id, int64_t elements = 1) {
    bool ok = true;
    for (const Field<Spec>& f : table) {
      if (!f.get || f.info.kind == ParamKind::Choice || f.info.kind == ParamKind::Reference)
        continue;  // words: checked where they are read; references: below
      const std::optional<ParamValue> value = f.get(spec);
      if (!value) continue;
      const ValueSpec* v = std::get_if<ValueSpec>(&*value);
      if (v && v->kind == ValueSpec::Kind::Array) continue;  // per-element arrays: by their owner
      if (auto problem = checkParamValue(f.info, *value, elements)) {
        error(kind, id, f.info.name, *problem);
        ok = false;
      }
    }
    return ok;
  }

  void experiment() {
    const ExperimentSpec& e = project_.experiment;
    if (fields(experimentFields(), e, ObjectKind::Experiment, "") && e.duration / e.dt > 1e12)
      error(ObjectKind::Experiment, "", "duration", "is more than 10^12 steps of dt");
  }

  bool claimId(ObjectKind kind, const std::string& id, const std::string& what) {
    if (!validId(id)) {
      error(kind, id, "id", "must be a non-empty name without spaces");
      return false;
    }
    if (!ids_.insert(id).second) {
      error(kind, id, "id", "is used twice (" + what + " ids must be unique in the network)");
      return false;
    }
    return true;
  }

  void crossbar(const CrossbarSpec& c) {
    claimId(ObjectKind::Crossbar, c.id, "node and projection");
    for (Diagnostic& d : validateCrossbarSpec(c)) diagnostics_.push_back(std::move(d));
  }

  void population(const PopulationSpec& p) {
    const auto k = ObjectKind::Population;
    claimId(k, p.id, "population and projection");
    const NeuronModelEntry* model = NeuronModelRegistry::instance().find(p.model);
    if (!model) {
      error(k, p.id, "model",
            "unknown model '" + p.model + "' (known: " + NeuronModelRegistry::instance().names() +
                ")");
    }
    fields(populationFields(), p, k, p.id);
    if (p.size < 1 || p.size > kMaxPopulationSize) return;  // reported with the fields
    if (p.shape && p.shape->size() != p.size)
      error(k, p.id, "shape",
            p.shape->describe() + " makes " + std::to_string(p.shape->size()) +
                " neurons but the population has " + std::to_string(p.size));
    if (!model) return;
    bool paramsOk = true;
    for (const auto& [name, value] : p.params) {
      const ParamInfo* info = model->info->findParam(name);
      if (!info) {
        error(k, p.id, "params." + name,
              "unknown parameter of model '" + p.model + "' (known: " + model->info->paramNames() +
                  ")");
        paramsOk = false;
        continue;
      }
      if (auto problem = checkParamValue(*info, value, p.size)) {
        error(k, p.id, "params." + name, *problem);
        paramsOk = false;
      }
    }
    for (const auto& [name, value] : p.init) {
      const StateVarInfo* var = model->info->findStateVar(name);
      if (!var) {
        error(k, p.id, "init." + name,
              "unknown state variable of model '" + p.model + "' (known: " +
                  (model->info->stateVars.empty() ? std::string("none")
                                                  : model->info->stateVarNames()) +
                  ")");
        continue;
      }
      ParamInfo any;
      any.name = name;
      any.unit = var->unit;
      if (auto problem = checkParamValue(any, value, p.size))
        error(k, p.id, "init." + name, *problem);
    }
    if (p.feed) feed(p, *model->info);
    if (paramsOk && model->check) {
      ResolvedParams resolved(*model->info, p.size);
      std::mt19937_64 rng(0);
      for (const auto& [name, value] : p.params)
        resolved.set(*model->info->findParam(name), value, rng);
      model->check(resolved, [&](const std::string& field, const std::string& message) {
        error(k, p.id, field, message);
      });
    }
  }

  // Dataset and timing of an image feed; whether the images fit the population is checked when
  // the compiler loads them.
  void feed(const PopulationSpec& p, const ModelInfo& model) {
    const auto k = ObjectKind::Population;
    const DatasetFeedSpec& f = *p.feed;
    if (!model.imageEncoder) {
      std::string encoders;
      for (const NeuronModelEntry& e : NeuronModelRegistry::instance().entries())
        if (e.info->imageEncoder) encoders += (encoders.empty() ? "" : ", ") + e.info->name;
      error(k, p.id, "feed",
            "model '" + model.name + "' cannot show images (encoders: " + encoders + ")");
    }
    if (f.dataset.empty())
      error(k, p.id, "feed.dataset", "is empty (digits, fashion-mnist or a folder)");
    if (f.split != "train" && f.split != "test")
      error(k, p.id, "feed.split", "must be \"train\" or \"test\" (got \"" + f.split + "\")");
    // The timing fields were checked against their schema with the population's fields.
  }

  const PopulationSpec* endpoint(const ProjectionSpec& proj, const std::string& field,
                                 const std::string& id) {
    if (id.empty()) return nullptr;  // reported by the reader, or below
    const PopulationSpec* p = project_.network.findPopulation(id);
    if (!p) error(ObjectKind::Projection, proj.id, field, "no population '" + id + "'");
    return p;
  }

  static ModelRole roleOf(const PopulationSpec& p) {
    const NeuronModelEntry* m = NeuronModelRegistry::instance().find(p.model);
    return m ? m->info->role : ModelRole::Neuron;
  }

  void projection(const ProjectionSpec& proj) {
    const auto k = ObjectKind::Projection;
    claimId(k, proj.id, "population and projection");
    if (proj.pre.empty()) error(k, proj.id, "pre", "is missing");
    if (proj.post.empty()) error(k, proj.id, "post", "is missing");
    const PopulationSpec* pre = endpoint(proj, "pre", proj.pre);
    const PopulationSpec* post = endpoint(proj, "post", proj.post);
    if (post && roleOf(*post) != ModelRole::Neuron)
      error(k, proj.id, "post",
            "population '" + post->id + "' is a source (" + post->model + ") and takes no input");
    const bool currentSource = pre && roleOf(*pre) == ModelRole::CurrentSource;
    fields(projectionFields(), proj, k, proj.id);
    if (proj.weight.kind == ValueSpec::Kind::Array) weightArray(proj, pre, post);
    if (proj.delay.kind == ValueSpec::Kind::Array)
      error(k, proj.id, "delay",
            "a per-synapse array is not allowed here; use a from_list connector");
    if (currentSource && !(proj.delay.isScalar() && proj.delay.scalar == 0.0))
      error(k, proj.id, "delay", "must be 0: a current source drives its targets without delay");
    if (pre && post && pre->size >= 1 && post->size >= 1) connector(proj, *pre, *post);
    if (proj.plasticity) plasticity(proj, currentSource);
  }

  // The rule exists, its params fit its schema, the bounds are ordered, and the projection is one
  // the rule can act on: spiking sources, no delays (spike timing is taken at emission).
  void plasticity(const ProjectionSpec& proj, bool currentSource) {
    const auto k = ObjectKind::Projection;
    const PlasticitySpec& s = *proj.plasticity;
    const ModelInfo* rule = findPlasticityRule(s.rule);
    if (!rule) {
      error(k, proj.id, "plasticity.rule",
            "unknown plasticity rule '" + s.rule + "' (known: " + plasticityRuleNames() + ")");
      return;
    }
    bool ok = true;
    for (const auto& [name, value] : s.params) {
      const std::string field = "plasticity.params." + name;
      const ParamInfo* info = rule->findParam(name);
      if (!info) {
        error(k, proj.id, field,
              "unknown parameter of rule '" + s.rule + "' (known: " + rule->paramNames() + ")");
        ok = false;
        continue;
      }
      const ValueSpec* v = std::get_if<ValueSpec>(&value);
      if (info->kind == ParamKind::PerNeuron && v && !v->isScalar()) {
        error(k, proj.id, field,
              "must be a single number (the rule's parameters are shared by every synapse)");
        ok = false;
      } else if (auto problem = checkParamValue(*info, value, 1)) {
        error(k, proj.id, field, *problem);
        ok = false;
      }
    }
    auto number = [&](const char* name) {
      auto it = s.params.find(name);
      const ValueSpec* v = it == s.params.end() ? nullptr : std::get_if<ValueSpec>(&it->second);
      return v ? v->scalar : rule->findParam(name)->defaultValue;
    };
    if (ok && rule->findParam("w_min") && rule->findParam("w_max") &&
        !(number("w_min") < number("w_max")))
      error(k, proj.id, "plasticity.params.w_max",
            "must be greater than w_min (got w_min " + num(number("w_min")) + ", w_max " +
                num(number("w_max")) + ")");
    if (currentSource)
      error(k, proj.id, "plasticity",
            "'" + proj.pre +
                "' is a current source: spike-timing plasticity needs presynaptic spikes");
    if (!(proj.delay.isScalar() && proj.delay.scalar == 0.0) ||
        std::any_of(proj.connector.list.begin(), proj.connector.list.end(),
                    [](const ConnectorSpec::Entry& e) { return e.delay && *e.delay != 0.0; }))
      error(k, proj.id, "delay",
            "must be 0 on a plastic projection (delays are not supported by plasticity yet)");
  }

  // A per-synapse weight array must match the synapse count of a connector whose synapses are
  // known without drawing: all_to_all, one_to_one, from_list.
  void weightArray(const ProjectionSpec& proj, const PopulationSpec* pre,
                   const PopulationSpec* post) {
    const auto k = ObjectKind::Projection;
    using T = ConnectorSpec::Type;
    const ConnectorSpec& c = proj.connector;
    if (c.isShaped()) return;  // shapedConnector() says it
    if (c.type == T::Random || c.type == T::FixedInDegree) {
      error(k, proj.id, "weight",
            std::string("a per-synapse array needs a connector with a fixed synapse order "
                        "(all_to_all, one_to_one, from_list), not ") +
                connectorTypeName(c.type));
      return;
    }
    for (size_t i = 0; i < proj.weight.array.size(); ++i)
      if (!std::isfinite(proj.weight.array[i])) {
        error(k, proj.id, "weight[" + std::to_string(i) + "]", "must be a finite number");
        return;
      }
    if (!pre || !post) return;
    int64_t expected = 0;
    if (c.type == T::AllToAll)
      expected = pre->size * post->size - (pre->id == post->id && !c.allowSelf ? pre->size : 0);
    else if (c.type == T::OneToOne)
      expected = post->size;
    else
      expected = static_cast<int64_t>(c.list.size());
    if (static_cast<int64_t>(proj.weight.array.size()) != expected)
      error(k, proj.id, "weight",
            "has " + std::to_string(proj.weight.array.size()) + " values but the connector makes " +
                std::to_string(expected) + " synapses (one weight per synapse, row-major by pre)");
  }

  void connector(const ProjectionSpec& proj, const PopulationSpec& pre,
                 const PopulationSpec& post) {
    const auto k = ObjectKind::Projection;
    const ConnectorSpec& c = proj.connector;
    const bool samePop = pre.id == post.id;
    using T = ConnectorSpec::Type;
    switch (c.type) {
      case T::AllToAll:
        break;
      case T::OneToOne:
        if (pre.size != post.size)
          error(k, proj.id, "connector.type",
                "one_to_one needs populations of equal size ('" + pre.id + "' has " +
                    std::to_string(pre.size) + ", '" + post.id + "' has " +
                    std::to_string(post.size) + ")");
        break;
      case T::Random:  // p: against its schema with the projection's fields
        break;
      case T::FixedInDegree: {
        const int64_t available = pre.size - (samePop && !c.allowSelf ? 1 : 0);
        if (c.n > available)
          error(k, proj.id, "connector.n",
                "must be between 0 and " + std::to_string(available) + " (distinct sources in '" +
                    pre.id + "'; got " + std::to_string(c.n) + ")");
        break;
      }
      case T::FromList:
        for (size_t i = 0; i < c.list.size(); ++i) {
          const auto& e = c.list[i];
          const std::string field = "connector.list[" + std::to_string(i) + "]";
          if (e.pre < 0 || e.pre >= pre.size)
            error(k, proj.id, field,
                  "pre index " + std::to_string(e.pre) + " is outside '" + pre.id + "' (0.." +
                      std::to_string(pre.size - 1) + ")");
          if (e.post < 0 || e.post >= post.size)
            error(k, proj.id, field,
                  "post index " + std::to_string(e.post) + " is outside '" + post.id + "' (0.." +
                      std::to_string(post.size - 1) + ")");
          if (e.delay && *e.delay < 0.0)
            error(k, proj.id, field, "delay must be >= 0 ms (got " + num(*e.delay) + ")");
          if (e.delay && *e.delay != 0.0 && roleOf(pre) == ModelRole::CurrentSource)
            error(k, proj.id, field, "delay must be 0 for a current source");
          if (diagnostics_.size() > 50) return;  // one bad list should not flood the report
        }
        break;
      case T::Conv2d:
      case T::AvgPool2d:
        shapedConnector(proj, pre, post);
        break;
    }
  }

  // conv2d and avg_pool2d: both populations shaped, the connector's output shape the post
  // population's, one scalar weight and delay (the kernel carries the rest), ideal fixed synapses.
  void shapedConnector(const ProjectionSpec& proj, const PopulationSpec& pre,
                       const PopulationSpec& post) {
    const auto k = ObjectKind::Projection;
    const char* type = connectorTypeName(proj.connector.type);
    if (!pre.shape || !post.shape) {
      const PopulationSpec& missing = pre.shape ? post : pre;
      error(k, proj.id, "connector.type",
            std::string(type) + " needs shaped populations: '" + missing.id +
                "' has no shape (set its shape [channels, height, width])");
      return;
    }
    const ShapedConnectorCheck check = checkShapedConnector(proj.connector, *pre.shape);
    if (!check.field.empty()) {
      error(k, proj.id, check.field, check.problem);
      return;
    }
    if (check.out != *post.shape)
      error(k, proj.id, "post",
            std::string(type) + " makes " + check.out.describe() + " from '" + pre.id + "' (" +
                pre.shape->describe() + ") but '" + post.id + "' is " + post.shape->describe());
    if (!proj.weight.isScalar())
      error(k, proj.id, "weight",
            std::string("must be one number for ") + type + " (the kernel holds the rest)");
    if (!proj.delay.isScalar())
      error(k, proj.id, "delay", "must be one number for " + std::string(type));
    if (proj.plasticity)
      error(k, proj.id, "plasticity", std::string("is not supported on ") + type);
    if (!proj.crossbar.empty())
      error(k, proj.id, "crossbar", std::string("cannot carry a ") + type + " projection");
    if (proj.delay.isScalar() && proj.delay.scalar != 0.0 &&
        roleOf(pre) == ModelRole::CurrentSource)
      error(k, proj.id, "delay", "must be 0 for a current source");
  }

  void monitor(const MonitorSpec& m, size_t index) {
    const auto k = ObjectKind::Monitor;
    const std::string id = std::to_string(index);
    const PopulationSpec* target = project_.network.findPopulation(m.target);
    if (!target) {
      error(k, id, "target", "no population '" + m.target + "'");
      return;
    }
    const NeuronModelEntry* model = NeuronModelRegistry::instance().find(target->model);
    if (!model) return;  // reported with the population
    for (size_t i = 0; i < m.neurons.size(); ++i)
      if (m.neurons[i] < 0 || m.neurons[i] >= target->size) {
        error(k, id, "neurons[" + std::to_string(i) + "]",
              "neuron " + std::to_string(m.neurons[i]) + " is outside '" + target->id + "' (0.." +
                  std::to_string(target->size - 1) + ")");
        break;
      }
    if (m.type != MonitorSpec::Type::State && model->info->role == ModelRole::CurrentSource)
      error(k, id, "target", "'" + target->id + "' is a current source and emits no spikes");
    if (m.type == MonitorSpec::Type::State) {
      if (m.variable.empty())
        error(k, id, "variable", "is missing (state monitors record one variable, e.g. \"v\")");
      else if (!model->info->findStateVar(m.variable))
        error(k, id, "variable",
              "model '" + target->model + "' has no state variable '" + m.variable + "' (known: " +
                  (model->info->stateVars.empty() ? std::string("none")
                                                  : model->info->stateVarNames()) +
                  ")");
      fields(monitorFields(), m, k, id);
    }
  }

  void footprint() {
    const NetworkFootprint f = estimateFootprint(project_);
    const double budget =
        options_.memoryBudgetBytes > 0 ? options_.memoryBudgetBytes : defaultMemoryBudgetBytes();
    if (f.bytes > budget) {
      std::ostringstream s;
      s.precision(3);
      s << "would need about " << f.bytes / 1e9 << " GB (" << f.neurons << " neurons, "
        << f.synapses << " synapses, recordings for the full duration), more than the "
        << budget / 1e9 << " GB this machine can give; make it smaller or record less";
      error(ObjectKind::Network, "", "", s.str());
    }
  }

  const Project& project_;
  ValidationOptions options_;
  std::vector<Diagnostic> diagnostics_;
  std::set<std::string> ids_;
};

}  // namespace

std::vector<Diagnostic> validateNetwork(const Project& project, ValidationOptions options) {
  return Validator(project, options).run();
}

}  // namespace snn
