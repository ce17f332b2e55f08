#pragma once

#include "model/NetworkSpec.h"

namespace snn::nir {

// Places an imported network's populations on the canvas left to right by layer: a population's
// column is its distance (in projections) from the nearest population nothing projects into,
// the populations of one column stacked top to bottom in network order. Populations already
// placed keep their place.
void layOutByLayer(Project& project);

}  // namespace snn::nir
