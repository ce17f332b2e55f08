#pragma once

#include <string_view>

#include "NetworkSpec.h"

namespace snn {

// Every node of a project keeps a colour index of its own (Project::colors, saved in its layout
// entry), so its canvas node, its raster band, its rate line and its membrane strip share one
// colour, and deleting or adding another node never recolours it.

// How many colours there are (the GUI's palette, Tableau 10).
inline constexpr int kNodeColorCount = 10;

// The colour index of node `id`: the one the project stores, else a stable one derived from its
// place among the nodes (what assignNodeColors would give it).
int nodeColorIndex(const Project& project, std::string_view id);

// Gives every node without a colour the first index no other node uses (in node order; cycling
// once all are taken), and forgets colours of ids that are no longer nodes. Returns whether
// anything changed.
bool assignNodeColors(Project& project);

// The index a new node would get: the first one no node uses yet.
int firstFreeNodeColor(const Project& project);

}  // namespace snn
