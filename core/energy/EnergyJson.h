#pragma once

#include <nlohmann/json.hpp>

#include "EnergyReport.h"
#include "OperationCounts.h"

namespace snn {

// One substrate as the CLI contract prints it: {"title", "assumption", "total_j",
// "per_inference_j", "per_second_w", "inferences", "ops": {...}, "parts": {kind: J},
// "layers": [{"id", "total_j", kind: J...}], "formulas": {kind: text}} (+ "chip", "accuracy").
nlohmann::ordered_json substrateJson(const SubstrateEnergy& s);
// {"substrates": {name: substrateJson}, "constants": [{"key", "value", "unit", "meaning",
// "source", "assumption", "overridden"}]}: the object `snnwb-cli energy --json` prints and the
// "energy" block of `run --json` (and, later, `convert --json`).
nlohmann::ordered_json energyReportJson(const EnergyReport& report);
// The counts behind a report: {"steps", "dt_ms", "simulated_s", "samples", "synaptic_ops",
// "spikes", "neuron_updates", "populations": {ID: {...}}, "projections": {ID: {...}}}.
nlohmann::ordered_json operationCountsJson(const OperationCounts& counts);
nlohmann::ordered_json energyConstantsJson(const std::vector<EnergyConstant>& constants);

}  // namespace snn
