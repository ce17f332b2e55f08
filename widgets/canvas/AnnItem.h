#pragma once

#include <QStringList>

#include "NodeItem.h"

namespace snn::gui {

// An ANN node on the canvas: the card (id, "ANN · 1x28x28 → 10", weights count) and under it the
// layer stack, one line per layer with its type and output shape ("conv2d  16x28x28"), as
// inferAnnShapes gives them (a layer whose shape cannot be known shows "?"). No ports: an ANN is
// trained and converted, not wired to populations.
class AnnItem : public NodeItem {
 public:
  explicit AnnItem(const std::string& id) : NodeItem(ObjectKind::Ann, id) {}
  void refresh(const Project& project) override;
  // The lines of the layer stack, for tests.
  const QStringList& layerLines() const { return layerLines_; }

  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  static constexpr double kLineHeight = 15.0;

 private:
  QStringList layerLines_;
};

}  // namespace snn::gui
