#pragma once

#include <string>
#include <string_view>

#include "model/NetworkSpec.h"

namespace snn {

// A field of any object named by one path, as the command line's --sweep takes it:
//   experiment.dt, training.params.epochs,
//   populations.ID.params.tau_m, projections.ID.weight, crossbars.ID.device.levels,
//   monitors.INDEX.every
// i.e. the project file's list key, the object's id and the field's schema path.
struct FieldPath {
  ObjectKind kind = ObjectKind::Experiment;
  std::string id;
  std::string field;
};

// Splits a path; throws SpecError naming the path when no object of the project has that id.
FieldPath parseFieldPath(const Project& project, std::string_view path);

// Sets the field to `text` read as its schema's kind (a number, or a word) and checked against
// the schema (setField). Throws SpecError naming the object and field when the field or the
// value is refused.
void setFieldFromText(Project& project, std::string_view path, std::string_view text);

}  // namespace snn
