#pragma once

#include <vector>

#include "model/Diagnostic.h"
#include "model/NetworkSpec.h"
#include "sim/NetworkValidator.h"

namespace snn {

// Checks a whole project: what a run compiles (validateNetwork: the network and the experiment)
// and the training block (method, its parameters, the populations it names). Returns every
// problem found, each naming the object and the field.
std::vector<Diagnostic> validateProject(const Project& project, ValidationOptions options = {});

}  // namespace snn
