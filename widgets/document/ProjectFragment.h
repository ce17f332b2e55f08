#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/NetworkSpec.h"

namespace snn::gui {

// A piece of a network for the clipboard: some populations with their monitors and layout, and
// the projections among them, held as a Project so the clipboard speaks the project file format.

// The populations named, the projections whose both ends are among them, their monitors and
// their positions (`positions` gives where the canvas shows each node).
Project copyFragment(const Project& project, const std::vector<std::string>& populations,
                     const std::map<std::string, NodePosition>& positions);

// The fragment made ready to paste into `target`: ids made unique (references follow) and nodes
// shifted by (dx, dy).
Project prepareForPaste(const Project& target, Project fragment, double dx, double dy);

// The MIME type the canvas puts on the clipboard; the data is the fragment's project JSON.
inline constexpr const char* kFragmentMimeType = "application/x-snnwb-fragment+json";

}  // namespace snn::gui
