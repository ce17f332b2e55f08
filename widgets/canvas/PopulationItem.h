#pragma once

#include "NodeItem.h"

namespace snn::gui {

// A population on the canvas: its id, model and size (or shape), an input port where it takes
// input (neurons, not sources) and an output port.
class PopulationItem : public NodeItem {
 public:
  explicit PopulationItem(const std::string& id) : NodeItem(ObjectKind::Population, id) {}
  void refresh(const Project& project) override;
};

}  // namespace snn::gui
