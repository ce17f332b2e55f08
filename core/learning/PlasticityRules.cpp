#include "PlasticityRules.h"

#include "StdpRule.h"

namespace snn {

const std::vector<const ModelInfo*>& plasticityRules() {
  static const std::vector<const ModelInfo*> rules = {&StdpRule::info()};
  return rules;
}

const ModelInfo* findPlasticityRule(std::string_view name) {
  for (const ModelInfo* rule : plasticityRules())
    if (rule->name == name) return rule;
  return nullptr;
}

std::string plasticityRuleNames() {
  std::string s;
  for (const ModelInfo* rule : plasticityRules()) s += (s.empty() ? "" : ", ") + rule->name;
  return s;
}

}  // namespace snn
