#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "CliErrors.h"
#include "Commands.h"
#include "sim/NeuronModelRegistry.h"

Command addModelsCommand(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("models", "List the neuron and source models with their parameters");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print the parameter schemas as JSON");
  return {cmd, [json]() {
            const auto& registry = snn::NeuronModelRegistry::instance();
            if (*json) {
              nlohmann::ordered_json out = nlohmann::ordered_json::array();
              for (const auto& e : registry.entries()) {
                nlohmann::ordered_json m{{"name", e.info->name},
                                         {"display_name", e.info->displayName},
                                         {"meaning", e.info->meaning},
                                         {"equation", e.info->equation},
                                         {"reference", e.info->reference}};
                m["params"] = nlohmann::ordered_json::array();
                for (const auto& p : e.info->params) {
                  nlohmann::ordered_json j{{"name", p.name},
                                           {"unit", p.unit},
                                           {"kind", snn::paramKindName(p.kind)},
                                           {"meaning", p.meaning}};
                  if (p.kind == snn::ParamKind::PerNeuron) j["default"] = p.defaultValue;
                  if (!p.rangeText().empty()) j["range"] = p.rangeText();
                  if (!p.choices.empty()) j["choices"] = p.choices;
                  m["params"].push_back(j);
                }
                m["state"] = nlohmann::ordered_json::array();
                for (const auto& v : e.info->stateVars)
                  m["state"].push_back({{"name", v.name}, {"unit", v.unit}});
                out.push_back(m);
              }
              std::cout << out.dump(2) << '\n';
              return kExitOk;
            }
            for (const auto& e : registry.entries()) {
              std::cout << e.info->name << "  " << e.info->displayName << " - " << e.info->meaning
                        << '\n';
              for (const auto& p : e.info->params) {
                std::cout << "    " << p.name;
                if (!p.unit.empty()) std::cout << " [" << p.unit << "]";
                if (p.kind == snn::ParamKind::PerNeuron) std::cout << " = " << p.defaultValue;
                if (p.kind == snn::ParamKind::Choice) std::cout << " = " << p.choices.front();
                std::cout << "  " << p.meaning << '\n';
              }
            }
            return kExitOk;
          }};
}
