#pragma once

#include <QGraphicsItem>
#include <QStringList>
#include <string>

#include "model/NetworkSpec.h"

namespace snn::gui {

class PortItem;

// A population on the canvas: its id, model and size, a stripe in its plot colour, an input
// port (neurons only) and an output port. Drawn from the document; moving it is the scene's
// job (through MoveNodes), so the item never changes the project itself.
class PopulationItem : public QGraphicsItem {
 public:
  enum { Type = UserType + 1 };
  static constexpr double kWidth = 176.0;
  static constexpr double kHeight = 62.0;

  explicit PopulationItem(const PopulationSpec& spec);
  int type() const override { return Type; }
  const std::string& id() const { return spec_.id; }

  void setSpec(const PopulationSpec& spec);
  void setColorIndex(int index);
  // Problems to show as a red outline and in the tooltip; empty clears them.
  void setProblems(const QStringList& problems);
  const QStringList& problems() const { return problems_; }

  PortItem* inPort() const { return in_; }  // null for sources
  PortItem* outPort() const { return out_; }

  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  void updatePorts();
  void updateToolTip();

  PopulationSpec spec_;
  int colorIndex_ = 0;
  QStringList problems_;
  PortItem* in_ = nullptr;
  PortItem* out_ = nullptr;
};

}  // namespace snn::gui
