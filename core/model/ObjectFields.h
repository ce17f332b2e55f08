#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "Diagnostic.h"
#include "NetworkSpec.h"
#include "ParamSchema.h"

namespace snn {

// One field of an object kind, described once: its schema entry (ParamInfo: unit, default,
// range, meaning, and whether a running network takes a change live) and how to read and write
// it in the object's spec. The project reader, the validator, the inspector, the undo commands
// and the live-edit path all go through these tables, so no range or unit is written twice.
template <class Spec>
struct Field {
  ParamInfo info;  // info.name is the field's path in the project file, e.g. "connector.p"
  // The value, or nothing where the field does not apply (the p of an all_to_all connector, a
  // feed field of a population without a feed). Null for Table fields (project file only).
  std::function<std::optional<ParamValue>(const Spec&)> get;
  // Writes a value the schema accepts. Null for Table fields.
  std::function<void(Spec&, const ParamValue&)> set;
};

// The fixed fields of each kind of object, in the order the inspector and the documentation
// show them. Fields named by a model, rule or training method (params.*, init.*,
// plasticity.params.*) come from those schemas: see fieldSchema() in project/FieldSchemas.h.
const std::vector<Field<ExperimentSpec>>& experimentFields();
const std::vector<Field<PopulationSpec>>& populationFields();
const std::vector<Field<ProjectionSpec>>& projectionFields();
const std::vector<Field<MonitorSpec>>& monitorFields();
const std::vector<Field<TrainingSpec>>& trainingFields();
// A crossbar's fields by path ("rows", "device.levels", "array.r_wire"...), made from its schema
// (model/CrossbarSchema.h): Live and Refold fields are RunEffect::Live (a refold happens between
// chunks), Reprogram fields RunEffect::Structural. "conductances" and "stuck_cells" are Tables.
const std::vector<Field<CrossbarSpec>>& crossbarObjectFields();

template <class Spec>
const Field<Spec>* findField(const std::vector<Field<Spec>>& fields, std::string_view name) {
  for (const Field<Spec>& f : fields)
    if (f.info.name == name) return &f;
  return nullptr;
}

// The maps of named values an object holds, by field prefix: a population's "params." and
// "init.", a projection's "plasticity.params.", the training block's "params.".
inline constexpr std::string_view kParamsPrefix = "params.";
inline constexpr std::string_view kInitPrefix = "init.";
inline constexpr std::string_view kPlasticityParamsPrefix = "plasticity.params.";

// Whether `field` is one of those named entries (a model's parameter, an initial value, a rule's
// or a method's parameter), which a project may leave unset, rather than a fixed field.
inline bool isNamedField(std::string_view field) {
  for (std::string_view prefix : {kParamsPrefix, kInitPrefix, kPlasticityParamsPrefix})
    if (field.substr(0, prefix.size()) == prefix) return true;
  return false;
}

// The value one field of one object has in `project`: nothing when the project leaves it at its
// default (a params.* entry not set) or the field does not apply. `id` is empty for the
// experiment and the training block, the monitor's index for a monitor. Throws
// std::invalid_argument naming the object or the field when there is no such object or field.
std::optional<ParamValue> getField(const Project& project, ObjectKind kind, std::string_view id,
                                   std::string_view field);

// Sets one field of one object; nothing puts it back to its default (a params.* entry is
// removed). The value is not checked here (undo commands carry values their field accepted).
// Throws std::invalid_argument as getField does.
void setField(Project& project, ObjectKind kind, std::string_view id, std::string_view field,
              const std::optional<ParamValue>& value);

}  // namespace snn
