#include "AnnJson.h"

#include <cmath>

#include "PackedArray.h"

namespace snn {

namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;
using Where = JsonFieldReader::Where;

// Nested lists of numbers ([[1, 2], [3, 4]]) as a tensor: the shape is read from the nesting,
// and every list at one depth must have the same length.
class NestedListReader {
 public:
  explicit NestedListReader(AnnTensor& out) : out_(out) {}

  // An error message, or empty on success.
  std::string read(const json& j) {
    if (!j.is_array()) return "expected a list of numbers or a packed array, got a " + kind(j);
    return visit(j, 0);
  }

 private:
  static std::string kind(const json& j) { return jsonTypeName(j); }

  std::string visit(const json& j, size_t depth) {
    if (j.is_array()) {
      if (depth == out_.shape.size()) {
        if (!out_.values.empty()) return "the nesting of lists is not regular";
        out_.shape.push_back(static_cast<int64_t>(j.size()));
      } else if (depth > out_.shape.size() || out_.shape[depth] != int64_t(j.size())) {
        return "lists at depth " + std::to_string(depth + 1) + " differ in length";
      }
      if (depth >= 8) return "more than 8 levels of nesting";
      for (const json& item : j)
        if (std::string e = visit(item, depth + 1); !e.empty()) return e;
      return {};
    }
    if (!j.is_number()) return "expected numbers, got a " + kind(j);
    if (depth != out_.shape.size()) return "the nesting of lists is not regular";
    out_.values.push_back(j.get<float>());
    return {};
  }

  AnnTensor& out_;
};

void readTensor(JsonFieldReader& r, const Where& w, const json& j, const std::string& field,
                AnnTensor& out) {
  if (isPackedArray(j)) {
    try {
      UnpackedArray a = unpackArray(j);
      out.shape = std::move(a.shape);
      out.values.assign(a.values.begin(), a.values.end());
    } catch (const std::exception& e) {
      r.error(w, field, std::string("packed array: ") + e.what());
    }
    return;
  }
  if (std::string problem = NestedListReader(out).read(j); !problem.empty()) {
    r.error(w, field, problem);
    out = {};
  }
}

void readLayer(JsonFieldReader& r, const Where& w, const json& j, size_t index, AnnLayerSpec& l) {
  std::string prefix = "layers.#" + std::to_string(index);
  if (!r.expectObject(w, j, prefix)) return;
  if (auto it = j.find("id"); it == j.end()) {
    r.error(w, prefix + ".id", "is missing");
  } else if (auto id = r.string(w, *it, prefix + ".id")) {
    l.id = *id;
    prefix = "layers." + l.id;
  }
  auto type = j.find("type");
  if (type == j.end()) {
    r.error(w, prefix + ".type", "is missing");
    return;
  }
  auto name = r.string(w, *type, prefix + ".type");
  if (!name) return;
  auto t = annLayerTypeFromName(*name);
  if (!t) {
    r.error(w, prefix + ".type",
            "unknown layer type '" + *name + "' (known: " + annLayerTypeNames() + ")");
    return;
  }
  l.type = *t;
  const std::vector<ParamInfo>& schema = annLayerParams(l.type);
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const std::string field = prefix + "." + key;
    if (key == "id" || key == "type") continue;
    if (key == "weight" || key == "bias") {
      readTensor(r, w, *it, field, key == "weight" ? l.weight : l.bias);
      continue;
    }
    const ParamInfo* info = nullptr;
    for (const ParamInfo& p : schema)
      if (p.name == key) info = &p;
    if (!info) {
      std::string known;
      for (const ParamInfo& p : schema) known += p.name + ", ";
      r.error(w, field,
              "is not a setting of a " + *name + " layer (known: " + known + "weight, bias)");
      continue;
    }
    std::optional<double> v;
    if (info->integer) {
      if (auto n = r.integer(w, *it, field)) v = double(*n);
    } else {
      v = r.number(w, *it, field);
    }
    if (!v) continue;
    if (!info->inRange(*v)) {  // before it is narrowed into the layer's int
      r.error(w, field, info->rangeText() + " (got " + it->dump() + ")");
      continue;
    }
    setAnnLayerParam(l, key, *v);
  }
}

void readInput(JsonFieldReader& r, const Where& w, const json& j, AnnSpec& ann) {
  if (!r.expectObject(w, j, "input")) return;
  r.checkKeys(w, j, "input.", {"channels", "height", "width", "mean", "std"});
  int* dims[] = {&ann.input.channels, &ann.input.height, &ann.input.width};
  for (size_t k = 0; k < 3; ++k) {
    const ParamInfo& info = annInputParams()[k];
    const std::string field = "input." + info.name;
    auto it = j.find(info.name);
    if (it == j.end()) {
      r.error(w, field, "is missing");
      continue;
    }
    if (auto n = r.integer(w, *it, field)) {
      if (info.inRange(double(*n)))
        *dims[k] = static_cast<int>(*n);
      else
        r.error(w, field, info.rangeText() + " (got " + std::to_string(*n) + ")");
    }
  }
  for (const char* key : {"mean", "std"})
    if (auto it = j.find(key); it != j.end())
      if (auto v = r.numbers(w, *it, std::string("input.") + key))
        (std::string_view(key) == "mean" ? ann.mean : ann.std).assign(v->begin(), v->end());
}

ojson tensorJson(const AnnTensor& t) {
  const std::vector<double> values(t.values.begin(), t.values.end());
  return packArray(values, t.shape, true);
}

}  // namespace

AnnNodeSpec readAnnNode(JsonFieldReader& r, const json& j, size_t index) {
  AnnNodeSpec a;
  Where w{ObjectKind::Ann, "#" + std::to_string(index)};
  if (!r.expectObject(w, j, "")) return a;
  a.id = r.id(w, j);
  r.checkKeys(w, j, "", {"id", "input", "layers"});
  if (auto it = j.find("input"); it == j.end())
    r.error(w, "input", "is missing");
  else
    readInput(r, w, *it, a.ann);
  if (auto it = j.find("layers"); it == j.end()) {
    r.error(w, "layers", "is missing");
  } else if (r.expectArray(w, *it, "layers")) {
    a.ann.layers.resize(it->size());
    for (size_t i = 0; i < it->size(); ++i) readLayer(r, w, (*it)[i], i, a.ann.layers[i]);
  }
  return a;
}

ojson annNodeJson(const AnnNodeSpec& a) {
  ojson j;
  j["id"] = a.id;
  const AnnSpec& ann = a.ann;
  ojson input{
      {"channels", ann.input.channels}, {"height", ann.input.height}, {"width", ann.input.width}};
  if (!ann.mean.empty() || !ann.std.empty()) {
    input["mean"] = ann.mean;
    input["std"] = ann.std;
  }
  j["input"] = std::move(input);
  ojson layers = ojson::array();
  for (const AnnLayerSpec& l : ann.layers) {
    ojson lj{{"id", l.id}, {"type", annLayerTypeName(l.type)}};
    for (const ParamInfo& p : annLayerParams(l.type)) {
      const double v = annLayerParam(l, p.name);
      if (p.integer)
        lj[p.name] = static_cast<int64_t>(v);
      else
        lj[p.name] = v;
    }
    if (!l.weight.empty()) lj["weight"] = tensorJson(l.weight);
    if (!l.bias.empty()) lj["bias"] = tensorJson(l.bias);
    layers.push_back(std::move(lj));
  }
  j["layers"] = std::move(layers);
  return j;
}

}  // namespace snn
