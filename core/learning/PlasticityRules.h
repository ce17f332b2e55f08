#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/ParamSchema.h"

namespace snn {

// The plasticity rules a projection can name in its "plasticity" block, each described by the
// same kind of schema as a neuron model (ModelInfo: params with units, defaults, ranges and
// meanings), from which the project reader, the validator and the inspector are generated.
// Read-only; safe from any thread.
const std::vector<const ModelInfo*>& plasticityRules();
const ModelInfo* findPlasticityRule(std::string_view name);
// "stdp, ..." for error messages.
std::string plasticityRuleNames();

}  // namespace snn
