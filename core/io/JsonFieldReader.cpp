#include "JsonFieldReader.h"

#include "PackedArray.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace snn {

std::string jsonTypeName(const nlohmann::json& j) {
  if (j.is_number_integer() || j.is_number_unsigned()) return "an integer";
  if (j.is_number()) return "a number";
  if (j.is_boolean()) return "a boolean";
  if (j.is_string()) return "a string";
  if (j.is_array()) return "an array";
  if (j.is_object()) return "an object";
  return "null";
}

void JsonFieldReader::error(const Where& w, const std::string& field, const std::string& message) {
  diagnostics.push_back({w.kind, w.id, field, message});
}

bool JsonFieldReader::expectObject(const Where& w, const json& j, const std::string& field) {
  if (j.is_object()) return true;
  error(w, field, "expected an object, got " + jsonTypeName(j));
  return false;
}

bool JsonFieldReader::expectArray(const Where& w, const json& j, const std::string& field) {
  if (j.is_array()) return true;
  error(w, field, "expected an array, got " + jsonTypeName(j));
  return false;
}

// Reports every key of `obj` that is not in `known`.
void JsonFieldReader::checkKeys(const Where& w, const json& obj, const std::string& prefix,
                                std::initializer_list<const char*> known) {
  checkKeys(w, obj, prefix, std::vector<std::string>(known.begin(), known.end()));
}

void JsonFieldReader::checkKeys(const Where& w, const json& obj, const std::string& prefix,
                                const std::vector<std::string>& known) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool found = false;
    std::string list;
    for (const std::string& k : known) {
      found = found || it.key() == k;
      list += (list.empty() ? "" : ", ") + k;
    }
    if (!found) error(w, prefix + it.key(), "unknown field (known: " + list + ")");
  }
}

std::vector<std::string> JsonFieldReader::keysAt(const std::vector<ParamInfo>& fields,
                                                 std::string_view prefix) {
  std::vector<std::string> keys;
  for (const ParamInfo& f : fields) {
    if (f.name.substr(0, prefix.size()) != prefix) continue;
    const std::string rest = f.name.substr(prefix.size());
    std::string key = rest.substr(0, rest.find('.'));  // "feed.present_ms" -> "feed" at ""
    if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end())
      keys.push_back(std::move(key));
  }
  return keys;
}

std::optional<double> JsonFieldReader::number(const Where& w, const json& j,
                                              const std::string& field) {
  if (!j.is_number()) {
    error(w, field, "expected a number, got " + jsonTypeName(j));
    return std::nullopt;
  }
  const double v = j.get<double>();
  if (!std::isfinite(v)) {
    error(w, field, "must be a finite number");
    return std::nullopt;
  }
  return v;
}

std::optional<int64_t> JsonFieldReader::integer(const Where& w, const json& j,
                                                const std::string& field) {
  if (j.is_number_unsigned() && j.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max())) {
    error(w, field, "is too large");
    return std::nullopt;
  }
  if (j.is_number_integer()) return j.get<int64_t>();
  if (j.is_number_float()) {
    const double v = j.get<double>();
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 9e18)
      return static_cast<int64_t>(v);
  }
  error(w, field, "expected a whole number, got " + (j.is_number() ? j.dump() : jsonTypeName(j)));
  return std::nullopt;
}

std::optional<std::string> JsonFieldReader::string(const Where& w, const json& j,
                                                   const std::string& field) {
  if (j.is_string()) return j.get<std::string>();
  error(w, field, "expected a string, got " + jsonTypeName(j));
  return std::nullopt;
}

std::optional<std::vector<double>> JsonFieldReader::numbers(const Where& w, const json& j,
                                                            const std::string& field) {
  if (isPackedArray(j)) {  // {"dtype", "shape", "data"}: flattened in row-major order
    try {
      UnpackedArray a = unpackArray(j);
      for (size_t i = 0; i < a.values.size(); ++i)
        if (!std::isfinite(a.values[i])) {
          error(w, field + "[" + std::to_string(i) + "]", "must be a finite number");
          return std::nullopt;
        }
      return std::move(a.values);
    } catch (const std::exception& e) {
      error(w, field, std::string("packed array: ") + e.what());
      return std::nullopt;
    }
  }
  if (!expectArray(w, j, field)) return std::nullopt;
  std::vector<double> out;
  out.reserve(j.size());
  for (size_t i = 0; i < j.size(); ++i) {
    auto v = number(w, j[i], field + "[" + std::to_string(i) + "]");
    if (!v) return std::nullopt;
    out.push_back(*v);
  }
  return out;
}

// A number, a per-element array (if allowed) or {"uniform": [lo, hi]} / {"normal": [mean, sd]}.
std::optional<ValueSpec> JsonFieldReader::valueSpec(const Where& w, const json& j,
                                                    const std::string& field, bool allowArray) {
  if (j.is_number()) {
    auto v = number(w, j, field);
    return v ? std::optional(ValueSpec::constant(*v)) : std::nullopt;
  }
  if ((j.is_array() || isPackedArray(j)) && allowArray) {
    auto v = numbers(w, j, field);
    return v ? std::optional(ValueSpec::perElement(std::move(*v))) : std::nullopt;
  }
  if (j.is_object() && j.size() == 1 && (j.contains("uniform") || j.contains("normal"))) {
    const bool uniform = j.contains("uniform");
    const std::string key = uniform ? "uniform" : "normal";
    auto pair = numbers(w, j.at(key), field + "." + key);
    if (!pair) return std::nullopt;
    if (pair->size() != 2) {
      error(w, field + "." + key,
            uniform ? "expected [low, high]" : "expected [mean, standard deviation]");
      return std::nullopt;
    }
    return uniform ? ValueSpec::uniform((*pair)[0], (*pair)[1])
                   : ValueSpec::normal((*pair)[0], (*pair)[1]);
  }
  error(w, field,
        std::string("expected a number") + (allowArray ? ", an array of numbers" : "") +
            " or {\"uniform\": [low, high]} / {\"normal\": [mean, sd]}, got " + jsonTypeName(j));
  return std::nullopt;
}

std::optional<ParamValue> JsonFieldReader::paramValue(const Where& w, const ParamInfo& info,
                                                      const json& j, const std::string& field) {
  switch (info.kind) {
    case ParamKind::PerNeuron: {
      auto v = valueSpec(w, j, field, true);
      return v ? std::optional<ParamValue>(*v) : std::nullopt;
    }
    case ParamKind::Sequence: {
      auto v = numbers(w, j, field);
      return v ? std::optional<ParamValue>(Sequence(std::move(*v))) : std::nullopt;
    }
    case ParamKind::SpikeTrains: {
      if (!expectArray(w, j, field)) return std::nullopt;
      SpikeTrains trains;
      trains.reserve(j.size());
      for (size_t i = 0; i < j.size(); ++i) {
        auto t = numbers(w, j[i], field + "[" + std::to_string(i) + "]");
        if (!t) return std::nullopt;
        trains.push_back(std::move(*t));
      }
      return ParamValue(std::move(trains));
    }
    case ParamKind::Choice:
    case ParamKind::Text:
    case ParamKind::Reference: {
      auto s = string(w, j, field);
      return s ? std::optional<ParamValue>(*s) : std::nullopt;
    }
    case ParamKind::Scalar: {
      if (info.integer) {
        auto n = integer(w, j, field);
        return n ? std::optional<ParamValue>(ValueSpec::constant(static_cast<double>(*n)))
                 : std::nullopt;
      }
      auto v = number(w, j, field);
      return v ? std::optional<ParamValue>(ValueSpec::constant(*v)) : std::nullopt;
    }
    case ParamKind::Flag:
      if (j.is_boolean()) return ParamValue(ValueSpec::constant(j.get<bool>() ? 1.0 : 0.0));
      error(w, field, "expected true or false, got " + jsonTypeName(j));
      return std::nullopt;
    case ParamKind::Shape: {
      if (!expectArray(w, j, field)) return std::nullopt;
      if (j.size() != 3) {
        error(w, field, "expected [channels, height, width]");
        return std::nullopt;
      }
      Sequence shape;
      for (size_t i = 0; i < 3; ++i) {
        auto n = integer(w, j[i], field + "[" + std::to_string(i) + "]");
        if (!n) return std::nullopt;
        shape.push_back(static_cast<double>(*n));
      }
      return ParamValue(std::move(shape));
    }
    case ParamKind::Table:
      error(w, field, "cannot be read as a single value");
      return std::nullopt;
  }
  return std::nullopt;
}

std::string JsonFieldReader::id(Where& w, const json& obj) {
  auto it = obj.find("id");
  if (it == obj.end()) {
    error(w, "id", "is missing");
    return {};
  }
  auto s = string(w, *it, "id");
  if (!s) return {};
  w.id = *s;
  return *s;
}

void JsonFieldReader::params(const Where& w, const json& params,
                             const std::vector<ParamInfo>& schema, const std::string& owner,
                             const std::string& prefix, std::map<std::string, ParamValue>& out) {
  for (auto it = params.begin(); it != params.end(); ++it) {
    const std::string field = prefix + it.key();
    const ParamInfo* info = nullptr;
    std::string known;
    for (const ParamInfo& p : schema) {
      if (p.name == it.key()) info = &p;
      known += (known.empty() ? "" : ", ") + p.name;
    }
    if (!info) {
      error(w, field, "unknown parameter of " + owner + " (known: " + known + ")");
      continue;
    }
    if (auto v = paramValue(w, *info, *it, field)) out[it.key()] = std::move(*v);
  }
}

}  // namespace snn
