#include "EnergyFields.h"

namespace snn {

const std::vector<std::string>& energySubstrateNames() {
  static const std::vector<std::string> names = {"snn_chip", "ann_fp32", "ann_int8", "snn_cmos",
                                                 "crossbar"};
  return names;
}

const std::vector<Field<EnergySpec>>& energyFields() {
  using S = EnergySpec;
  static const std::vector<Field<S>> fields = [] {
    std::vector<std::string> chips;
    for (const NeuromorphicChip& c : neuromorphicChips()) chips.push_back(c.key);
    std::vector<Field<S>> v;
    v.push_back({{.name = "chip",
                  .kind = ParamKind::Choice,
                  .meaning = "The digital neuromorphic chip whose published figures price the "
                             "SNN (substrate snn_chip)",
                  .choices = chips,
                  .effect = RunEffect::NotRun},
                 +[](const S& e) -> std::optional<ParamValue> { return e.chip; },
                 +[](S& e, const ParamValue& value) { e.chip = std::get<std::string>(value); }});
    v.push_back(
        {{.name = "substrate",
          .kind = ParamKind::Choice,
          .meaning = "The substrate the live energy meter shows: snn_chip, ann_fp32, "
                     "ann_int8, snn_cmos or crossbar",
          .choices = energySubstrateNames(),
          .effect = RunEffect::NotRun},
         +[](const S& e) -> std::optional<ParamValue> { return e.substrate; },
         +[](S& e, const ParamValue& value) { e.substrate = std::get<std::string>(value); }});
    v.push_back({{.name = "constants",
                  .kind = ParamKind::Table,
                  .meaning = "Energy constants changed from their published defaults: an "
                             "object of key -> number in the constant's unit (snnwb-cli energy "
                             "--json lists every key with its unit and source)",
                  .effect = RunEffect::NotRun}});
    return v;
  }();
  return fields;
}

EnergyTable energyTableFor(const EnergySpec& spec) {
  EnergyTable table;
  table.setAll(spec.constants);
  return table;
}

}  // namespace snn
