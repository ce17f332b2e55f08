#pragma once

#include "NodeItem.h"

namespace snn::gui {

// A memristor crossbar on the canvas (network.crossbars): its id, size and device preset, and a
// small grid of row and column wires on the card. It has no ports: it is not a source or target
// of spikes but carries a projection's synapses, and the scene draws it under the edge of the
// projection it carries unless the user placed it.
class CrossbarItem : public NodeItem {
 public:
  explicit CrossbarItem(const std::string& id) : NodeItem(ObjectKind::Crossbar, id) {}
  void refresh(const Project& project) override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  // The projection it carries, as last refreshed (empty: none).
  const std::string& carried() const { return carried_; }

 private:
  std::string carried_;
  int stuck_ = 0;
};

}  // namespace snn::gui
