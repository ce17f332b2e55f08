#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "energy/EnergyModel.h"
#include "model/NetworkSpec.h"

namespace snn {

// What `snnwb-cli energy` measures: the project run in the simulator with its operations
// counted, priced on every substrate with the project's energy block.
struct ProjectEnergyOptions {
  std::optional<double> durationMs;  // default: the experiment's (or the samples' time)
  // A dataset shown to the network: every image encoder shows its test split, testLimit samples
  // (100 when 0) one after another (an encoder without a feed shows each sample for the
  // experiment's duration, without rest), and every substrate gets its accuracy on the same
  // samples (measureSubstrateAccuracies; with a note why where there is none).
  std::string dataset;
  int64_t testLimit = 0;
  std::string chip;  // overrides the energy block's chip
  int threads = 1;
};

struct ProjectEnergyResult {
  OperationCounts counts;
  EnergyReport report;
  std::optional<double> accuracy;  // the SNN's, measured on the dataset, when one was given
};

// Compiles and runs the project. Throws SpecError for an invalid project or option (naming the
// field: "--dataset" when no population can show a dataset).
ProjectEnergyResult projectEnergy(const Project& project, const ProjectEnergyOptions& options);

// The report of counts made elsewhere (a GUI run, a conversion), priced with the project's
// energy block (chip, constants), or `chip` when given. Throws SpecError naming the field
// "energy.constants.KEY" or "energy.chip" when the block is wrong.
EnergyReport projectEnergyReport(const Project& project, const OperationCounts& counts,
                                 const std::string& chip = "");

}  // namespace snn
