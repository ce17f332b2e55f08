#pragma once

#include <vector>

#include "EnergyConstants.h"
#include "model/EnergySpec.h"
#include "model/ObjectFields.h"

namespace snn {

// The schema of the project's "energy" block: chip, substrate (choices), constants (a Table:
// an object of constant key -> number, in the constant's unit). Nothing in it changes a run.
const std::vector<Field<EnergySpec>>& energyFields();
// The substrates a report holds, in order: ann_fp32, ann_int8, snn_cmos, snn_chip, crossbar.
const std::vector<std::string>& energySubstrateNames();

// The table the block describes: the defaults with its overrides. Throws std::invalid_argument
// naming the constant for an unknown key or a bad value.
EnergyTable energyTableFor(const EnergySpec& spec);

}  // namespace snn
