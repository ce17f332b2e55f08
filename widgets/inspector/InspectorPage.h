#pragma once

#include <QWidget>
#include <string>

#include "model/Diagnostic.h"

namespace snn::gui {

// The inspector's page for one object (a node of any kind, or a projection): every field it
// has, made from the field schemas, editing through undo commands only. The inspector keeps a
// page while its object is selected: refresh() after a change of the project, setId() after a
// rename.
class InspectorPage : public QWidget {
  Q_OBJECT

 public:
  InspectorPage(ObjectKind kind, std::string id, QWidget* parent = nullptr)
      : QWidget(parent), kind_(kind), id_(std::move(id)) {}

  ObjectKind kind() const { return kind_; }
  const std::string& id() const { return id_; }
  virtual void setId(std::string id) {
    id_ = std::move(id);
    refresh();
  }
  virtual void refresh() = 0;

 protected:
  ObjectKind kind_;
  std::string id_;
};

}  // namespace snn::gui
