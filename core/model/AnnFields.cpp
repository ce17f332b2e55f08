#include "AnnFields.h"

#include <stdexcept>

namespace snn {

namespace {

constexpr std::string_view kInputPrefix = "input.";
constexpr std::string_view kLayersPrefix = "layers.";

// A layer field's path split into the layer and the setting: the setting is after the last dot
// (settings have none), so a layer id may itself hold dots.
struct LayerField {
  const AnnLayerSpec* layer = nullptr;
  std::string setting;
};

LayerField layerField(const AnnSpec& ann, std::string_view field) {
  if (field.substr(0, kLayersPrefix.size()) != kLayersPrefix) return {};
  const std::string_view rest = field.substr(kLayersPrefix.size());
  const size_t dot = rest.rfind('.');
  if (dot == std::string_view::npos) return {};
  return {ann.findLayer(rest.substr(0, dot)), std::string(rest.substr(dot + 1))};
}

const ParamInfo* findInfo(const std::vector<ParamInfo>& schema, std::string_view name) {
  for (const ParamInfo& p : schema)
    if (p.name == name) return &p;
  return nullptr;
}

int* inputDimension(AnnShape& shape, std::string_view name) {
  if (name == "channels") return &shape.channels;
  if (name == "height") return &shape.height;
  if (name == "width") return &shape.width;
  return nullptr;
}

}  // namespace

std::optional<ParamInfo> annFieldSchema(const AnnNodeSpec& ann, std::string_view field) {
  const ParamInfo* info = nullptr;
  if (field.substr(0, kInputPrefix.size()) == kInputPrefix) {
    info = findInfo(annInputParams(), field.substr(kInputPrefix.size()));
  } else if (LayerField f = layerField(ann.ann, field); f.layer) {
    info = findInfo(annLayerParams(f.layer->type), f.setting);
  }
  if (!info) return std::nullopt;
  ParamInfo out = *info;
  out.name = std::string(field);
  out.effect = RunEffect::Structural;
  return out;
}

std::vector<std::string> annFieldNames(const AnnNodeSpec& ann) {
  std::vector<std::string> names;
  for (const ParamInfo& p : annInputParams()) names.push_back(std::string(kInputPrefix) + p.name);
  for (const AnnLayerSpec& l : ann.ann.layers)
    for (const ParamInfo& p : annLayerParams(l.type))
      names.push_back(std::string(kLayersPrefix) + l.id + "." + p.name);
  return names;
}

std::optional<ParamValue> annField(const AnnNodeSpec& ann, std::string_view field) {
  if (!annFieldSchema(ann, field)) return std::nullopt;
  if (field.substr(0, kInputPrefix.size()) == kInputPrefix) {
    AnnShape shape = ann.ann.input;
    return ValueSpec::constant(*inputDimension(shape, field.substr(kInputPrefix.size())));
  }
  const LayerField f = layerField(ann.ann, field);
  return ValueSpec::constant(annLayerParam(*f.layer, f.setting));
}

void setAnnField(AnnNodeSpec& ann, std::string_view field, const std::optional<ParamValue>& value) {
  const std::optional<ParamInfo> info = annFieldSchema(ann, field);
  if (!info)
    throw std::invalid_argument(describeObject(ObjectKind::Ann, ann.id) + ": no field '" +
                                std::string(field) + "'");
  const ValueSpec* v = value ? std::get_if<ValueSpec>(&*value) : nullptr;
  if (value && (!v || !v->isScalar()))
    throw std::invalid_argument(describeObject(ObjectKind::Ann, ann.id) + ", field '" +
                                std::string(field) + "': expected a number");
  const double number = v ? v->scalar : info->defaultValue;
  if (field.substr(0, kInputPrefix.size()) == kInputPrefix) {
    *inputDimension(ann.ann.input, field.substr(kInputPrefix.size())) = static_cast<int>(number);
    return;
  }
  const LayerField f = layerField(ann.ann, field);
  for (AnnLayerSpec& l : ann.ann.layers)
    if (&l == f.layer) setAnnLayerParam(l, f.setting, number);
}

std::vector<Diagnostic> validateAnnNode(const AnnNodeSpec& ann) {
  try {
    inferAnnShapes(ann.ann);
    return {};
  } catch (const SpecError& e) {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : e.diagnostics()) {
      std::string field = d.field;
      if (d.kind == ObjectKind::AnnLayer)
        field = std::string(kLayersPrefix) + d.objectId + (field.empty() ? "" : "." + field);
      else if (field == "mean" || field == "std")
        field = std::string(kInputPrefix) + field;  // where the file holds them
      out.push_back({ObjectKind::Ann, ann.id, field, d.message});
    }
    return out;
  }
}

}  // namespace snn
