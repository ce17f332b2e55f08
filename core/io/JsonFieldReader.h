#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/Diagnostic.h"
#include "model/ObjectFields.h"
#include "model/ParamSchema.h"

namespace snn {

// Reads typed fields out of parsed JSON and turns every mismatch into a diagnostic naming the
// object and the field ("expected a number, got a string"), so that one pass over a file reports
// all of its problems. The project reader builds on it; so can any other JSON format.
class JsonFieldReader {
 public:
  using json = nlohmann::json;

  // Which object the fields being read belong to.
  struct Where {
    ObjectKind kind;
    std::string id;
  };

  std::vector<Diagnostic> diagnostics;

  void error(const Where& w, const std::string& field, const std::string& message);
  bool expectObject(const Where& w, const json& j, const std::string& field);
  bool expectArray(const Where& w, const json& j, const std::string& field);
  // Reports every key of `obj` that is not in `known`.
  void checkKeys(const Where& w, const json& obj, const std::string& prefix,
                 std::initializer_list<const char*> known);
  void checkKeys(const Where& w, const json& obj, const std::string& prefix,
                 const std::vector<std::string>& known);
  // The keys a JSON object at `prefix` ("" or "feed.") has according to a schema table whose
  // names are paths ("feed.present_ms" is key "feed" at "" and "present_ms" at "feed.").
  static std::vector<std::string> keysAt(const std::vector<ParamInfo>& fields,
                                         std::string_view prefix);
  template <class Spec>
  static std::vector<std::string> keysAt(const std::vector<Field<Spec>>& fields,
                                         std::string_view prefix) {
    std::vector<ParamInfo> infos;
    for (const Field<Spec>& f : fields) infos.push_back(f.info);
    return keysAt(infos, prefix);
  }
  // Reads every field of `fields` that sits directly in the JSON object `obj` at `prefix` into
  // `spec`, each by its schema's kind (a number, a word, true/false, a shape...), except those
  // named in `byHand`. Types are checked here, ranges by the validator, so that one pass
  // reports every problem.
  template <class Spec>
  void fields(const Where& w, const json& obj, const std::vector<Field<Spec>>& fields,
              std::string_view prefix, Spec& spec,
              std::initializer_list<std::string_view> byHand = {}) {
    for (const Field<Spec>& f : fields) {
      if (!f.set || f.info.name.substr(0, prefix.size()) != prefix) continue;
      const std::string key = f.info.name.substr(prefix.size());
      if (key.find('.') != std::string::npos) continue;
      if (std::find(byHand.begin(), byHand.end(), key) != byHand.end()) continue;
      auto it = obj.find(key);
      if (it == obj.end()) continue;
      if (auto v = paramValue(w, f.info, *it, f.info.name)) f.set(spec, *v);
    }
  }
  std::optional<double> number(const Where& w, const json& j, const std::string& field);
  std::optional<int64_t> integer(const Where& w, const json& j, const std::string& field);
  std::optional<std::string> string(const Where& w, const json& j, const std::string& field);
  std::optional<std::vector<double>> numbers(const Where& w, const json& j,
                                             const std::string& field);
  // A number, a per-element array (if allowed) or {"uniform": [lo, hi]} / {"normal": [mean, sd]}.
  std::optional<ValueSpec> valueSpec(const Where& w, const json& j, const std::string& field,
                                     bool allowArray);
  // The value of a schema parameter, in the shape its kind asks for.
  std::optional<ParamValue> paramValue(const Where& w, const ParamInfo& info, const json& j,
                                       const std::string& field);
  // Reads obj["id"] (reported missing or mistyped); on success `w` is renamed after it.
  std::string id(Where& w, const json& obj);
  // Each key of `params` against `schema`, into `out`; fields are named `prefix` + key, and
  // `owner` names what the schema belongs to ("model 'lif'") in the message for an unknown key.
  void params(const Where& w, const json& params, const std::vector<ParamInfo>& schema,
              const std::string& owner, const std::string& prefix,
              std::map<std::string, ParamValue>& out);
};

// "an integer", "a string"...: a JSON value's type for messages.
std::string jsonTypeName(const nlohmann::json& j);

}  // namespace snn
