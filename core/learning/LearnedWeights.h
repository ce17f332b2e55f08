#pragma once

#include "model/NetworkSpec.h"
#include "synapses/SynapseMatrix.h"

namespace snn {

// Writes a projection's present weights (a compiled SynapseMatrix, CSR order) into its spec so
// that compiling the spec again gives the same synapses with the same weights:
//  - all_to_all and one_to_one: a per-synapse weight array, row-major (pre, then post), which is
//    the CSR order;
//  - from_list: each entry's own weight;
//  - random and fixed_in_degree: the drawn synapses become an explicit from_list with weights.
// Weights are stored as the shortest decimals that read back as the same floats.
void storeLearnedWeights(ProjectionSpec& spec, const SynapseMatrix& synapses);

}  // namespace snn
