#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "NetworkFootprint.h"
#include "model/Diagnostic.h"
#include "model/NetworkSpec.h"
#include "model/ParamSchema.h"

namespace snn {

struct ValidationOptions {
  // Refuse networks whose footprint exceeds this; 0 = 80 % of this machine's physical memory.
  double memoryBudgetBytes = 0;
};

// Checks a project for everything that would make it fail to compile or run: unknown models and
// parameters, values out of range, per-neuron arrays of the wrong length, missing or duplicate
// ids, dangling references, connector parameters, monitor targets, and a size that would not
// fit in memory. Returns every problem found, each naming the object and the field.
std::vector<Diagnostic> validateProject(const Project& project, ValidationOptions options = {});

// The largest population the engine indexes (32-bit neuron indices).
inline constexpr int64_t kMaxPopulationSize = 2'000'000'000;

}  // namespace snn
