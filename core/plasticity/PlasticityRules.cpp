#include "PlasticityRules.h"

#include "StdpRule.h"
#include "StdpSynapses.h"

namespace snn {

const std::vector<PlasticityRuleEntry>& plasticityRuleEntries() {
  static const std::vector<PlasticityRuleEntry> rules = {
      {&StdpRule::info(),
       [](const PlasticitySpec& spec, double dt, const SynapseMatrix& synapses) {
         return std::make_unique<StdpSynapses>(StdpRule::fromSpec(spec, dt), synapses);
       }},
  };
  return rules;
}

const PlasticityRuleEntry* findPlasticityRuleEntry(std::string_view name) {
  for (const PlasticityRuleEntry& rule : plasticityRuleEntries())
    if (rule.info->name == name) return &rule;
  return nullptr;
}

const ModelInfo* findPlasticityRule(std::string_view name) {
  const PlasticityRuleEntry* rule = findPlasticityRuleEntry(name);
  return rule ? rule->info : nullptr;
}

std::string plasticityRuleNames() {
  std::string s;
  for (const PlasticityRuleEntry& rule : plasticityRuleEntries())
    s += (s.empty() ? "" : ", ") + rule.info->name;
  return s;
}

}  // namespace snn
