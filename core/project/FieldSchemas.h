#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "model/Diagnostic.h"
#include "model/NetworkSpec.h"
#include "model/ParamSchema.h"

namespace snn {

// The schema entry of one field of one object as the project stands, resolved across every
// registry: the fixed fields of model/ObjectFields.h (with the choices of "model",
// "plasticity.rule" and "method" filled in from the registries); a population's "params.*"
// from its model (a running network takes them live) and "init.*" from its state variables; a
// projection's "plasticity.params.*" from its rule; the training block's "params.*" from its
// method (not part of a run). Nothing when the object or the field does not exist.
//
// The effect of a projection's "weight" is live only where a running network can take a new
// weight as a whole (Simulator::setProjectionWeight): not for weights given per synapse, nor
// for learned ones.
std::optional<ParamInfo> fieldSchema(const Project& project, ObjectKind kind, std::string_view id,
                                     std::string_view field);

// Every field an object of `kind` can have, fixed ones and those its model, rule or method
// names (for the documentation and the tests that every field has a schema).
std::vector<ParamInfo> objectFieldSchemas(const Project& project, ObjectKind kind,
                                          std::string_view id);

}  // namespace snn
