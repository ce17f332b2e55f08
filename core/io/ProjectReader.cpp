// Parsing of project files into a Project: JSON syntax, types and shapes. Ranges, references and
// everything that needs the whole network are checked by validateProject
// (project/ProjectValidator.h).
#include <cmath>
#include <optional>

#include "AnnJson.h"
#include "JsonFieldReader.h"
#include "PackedArray.h"
#include "ProjectJson.h"
#include "energy/EnergyFields.h"
#include "learning/TrainerRegistry.h"
#include "model/NodeColors.h"
#include "plasticity/PlasticityRules.h"
#include "sim/NeuronModelRegistry.h"

namespace snn {

namespace {

using json = nlohmann::json;
using Where = JsonFieldReader::Where;

// "#3": how an object without a readable id is named in messages (its position in its list).
std::string positionId(size_t index) {
  std::string s = "#";
  s += std::to_string(index);
  return s;
}

std::string lineAndColumn(std::string_view text, size_t byte) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// The objects of a project file, each read field by field.
class ProjectReader : public JsonFieldReader {
 public:
  PopulationSpec population(const json& j, size_t index) {
    PopulationSpec p;
    Where w{ObjectKind::Population, positionId(index)};
    if (!expectObject(w, j, "")) return p;
    p.id = id(w, j);
    std::vector<std::string> keys = keysAt(populationFields(), "");
    keys.insert(keys.end(), {"id", "params", "init"});
    checkKeys(w, j, "", keys);
    if (auto it = j.find("model"); it == j.end()) {
      error(w, "model", "is missing");
    } else if (auto m = string(w, *it, "model")) {
      p.model = *m;
    }
    const NeuronModelEntry* model = NeuronModelRegistry::instance().find(p.model);
    fields(w, j, populationFields(), "", p, {"model", "feed"});
    if (!j.contains("size") && model) p.size = model->info->defaultSize;
    if (auto it = j.find("params"); it != j.end() && expectObject(w, *it, "params") && model) {
      params(w, *it, model->info->params, "model '" + p.model + "'", "params.", p.params);
    }
    if (auto it = j.find("init"); it != j.end() && expectObject(w, *it, "init")) {
      for (auto vit = it->begin(); vit != it->end(); ++vit) {
        if (auto v = valueSpec(w, *vit, "init." + vit.key(), true)) p.init[vit.key()] = *v;
      }
    }
    if (auto it = j.find("feed"); it != j.end() && expectObject(w, *it, "feed"))
      p.feed = feed(w, *it);
    return p;
  }

  DatasetFeedSpec feed(const Where& w, const json& j) {
    checkKeys(w, j, "feed.", keysAt(populationFields(), "feed."));
    PopulationSpec holder;
    holder.feed = DatasetFeedSpec{};
    fields(w, j, populationFields(), "feed.", holder);
    return *holder.feed;
  }

  ConnectorSpec connector(const Where& w, const json& j) {
    ConnectorSpec c;
    const json* obj = &j;
    json wrapped;
    if (j.is_string()) {  // "one_to_one" is short for {"type": "one_to_one"}
      wrapped = json{{"type", j}};
      obj = &wrapped;
    }
    if (!expectObject(w, *obj, "connector")) return c;
    checkKeys(w, *obj, "connector.", keysAt(projectionFields(), "connector."));
    auto type = obj->find("type");
    if (type == obj->end()) {
      error(w, "connector.type", "is missing");
      return c;
    }
    auto name = string(w, *type, "connector.type");
    if (!name) return c;
    using T = ConnectorSpec::Type;
    static const std::pair<const char*, T> types[] = {
        {"all_to_all", T::AllToAll},           {"one_to_one", T::OneToOne}, {"random", T::Random},
        {"fixed_in_degree", T::FixedInDegree}, {"from_list", T::FromList},  {"conv2d", T::Conv2d},
        {"avg_pool2d", T::AvgPool2d}};
    bool known = false;
    for (auto& [n, t] : types)
      if (*name == n) {
        c.type = t;
        known = true;
      }
    if (!known) {
      error(w, "connector.type",
            "unknown connector '" + *name +
                "' (known: all_to_all, one_to_one, random, fixed_in_degree, from_list, conv2d, "
                "avg_pool2d)");
      return c;
    }
    auto need = [&](const char* key) -> const json* {
      auto it = obj->find(key);
      if (it != obj->end()) return &*it;
      error(w, std::string("connector.") + key, "is missing (required by '" + *name + "')");
      return nullptr;
    };
    if (c.type == T::Random) need("p");
    if (c.type == T::FixedInDegree) need("n");
    ProjectionSpec holder;
    holder.connector = c;
    fields(w, *obj, projectionFields(), "connector.", holder, {"type", "list", "kernel"});
    c = holder.connector;
    if (c.type == T::Conv2d)
      if (const json* kernel = need("kernel")) convKernel(w, *kernel, c);
    if (c.type == T::FromList)
      if (const json* list = need("list"); list && expectArray(w, *list, "connector.list"))
        for (size_t i = 0; i < list->size(); ++i) {
          const std::string field = "connector.list[" + std::to_string(i) + "]";
          const json& row = (*list)[i];
          if (!row.is_array() || row.size() < 2 || row.size() > 4) {
            error(w, field,
                  "expected [pre, post], [pre, post, weight] or [pre, post, weight, delay]");
            continue;
          }
          ConnectorSpec::Entry e;
          auto pre = integer(w, row[0], field + "[0]");
          auto post = integer(w, row[1], field + "[1]");
          if (!pre || !post) continue;
          e.pre = *pre;
          e.post = *post;
          if (row.size() > 2) e.weight = number(w, row[2], field + "[2]");
          if (row.size() > 3) e.delay = number(w, row[3], field + "[3]");
          c.list.push_back(e);
        }
    return c;
  }

  ProjectionSpec projection(const json& j, size_t index) {
    ProjectionSpec p;
    Where w{ObjectKind::Projection, positionId(index)};
    if (!expectObject(w, j, "")) return p;
    p.id = id(w, j);
    std::vector<std::string> keys = keysAt(projectionFields(), "");
    keys.push_back("id");
    checkKeys(w, j, "", keys);
    for (const char* end : {"pre", "post"}) {
      auto it = j.find(end);
      if (it == j.end()) {
        error(w, end, "is missing");
        continue;
      }
      if (auto s = string(w, *it, end)) (std::string_view(end) == "pre" ? p.pre : p.post) = *s;
    }
    if (auto it = j.find("receptor"); it != j.end()) {
      if (auto r = string(w, *it, "receptor")) {
        if (*r == "exc")
          p.receptor = Receptor::Excitatory;
        else if (*r == "inh")
          p.receptor = Receptor::Inhibitory;
        else
          error(w, "receptor", "must be \"exc\" or \"inh\", got \"" + *r + "\"");
      }
    }
    if (auto it = j.find("connector"); it != j.end()) p.connector = connector(w, *it);
    if (auto it = j.find("weight"); it != j.end())
      if (auto v = valueSpec(w, *it, "weight", true)) p.weight = *v;
    if (auto it = j.find("delay"); it != j.end())
      if (auto v = valueSpec(w, *it, "delay", false)) p.delay = *v;
    if (auto it = j.find("plasticity"); it != j.end()) p.plasticity = plasticity(w, *it);
    if (auto it = j.find("crossbar"); it != j.end())
      if (auto c = string(w, *it, "crossbar")) p.crossbar = *c;
    return p;
  }

  // {"id", "rows", "cols", "seed", "device": {"preset", ...}, "array": {...}, "mapping": {...},
  //  "programming": {...}, "faults": {...}, "conductances": ..., "stuck_cells": [...]}
  CrossbarSpec crossbar(const json& j, size_t index) {
    CrossbarSpec c;
    Where w{ObjectKind::Crossbar, positionId(index)};
    if (!expectObject(w, j, "")) return c;
    c.id = id(w, j);
    const auto& table = crossbarObjectFields();
    std::vector<std::string> keys = keysAt(table, "");
    keys.push_back("id");
    checkKeys(w, j, "", keys);
    fields(w, j, table, "", c);
    for (const char* section : {"device", "array", "mapping", "programming", "faults"}) {
      auto it = j.find(section);
      if (it == j.end() || !expectObject(w, *it, section)) continue;
      const std::string prefix = std::string(section) + ".";
      checkKeys(w, *it, prefix, keysAt(table, prefix));
      fields(w, *it, table, prefix, c);
    }
    if (auto it = j.find("conductances"); it != j.end()) c.conductances = conductances(w, *it, c);
    if (auto it = j.find("stuck_cells"); it != j.end() && expectArray(w, *it, "stuck_cells"))
      for (size_t i = 0; i < it->size(); ++i) {
        const std::string field = "stuck_cells[" + std::to_string(i) + "]";
        const json& cell = (*it)[i];
        if (!cell.is_array() || cell.size() != 3 || !cell[2].is_string() ||
            (cell[2] != "on" && cell[2] != "off")) {
          error(w, field, "expected [row, col, \"on\" | \"off\"]");
          continue;
        }
        auto row = integer(w, cell[0], field + "[0]");
        auto col = integer(w, cell[1], field + "[1]");
        if (row && col) c.stuckCells.push_back({*row, *col, cell[2] == "on"});
      }
    return c;
  }

  // Packed ({"dtype", "shape": [rows, cols], "data"}) or a list of rows of numbers.
  std::vector<double> conductances(const Where& w, const json& j, const CrossbarSpec& c) {
    const std::string field = "conductances";
    const std::string expected = std::to_string(c.rows) + " x " + std::to_string(c.cols);
    if (j.is_array()) {
      std::vector<double> out;
      if (static_cast<int64_t>(j.size()) != c.rows) {
        error(w, field, "has " + std::to_string(j.size()) + " rows; the crossbar is " + expected);
        return out;
      }
      out.reserve(static_cast<size_t>(c.rows * c.cols));
      for (size_t r = 0; r < j.size(); ++r) {
        auto row = numbers(w, j[r], field + "[" + std::to_string(r) + "]");
        if (!row) return {};
        if (static_cast<int64_t>(row->size()) != c.cols) {
          error(w, field + "[" + std::to_string(r) + "]",
                "has " + std::to_string(row->size()) + " values; the crossbar is " + expected);
          return {};
        }
        out.insert(out.end(), row->begin(), row->end());
      }
      return out;
    }
    if (!isPackedArray(j)) {
      error(w, field,
            "expected a list of rows or a packed array {\"dtype\", \"shape\", \"data\"}, got " +
                jsonTypeName(j));
      return {};
    }
    try {
      UnpackedArray a = unpackArray(j);
      if (a.shape != std::vector<int64_t>{c.rows, c.cols}) {
        std::string shape;
        for (int64_t n : a.shape) shape += (shape.empty() ? "" : " x ") + std::to_string(n);
        error(w, field, "is " + shape + "; the crossbar is " + expected);
        return {};
      }
      return std::move(a.values);  // finite and >= 0: validateCrossbarSpec
    } catch (const std::exception& e) {
      error(w, field, std::string("packed array: ") + e.what());
      return {};
    }
  }

  // A conv2d kernel: a packed array of shape [out_channels, in_channels, kernel_h, kernel_w].
  void convKernel(const Where& w, const json& j, ConnectorSpec& c) {
    if (!isPackedArray(j)) {
      error(w, "connector.kernel",
            "expected a packed array {\"dtype\", \"shape\", \"data\"} of shape [out_channels, "
            "in_channels, kernel_h, kernel_w], got " +
                jsonTypeName(j));
      return;
    }
    try {
      UnpackedArray a = unpackArray(j);
      if (a.shape.size() != 4) {
        error(w, "connector.kernel",
              "has " + std::to_string(a.shape.size()) +
                  " dimensions; expected 4 [out_channels, in_channels, kernel_h, kernel_w]");
        return;
      }
      c.kernelShape = a.shape;
      c.kernel.assign(a.values.begin(), a.values.end());
    } catch (const std::exception& e) {
      error(w, "connector.kernel", std::string("packed array: ") + e.what());
    }
  }

  // {"rule": "stdp", "params": {...}}; the rule defaults to "stdp".
  PlasticitySpec plasticity(const Where& w, const json& j) {
    PlasticitySpec s;
    if (!expectObject(w, j, "plasticity")) return s;
    checkKeys(w, j, "plasticity.", {"rule", "params"});
    if (auto it = j.find("rule"); it != j.end())
      if (auto r = string(w, *it, "plasticity.rule")) s.rule = *r;
    const ModelInfo* rule = findPlasticityRule(s.rule);
    if (!rule) {
      error(w, "plasticity.rule",
            "unknown plasticity rule '" + s.rule + "' (known: " + plasticityRuleNames() + ")");
      return s;
    }
    if (auto it = j.find("params"); it != j.end() && expectObject(w, *it, "plasticity.params")) {
      params(w, *it, rule->params, "rule '" + s.rule + "'", "plasticity.params.", s.params);
    }
    return s;
  }

  MonitorSpec monitor(const json& j, size_t index) {
    MonitorSpec m;
    Where w{ObjectKind::Monitor, std::to_string(index)};
    if (!expectObject(w, j, "")) return m;
    checkKeys(w, j, "", keysAt(monitorFields(), ""));
    if (auto it = j.find("type"); it == j.end()) {
      error(w, "type", "is missing");
    } else if (auto t = string(w, *it, "type")) {
      if (*t == "spikes")
        m.type = MonitorSpec::Type::Spikes;
      else if (*t == "state")
        m.type = MonitorSpec::Type::State;
      else if (*t == "rate")
        m.type = MonitorSpec::Type::Rate;
      else
        error(w, "type", "unknown monitor type '" + *t + "' (known: spikes, state, rate)");
    }
    if (auto it = j.find("target"); it == j.end()) {
      error(w, "target", "is missing");
    } else if (auto t = string(w, *it, "target")) {
      m.target = *t;
    }
    fields(w, j, monitorFields(), "", m, {"type", "target", "neurons"});
    if (auto it = j.find("neurons"); it != j.end() && expectArray(w, *it, "neurons"))
      for (size_t i = 0; i < it->size(); ++i)
        if (auto n = integer(w, (*it)[i], "neurons[" + std::to_string(i) + "]"))
          m.neurons.push_back(*n);
    return m;
  }

  ExperimentSpec experiment(const json& j) {
    ExperimentSpec e;
    Where w{ObjectKind::Experiment, ""};
    if (!expectObject(w, j, "")) return e;
    checkKeys(w, j, "", keysAt(experimentFields(), ""));
    fields(w, j, experimentFields(), "", e, {"seed"});
    if (auto it = j.find("seed"); it != j.end()) {  // by hand: a negative seed has no uint64
      if (auto v = integer(w, *it, "seed")) {
        if (*v < 0)
          error(w, "seed", "must be >= 0");
        else
          e.seed = static_cast<uint64_t>(*v);
      }
    }
    return e;
  }

  TrainingSpec training(const json& j) {
    TrainingSpec t;
    Where w{ObjectKind::Training, ""};
    if (!expectObject(w, j, "")) return t;
    std::vector<std::string> keys = keysAt(trainingFields(), "");
    keys.push_back("params");
    checkKeys(w, j, "", keys);
    if (auto it = j.find("method"); it == j.end()) {
      error(w, "method", "is missing");
    } else if (auto m = string(w, *it, "method")) {
      t.method = *m;
    }
    fields(w, j, trainingFields(), "", t, {"method"});
    const TrainerEntry* method = TrainerRegistry::instance().find(t.method);
    if (auto it = j.find("params"); it != j.end() && expectObject(w, *it, "params") && method) {
      params(w, *it, method->params, "method '" + t.method + "'", "params.", t.params);
    }
    return t;
  }

  // The "energy" block (EnergySpec), its fields named "energy.chip", "energy.constants.KEY"...
  EnergySpec energy(const json& j) {
    EnergySpec e;
    const Where w{ObjectKind::File, ""};
    if (!expectObject(w, j, "energy")) return e;
    checkKeys(w, j, "energy.", keysAt(energyFields(), ""));
    for (const Field<EnergySpec>& f : energyFields()) {
      auto it = j.find(f.info.name);
      if (!f.set || it == j.end()) continue;
      const std::string field = "energy." + f.info.name;
      auto word = string(w, *it, field);
      if (word &&
          std::find(f.info.choices.begin(), f.info.choices.end(), *word) == f.info.choices.end())
        error(w, field, "unknown '" + *word + "'");
      else if (word)
        f.set(e, *word);
    }
    if (auto it = j.find("constants"); it != j.end() && expectObject(w, *it, "energy.constants")) {
      EnergyTable table;
      for (auto c = it->begin(); c != it->end(); ++c) {
        const std::string field = "energy.constants." + c.key();
        auto value = number(w, *c, field);
        if (!value) continue;
        try {
          table.set(c.key(), *value);
          e.constants[c.key()] = *value;
        } catch (const std::invalid_argument& problem) {
          error(w, field, problem.what());
        }
      }
    }
    return e;
  }

  void layout(const json& j, Project& project) {
    Where w{ObjectKind::File, ""};
    if (!expectObject(w, j, "layout")) return;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string field = "layout." + it.key();
      if (!expectObject(w, *it, field)) continue;
      if (auto c = it->find("color"); c != it->end()) {
        auto cv = number(w, *c, field + ".color");
        if (cv && (*cv < 0 || *cv >= kNodeColorCount || *cv != std::floor(*cv)))
          error(w, field + ".color",
                "expected a whole number from 0 to " + std::to_string(kNodeColorCount - 1));
        else if (cv)
          project.colors[it.key()] = static_cast<int>(*cv);
        if (it->size() == 1) continue;  // a colour without a position: the canvas places it
      }
      auto x = it->find("x"), y = it->find("y");
      if (x == it->end() || y == it->end()) {
        error(w, field, "expected {\"x\": number, \"y\": number}");
        continue;
      }
      auto xv = number(w, *x, field + ".x"), yv = number(w, *y, field + ".y");
      if (xv && yv) project.layout[it.key()] = {*xv, *yv};
    }
  }
};

}  // namespace

ProjectParseResult parseProject(std::string_view text) {
  ProjectParseResult result;
  ProjectReader r;
  const Where file{ObjectKind::File, ""};
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    // nlohmann's message carries its own prefix; keep the part after "parse error ...: ".
    if (auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    const bool atEnd = e.byte >= text.size();
    r.error(file, "",
            std::string(atEnd ? "the file ends too early (truncated?)" : "is not valid JSON") +
                " at " + lineAndColumn(text, e.byte > 0 ? e.byte - 1 : 0) + ": " + what);
    result.diagnostics = std::move(r.diagnostics);
    return result;
  } catch (const json::exception& e) {  // e.g. out_of_range: a number like 1e999 overflows
    std::string what = e.what();
    if (auto bracket = what.find("] "); bracket != std::string::npos)
      what = what.substr(bracket + 2);
    r.error(file, "", "cannot be read: " + what);
    result.diagnostics = std::move(r.diagnostics);
    return result;
  }
  if (!doc.is_object()) {
    r.error(file, "", "expected a JSON object at the top level, got " + jsonTypeName(doc));
    result.diagnostics = std::move(r.diagnostics);
    return result;
  }
  auto format = doc.find("format");
  if (format == doc.end() || !format->is_string() || *format != kProjectFormat) {
    r.error(file, "format",
            std::string("must be \"") + kProjectFormat + "\" (is this an SNN Workbench project?)");
  }
  auto version = doc.find("version");
  if (version == doc.end()) {
    r.error(file, "version", "is missing");
  } else if (auto v = r.integer(file, *version, "version")) {
    if (*v > kProjectVersion) {
      r.error(file, "version",
              "is " + std::to_string(*v) +
                  ": the file was written by a newer SNN Workbench; this "
                  "one reads version " +
                  std::to_string(kProjectVersion) + " and will not guess");
    } else if (*v < 1) {
      r.error(file, "version", "must be >= 1");
    }
  }
  if (!r.diagnostics.empty()) {  // not a project we understand: read nothing more
    result.diagnostics = std::move(r.diagnostics);
    return result;
  }
  r.checkKeys(file, doc, "",
              {"format", "version", "network", "experiment", "training", "energy", "layout"});
  Project& p = result.project;
  if (auto net = doc.find("network"); net == doc.end()) {
    r.error(file, "network", "is missing");
  } else if (r.expectObject(file, *net, "network")) {
    const Where network{ObjectKind::Network, ""};
    r.checkKeys(network, *net, "", {"populations", "projections", "monitors", "crossbars", "anns"});
    if (auto it = net->find("populations");
        it != net->end() && r.expectArray(network, *it, "populations"))
      for (size_t i = 0; i < it->size(); ++i)
        p.network.populations.push_back(r.population((*it)[i], i));
    if (auto it = net->find("projections");
        it != net->end() && r.expectArray(network, *it, "projections"))
      for (size_t i = 0; i < it->size(); ++i)
        p.network.projections.push_back(r.projection((*it)[i], i));
    if (auto it = net->find("monitors");
        it != net->end() && r.expectArray(network, *it, "monitors"))
      for (size_t i = 0; i < it->size(); ++i) p.network.monitors.push_back(r.monitor((*it)[i], i));
    if (auto it = net->find("crossbars");
        it != net->end() && r.expectArray(network, *it, "crossbars"))
      for (size_t i = 0; i < it->size(); ++i)
        p.network.crossbars.push_back(r.crossbar((*it)[i], i));
    if (auto it = net->find("anns"); it != net->end() && r.expectArray(network, *it, "anns"))
      for (size_t i = 0; i < it->size(); ++i) p.network.anns.push_back(readAnnNode(r, (*it)[i], i));
  }
  if (auto it = doc.find("experiment"); it != doc.end()) p.experiment = r.experiment(*it);
  if (auto it = doc.find("training"); it != doc.end()) p.training = r.training(*it);
  if (auto it = doc.find("energy"); it != doc.end()) p.energy = r.energy(*it);
  if (auto it = doc.find("layout"); it != doc.end()) r.layout(*it, p);
  result.diagnostics = std::move(r.diagnostics);
  return result;
}

}  // namespace snn
