#pragma once

#include <vector>

#include "model/Diagnostic.h"
#include "model/NetworkSpec.h"

namespace snn {

// What the network validator checks of crossbars beyond each crossbar's own fields
// (validateCrossbarSpec): programmed conductances need the weight they stand for
// (mapping.w_max > 0), a crossbar carries at most one projection, and a projection it carries
// fits it (checkCrossbarCarries) and has one delay for all its
// synapses (the column currents enter the post population's delay ring together). Every problem
// names the crossbar or the projection and the field.
std::vector<Diagnostic> checkCrossbarNetwork(const NetworkSpec& network);

}  // namespace snn
