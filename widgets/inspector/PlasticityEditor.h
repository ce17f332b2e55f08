#pragma once

#include <QGroupBox>
#include <functional>
#include <string>

#include "model/NetworkSpec.h"

class QComboBox;
class QLabel;
class QVBoxLayout;

namespace snn::gui {

class NetworkDocument;
class ParamForm;

// The plasticity section of a projection's inspector: a checkable group that makes any
// projection learn (a "plasticity" block, STDP by default), the rule, and the rule's parameters
// generated from its schema (findPlasticityRule: units, ranges and meanings). Every edit is one
// ChangeProjection. GUI thread.
class PlasticityEditor : public QGroupBox {
  Q_OBJECT

 public:
  PlasticityEditor(NetworkDocument* document, std::string projection, QWidget* parent = nullptr);

  void setProjection(std::string id);
  void refresh();
  ParamForm* form() const { return form_; }

 private:
  void edit(const QString& what, const std::function<void(ProjectionSpec&)>& change);
  void rebuildForm(const std::string& rule);

  NetworkDocument* document_;
  std::string id_;
  std::string builtForRule_;
  QComboBox* rule_;
  QLabel* meaning_;
  QVBoxLayout* layout_;
  ParamForm* form_ = nullptr;
};

}  // namespace snn::gui
