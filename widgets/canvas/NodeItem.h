#pragma once

#include <QGraphicsItem>
#include <QStringList>
#include <string>

#include "model/NetworkSpec.h"

namespace snn::gui {

class PortItem;

// A node of the network on the canvas, of any kind (widgets/NodeKinds.h): a card with a title
// and a detail line, a stripe in the node's colour, an input port where the node takes input and
// an output port, and a red outline with the reasons in the tooltip when it has problems. A
// kind's item says what its card shows (refresh()); the scene places and moves it (through
// MoveNodes), so an item never changes the project itself.
class NodeItem : public QGraphicsItem {
 public:
  enum { Type = UserType + 1 };
  static constexpr double kWidth = 176.0;
  static constexpr double kHeight = 62.0;

  NodeItem(ObjectKind kind, std::string id);
  int type() const override { return Type; }
  ObjectKind kind() const { return kind_; }
  const std::string& id() const { return id_; }
  void setId(std::string id);

  // Reads what the card shows from the project: after the node changed, or another it depends on.
  virtual void refresh(const Project& project) = 0;

  void setColorIndex(int index);
  int colorIndex() const { return colorIndex_; }
  // Problems to show as a red outline and in the tooltip; empty clears them.
  void setProblems(const QStringList& problems);
  const QStringList& problems() const { return problems_; }

  PortItem* inPort() const { return in_; }  // null where the node takes no input
  PortItem* outPort() const { return out_; }

  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 protected:
  // What the card shows: the detail line under the id, the tooltip's description (rich text),
  // and which ports it has.
  void setContent(const QString& detail, const QString& description, bool takesInput,
                  bool givesOutput);

 private:
  void updateToolTip();

  ObjectKind kind_;
  std::string id_;
  QString detail_;
  QString description_;
  int colorIndex_ = 0;
  QStringList problems_;
  PortItem* in_ = nullptr;
  PortItem* out_ = nullptr;
};

}  // namespace snn::gui
