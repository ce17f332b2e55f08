// Project -> JSON text, and the load/save entry points.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "AnnJson.h"
#include "AtomicFile.h"
#include "PackedArray.h"
#include "ProjectJson.h"
#include "energy/EnergyFields.h"
#include "learning/TrainerRegistry.h"
#include "model/ObjectFields.h"
#include "plasticity/PlasticityRules.h"
#include "project/ProjectValidator.h"
#include "sim/NeuronModelRegistry.h"

namespace snn {

namespace {

using ojson = nlohmann::ordered_json;

ojson valueJson(const ValueSpec& v) {
  switch (v.kind) {
    case ValueSpec::Kind::Scalar:
      return v.scalar;
    case ValueSpec::Kind::Array:
      if (v.array.size() >= kPackFromValues)
        return packArray(v.array, {static_cast<int64_t>(v.array.size())});
      return v.array;
    case ValueSpec::Kind::Uniform:
      return ojson{{"uniform", {v.a, v.b}}};
    case ValueSpec::Kind::Normal:
      return ojson{{"normal", {v.a, v.b}}};
  }
  return v.scalar;
}

ojson paramJson(const ParamValue& value) {
  return std::visit(
      [](const auto& x) -> ojson {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, ValueSpec>)
          return valueJson(x);
        else
          return ojson(x);
      },
      value);
}

// The fields of `table` at `prefix` that have a value, each as its kind is written (a Flag as
// true/false, a Shape as [c, h, w], a whole number as an integer).
template <class Spec>
void writeFields(ojson& j, const std::vector<Field<Spec>>& table, std::string_view prefix,
                 const Spec& spec, std::initializer_list<std::string_view> byHand = {}) {
  for (const Field<Spec>& f : table) {
    if (!f.get || f.info.name.substr(0, prefix.size()) != prefix) continue;
    const std::string key = f.info.name.substr(prefix.size());
    if (key.find('.') != std::string::npos ||
        std::find(byHand.begin(), byHand.end(), key) != byHand.end())
      continue;
    const std::optional<ParamValue> v = f.get(spec);
    if (!v) continue;
    const ValueSpec* number = std::get_if<ValueSpec>(&*v);
    if (f.info.kind == ParamKind::Flag && number)
      j[key] = number->scalar != 0.0;
    else if (f.info.integer && number && number->isScalar())
      j[key] = static_cast<int64_t>(number->scalar);
    else if (f.info.kind == ParamKind::Shape && std::get<Sequence>(*v).empty())
      continue;
    else
      j[key] = paramJson(*v);
  }
}

ojson populationJson(const PopulationSpec& p) {
  ojson j;
  j["id"] = p.id;
  j["model"] = p.model;
  j["size"] = p.size;
  if (p.shape) j["shape"] = {p.shape->channels, p.shape->height, p.shape->width};
  if (!p.params.empty()) {
    ojson params = ojson::object();
    // Schema order reads best; anything the schema does not know (an invalid project being
    // saved from the editor) follows in name order so nothing is lost.
    const NeuronModelEntry* model = NeuronModelRegistry::instance().find(p.model);
    if (model)
      for (const ParamInfo& info : model->info->params)
        if (auto it = p.params.find(info.name); it != p.params.end())
          params[info.name] = paramJson(it->second);
    for (const auto& [name, value] : p.params)
      if (!params.contains(name)) params[name] = paramJson(value);
    j["params"] = std::move(params);
  }
  if (!p.init.empty()) {
    ojson init = ojson::object();
    for (const auto& [name, value] : p.init) init[name] = valueJson(value);
    j["init"] = std::move(init);
  }
  if (p.feed) {
    ojson feed = ojson::object();
    writeFields(feed, populationFields(), "feed.", p);
    j["feed"] = std::move(feed);
  }
  return j;
}

ojson connectorJson(const ConnectorSpec& c) {
  ojson j;
  j["type"] = connectorTypeName(c.type);
  if (c.type == ConnectorSpec::Type::Random) j["p"] = c.p;
  if (c.type == ConnectorSpec::Type::FixedInDegree) j["n"] = c.n;
  if (!c.allowSelf) j["allow_self"] = false;
  if (c.isShaped()) {
    if (c.type == ConnectorSpec::Type::AvgPool2d) {
      j["window_h"] = c.windowH;
      j["window_w"] = c.windowW;
    }
    j["stride_h"] = c.strideH;
    j["stride_w"] = c.strideW;
    j["pad_h"] = c.padH;
    j["pad_w"] = c.padW;
  }
  if (c.type == ConnectorSpec::Type::Conv2d) {
    const std::vector<double> kernel(c.kernel.begin(), c.kernel.end());
    j["kernel"] = packArray(kernel, c.kernelShape, true);
  }
  if (c.type == ConnectorSpec::Type::FromList) {
    ojson list = ojson::array();
    for (const auto& e : c.list) {
      ojson row = {e.pre, e.post};
      if (e.weight || e.delay) row.push_back(e.weight.value_or(0.0));
      if (e.delay) row.push_back(*e.delay);
      list.push_back(std::move(row));
    }
    j["list"] = std::move(list);
  }
  return j;
}

ojson projectionJson(const ProjectionSpec& p) {
  ojson j;
  j["id"] = p.id;
  j["pre"] = p.pre;
  j["post"] = p.post;
  j["receptor"] = receptorName(p.receptor);
  j["connector"] = connectorJson(p.connector);
  j["weight"] = valueJson(p.weight);
  j["delay"] = valueJson(p.delay);
  if (!p.crossbar.empty()) j["crossbar"] = p.crossbar;
  if (p.plasticity) {
    ojson params = ojson::object();
    // Schema order, then anything the schema does not know (as for population params).
    if (const ModelInfo* rule = findPlasticityRule(p.plasticity->rule))
      for (const ParamInfo& info : rule->params)
        if (auto it = p.plasticity->params.find(info.name); it != p.plasticity->params.end())
          params[info.name] = paramJson(it->second);
    for (const auto& [name, value] : p.plasticity->params)
      if (!params.contains(name)) params[name] = paramJson(value);
    j["plasticity"] = {{"rule", p.plasticity->rule}, {"params", std::move(params)}};
  }
  return j;
}

ojson crossbarJson(const CrossbarSpec& c) {
  const auto& table = crossbarObjectFields();
  ojson j;
  j["id"] = c.id;
  writeFields(j, table, "", c);
  // The device: its preset and only the values the project overrides (schema order, then any
  // the schema does not know, so that saving an invalid project loses nothing).
  ojson device;
  device["preset"] = c.device.preset;
  for (const Field<CrossbarSpec>& f : table) {
    if (f.info.name.rfind("device.", 0) != 0) continue;
    const std::string key = f.info.name.substr(7);
    auto it = c.device.params.find(key);
    if (it == c.device.params.end()) continue;
    const ValueSpec* n = std::get_if<ValueSpec>(&it->second);
    if (f.info.integer && n && n->isScalar())
      device[key] = static_cast<int64_t>(n->scalar);
    else
      device[key] = paramJson(it->second);
  }
  for (const auto& [name, value] : c.device.params)
    if (!device.contains(name)) device[name] = paramJson(value);
  j["device"] = std::move(device);
  for (const char* section : {"array", "mapping", "programming", "faults"}) {
    ojson o = ojson::object();
    writeFields(o, table, std::string(section) + ".", c);
    j[section] = std::move(o);
  }
  if (c.hasConductances()) j["conductances"] = packArray(c.conductances, {c.rows, c.cols});
  if (!c.stuckCells.empty()) {
    ojson cells = ojson::array();
    for (const CrossbarStuckCell& s : c.stuckCells)
      cells.push_back({s.row, s.col, s.on ? "on" : "off"});
    j["stuck_cells"] = std::move(cells);
  }
  return j;
}

ojson monitorJson(const MonitorSpec& m) {
  ojson j;
  j["type"] = monitorTypeName(m.type);
  j["target"] = m.target;
  if (m.type == MonitorSpec::Type::State) j["variable"] = m.variable;
  if (!m.neurons.empty()) j["neurons"] = m.neurons;
  if (m.type == MonitorSpec::Type::State && m.every != 1) j["every"] = m.every;
  return j;
}

}  // namespace

std::string serializeProject(const Project& project) {
  ojson doc;
  doc["format"] = kProjectFormat;
  doc["version"] = kProjectVersion;
  ojson network;
  network["populations"] = ojson::array();
  for (const auto& p : project.network.populations)
    network["populations"].push_back(populationJson(p));
  network["projections"] = ojson::array();
  for (const auto& p : project.network.projections)
    network["projections"].push_back(projectionJson(p));
  network["monitors"] = ojson::array();
  for (const auto& m : project.network.monitors) network["monitors"].push_back(monitorJson(m));
  if (!project.network.crossbars.empty()) {
    network["crossbars"] = ojson::array();
    for (const auto& c : project.network.crossbars) network["crossbars"].push_back(crossbarJson(c));
  }
  if (!project.network.anns.empty()) {
    network["anns"] = ojson::array();
    for (const auto& a : project.network.anns) network["anns"].push_back(annNodeJson(a));
  }
  doc["network"] = std::move(network);
  ojson experiment = ojson::object();
  writeFields(experiment, experimentFields(), "", project.experiment, {"seed"});
  experiment["seed"] = project.experiment.seed;  // unsigned 64-bit: beyond a double
  doc["experiment"] = std::move(experiment);
  if (const auto& t = project.training) {
    ojson training;
    writeFields(training, trainingFields(), "", *t, {"input", "output", "ann"});
    if (!t->input.empty()) training["input"] = t->input;
    if (!t->output.empty()) training["output"] = t->output;
    if (!t->ann.empty()) training["ann"] = t->ann;
    ojson params = ojson::object();
    const TrainerEntry* method = TrainerRegistry::instance().find(t->method);
    if (method)
      for (const ParamInfo& info : method->params)
        if (auto it = t->params.find(info.name); it != t->params.end())
          params[info.name] = paramJson(it->second);
    for (const auto& [name, value] : t->params)
      if (!params.contains(name)) params[name] = paramJson(value);
    training["params"] = std::move(params);
    doc["training"] = std::move(training);
  }
  if (const auto& e = project.energy) {
    ojson energy;
    writeFields(energy, energyFields(), "", *e);
    if (!e->constants.empty()) energy["constants"] = e->constants;
    doc["energy"] = std::move(energy);
  }
  ojson layout = ojson::object();
  for (const auto& [id, pos] : project.layout) layout[id] = {{"x", pos.x}, {"y", pos.y}};
  for (const auto& [id, color] : project.colors) layout[id]["color"] = color;
  doc["layout"] = std::move(layout);
  return doc.dump(2) + "\n";
}

ProjectParseResult readProjectFile(const std::filesystem::path& path) {
  std::string text;
  try {
    text = readTextFile(path);
  } catch (const std::exception& e) {
    throw SpecError(Diagnostic{ObjectKind::File, path.string(), "", e.what()});
  }
  ProjectParseResult parsed = parseProject(text);
  for (Diagnostic& d : parsed.diagnostics)
    if (d.kind == ObjectKind::File && d.objectId.empty()) d.objectId = path.string();
  return parsed;
}

Project loadProject(const std::filesystem::path& path) {
  ProjectParseResult parsed = readProjectFile(path);
  if (!parsed.ok()) throw SpecError(std::move(parsed.diagnostics));
  std::vector<Diagnostic> problems = validateProject(parsed.project);
  if (!problems.empty()) throw SpecError(std::move(problems));
  return std::move(parsed.project);
}

void saveProject(const Project& project, const std::filesystem::path& path) {
  AtomicFile file(path);
  file.stream() << serializeProject(project);
  file.commit();
}

}  // namespace snn
