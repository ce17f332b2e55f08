#include "TrainerRegistry.h"

#include "AnnProjectTrainer.h"
#include "CrossbarTrainer.h"
#include "StdpTrainer.h"
#include "SurrogateTrainer.h"

#include "sim/NetworkValidator.h"
#include "sim/NeuronModelRegistry.h"

namespace snn {

const ParamInfo* TrainerEntry::findParam(std::string_view n) const {
  for (const ParamInfo& p : params)
    if (p.name == n) return &p;
  return nullptr;
}

const TrainerRegistry& TrainerRegistry::instance() {
  static const TrainerRegistry registry = [] {
    TrainerRegistry r;
    registerBuiltinTrainers(r);
    return r;
  }();
  return registry;
}

void registerBuiltinTrainers(TrainerRegistry& registry) {
  (void)registry;  // methods are added here, one line each
  registry.add(StdpTrainer::entry());
  registry.add(surrogateTrainerEntry());
  registry.add(annTrainerEntry());
  registry.add(crossbarTrainerEntry(CrossbarTrainer::Method::Hybrid));
  registry.add(crossbarTrainerEntry(CrossbarTrainer::Method::InTheLoop));
}

void TrainerRegistry::add(TrainerEntry entry) {
  entries_.push_back(std::move(entry));
}

const TrainerEntry* TrainerRegistry::find(std::string_view method) const {
  for (const TrainerEntry& e : entries_)
    if (e.name == method) return &e;
  return nullptr;
}

std::string TrainerRegistry::names() const {
  std::string s;
  for (const TrainerEntry& e : entries_) {
    if (!s.empty()) s += ", ";
    s += e.name;
  }
  return s.empty() ? "none" : s;
}

TrainingEndpoints resolveTrainingEndpoints(const Project& project) {
  TrainingEndpoints e;
  if (project.training) {
    e.input = project.training->input;
    e.output = project.training->output;
  }
  const auto& registry = NeuronModelRegistry::instance();
  for (const PopulationSpec& p : project.network.populations) {
    const NeuronModelEntry* m = registry.find(p.model);
    if (!m) continue;
    if (e.input.empty() && m->info->role != ModelRole::Neuron) e.input = p.id;
  }
  if (e.output.empty())
    for (auto it = project.network.populations.rbegin(); it != project.network.populations.rend();
         ++it) {
      const NeuronModelEntry* m = registry.find(it->model);
      if (m && m->info->role == ModelRole::Neuron) {
        e.output = it->id;
        break;
      }
    }
  return e;
}

void validateTraining(const Project& project, std::vector<Diagnostic>& out) {
  if (!project.training) return;
  const TrainingSpec& t = *project.training;
  auto error = [&out](const std::string& field, const std::string& message) {
    out.push_back({ObjectKind::Training, "", field, message});
  };
  const TrainerEntry* method = TrainerRegistry::instance().find(t.method);
  if (!method) {
    error("method", "unknown training method '" + t.method +
                        "' (known: " + TrainerRegistry::instance().names() + ")");
  } else {
    for (const auto& [name, value] : t.params) {
      const ParamInfo* info = method->findParam(name);
      if (!info) {
        std::string known;
        for (const ParamInfo& p : method->params) known += (known.empty() ? "" : ", ") + p.name;
        error("params." + name,
              "unknown parameter of method '" + t.method + "' (known: " + known + ")");
      } else if (auto problem = checkParamValue(*info, value, 1)) {
        error("params." + name, *problem);
      }
    }
  }
  if (t.dataset.empty()) error("dataset", "is missing (digits, fashion-mnist or a folder)");
  for (const auto& [field, id] :
       {std::pair<const char*, const std::string&>{"input", t.input}, {"output", t.output}})
    if (!id.empty() && !project.network.findPopulation(id))
      error(field, "no population '" + id + "'");
  if (!t.ann.empty() && !project.network.findAnn(t.ann)) error("ann", "no ANN '" + t.ann + "'");
  if (t.method == "ann" && project.network.anns.empty())
    error("method", "'ann' trains an ANN node, and the network has none (network.anns)");
}

double trainingParam(const Project& project, const TrainerEntry& method, std::string_view name) {
  const ParamInfo* info = method.findParam(name);
  if (project.training)
    if (auto it = project.training->params.find(std::string(name));
        it != project.training->params.end())
      if (const ValueSpec* v = std::get_if<ValueSpec>(&it->second)) return v->scalar;
  return info ? info->defaultValue : 0.0;
}

std::string trainingChoice(const Project& project, const TrainerEntry& method,
                           std::string_view name) {
  const ParamInfo* info = method.findParam(name);
  if (project.training)
    if (auto it = project.training->params.find(std::string(name));
        it != project.training->params.end())
      if (const std::string* s = std::get_if<std::string>(&it->second)) return *s;
  return info && !info->choices.empty() ? info->choices.front() : std::string();
}

}  // namespace snn
