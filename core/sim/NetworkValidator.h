#pragma once

#include <vector>

#include "NetworkFootprint.h"
#include "model/Diagnostic.h"
#include "model/NetworkSpec.h"

namespace snn {

struct ValidationOptions {
  // Refuse networks whose footprint exceeds this; 0 = what this machine can give.
  double memoryBudgetBytes = 0;
};

// Checks what a run compiles — the network and the experiment — for everything that would make
// it fail to compile or run: unknown models and parameters, values outside their schema's range
// (the same check and message as the inspector's fields: model/ObjectFields.h), per-neuron
// arrays of the wrong length, missing or duplicate ids, dangling references, connector
// parameters, monitor targets, and a size that would not fit in memory. Returns every problem
// found, each naming the object and the field. The whole project (with its training block) is
// checked by validateProject (project/ProjectValidator.h).
std::vector<Diagnostic> validateNetwork(const Project& project, ValidationOptions options = {});

}  // namespace snn
