#pragma once

#include <string>
#include <vector>

#include "model/NetworkSpec.h"

namespace snn::gui {

class NetworkDocument;

// Edits made of several commands, pushed as one undo macro.

// Removes the projections, then the populations (with every projection touching them).
void deleteObjects(NetworkDocument& document, const std::vector<std::string>& populations,
                   const std::vector<std::string>& projections);

// A new projection from `pre` to `post` with the defaults the canvas uses: all-to-all,
// excitatory, no delay, and a weight that makes a visible effect (0.1 nA per spike, or a gain
// of 1 from a current source).
ProjectionSpec defaultProjection(const Project& project, const std::string& pre,
                                 const std::string& post);

// A new population of `model` with the registry's default size and a fresh id.
PopulationSpec defaultPopulation(const Project& project, const std::string& model);

}  // namespace snn::gui
