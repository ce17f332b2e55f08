#pragma once

#include "EnergyConstants.h"
#include "OperationCounts.h"

namespace snn {

// pJ of what a projection's plasticity rule did (its PlasticityCounts) in digital CMOS, priced at
// 45 nm: one fp32 MAC per weight update (w += a x trace x f(w)), per trace update (x = x decay,
// + 1 on a spike) and per synapse of a normalisation pass; bytes read at cmos.sram_64bit / 8 and
// written at cmos.sram_write_64bit / 8 (ProjectionCounts::learningBytesRead / Written). On a
// crossbar the weight writes are device pulses, priced as "programming" by crossbarEnergy; the
// arithmetic and the traces stay digital. 0 for a projection without plasticity.
double learningPicojoules(const ProjectionCounts& p, const EnergyTable& t);

// The formula learningPicojoules applies, for tooltips and the JSON's "formulas".
const char* learningFormula();

}  // namespace snn
