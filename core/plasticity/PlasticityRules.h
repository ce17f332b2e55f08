#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "PlasticityRule.h"
#include "model/NetworkSpec.h"
#include "model/ParamSchema.h"

namespace snn {

// A plasticity rule a projection can name in its "plasticity" block: its schema (ModelInfo:
// params with units, defaults, ranges and meanings, from which the project reader, the
// validator and the inspector are generated) and how to make its runtime for one projection.
struct PlasticityRuleEntry {
  const ModelInfo* info = nullptr;
  // The runtime of a validated spec on the projection's synapses, for time step dt (ms).
  std::function<std::unique_ptr<PlasticityRule>(const PlasticitySpec& spec, double dt,
                                                const SynapseMatrix& synapses)>
      create;
};

// The rules, registered once in one explicit list (PlasticityRules.cpp). Read-only; safe from
// any thread.
const std::vector<PlasticityRuleEntry>& plasticityRuleEntries();
const PlasticityRuleEntry* findPlasticityRuleEntry(std::string_view name);
// The schema of a rule, or null.
const ModelInfo* findPlasticityRule(std::string_view name);
// "stdp, ..." for error messages.
std::string plasticityRuleNames();

}  // namespace snn
