#include "FieldPath.h"

#include <charconv>
#include <cmath>

#include "FieldSchemas.h"
#include "model/NodeKinds.h"
#include "model/ObjectFields.h"

namespace snn {

namespace {

[[noreturn]] void refuse(std::string_view path, const std::string& why) {
  throw SpecError(Diagnostic{ObjectKind::File, "", std::string(path), why});
}

std::pair<std::string_view, std::string_view> head(std::string_view s) {
  const size_t dot = s.find('.');
  if (dot == std::string_view::npos) return {s, {}};
  return {s.substr(0, dot), s.substr(dot + 1)};
}

}  // namespace

FieldPath parseFieldPath(const Project& project, std::string_view path) {
  auto [list, rest] = head(path);
  FieldPath out;
  if (list == "experiment" || list == "training") {
    out.kind = list == "experiment" ? ObjectKind::Experiment : ObjectKind::Training;
    out.field = std::string(rest);
  } else {
    auto [id, field] = head(rest);
    out.id = std::string(id);
    out.field = std::string(field);
    if (list == "projections") {
      out.kind = ObjectKind::Projection;
    } else if (list == "monitors") {
      out.kind = ObjectKind::Monitor;
    } else {
      const NodeKindInfo* kind = nullptr;
      for (const NodeKindInfo& k : nodeKinds())
        if (list == k.jsonKey) kind = &k;
      if (!kind)
        refuse(path, "starts with '" + std::string(list) +
                         "': expected experiment, training, projections, monitors or a node "
                         "list (populations, crossbars)");
      out.kind = kind->kind;
    }
  }
  if (out.field.empty()) refuse(path, "names no field (e.g. crossbars.xb1.device.levels)");
  if (!out.id.empty() && out.kind != ObjectKind::Monitor &&
      project.network.kindOf(out.id) != out.kind)
    refuse(path, "names no object '" + out.id + "' of that kind");
  return out;
}

void setFieldFromText(Project& project, std::string_view path, std::string_view text) {
  const FieldPath f = parseFieldPath(project, path);
  const std::optional<ParamInfo> info = fieldSchema(project, f.kind, f.id, f.field);
  if (!info)
    throw SpecError(Diagnostic{f.kind, f.id, f.field,
                               "no such object or field (path '" + std::string(path) + "')"});
  ParamValue value;
  switch (info->kind) {
    case ParamKind::Choice:
    case ParamKind::Text:
    case ParamKind::Reference:
      value = std::string(text);
      break;
    case ParamKind::PerNeuron:
    case ParamKind::Scalar:
    case ParamKind::Flag: {
      double v = 0.0;
      const std::string s(text);
      char* end = nullptr;
      v = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size())
        throw SpecError(Diagnostic{f.kind, f.id, f.field, "'" + s + "' is not a number"});
      value = ValueSpec::constant(v);
      break;
    }
    default:
      throw SpecError(
          Diagnostic{f.kind, f.id, f.field, "cannot be set from the command line (a table)"});
  }
  if (auto problem = checkParamValue(*info, value, 1))
    throw SpecError(Diagnostic{f.kind, f.id, f.field, *problem});
  try {
    setField(project, f.kind, f.id, f.field, value);
  } catch (const std::invalid_argument& e) {
    throw SpecError(Diagnostic{f.kind, f.id, f.field, e.what()});
  }
}

}  // namespace snn
