#pragma once

#include <QWidget>
#include <string>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace snn::gui {

class NetworkDocument;
class ParamField;
class PlasticityEditor;
struct ProjectionEditorRows;

// The inspector of one projection: its id, ends, receptor, connector (with p, the in-degree or
// the list), weight (a number or a distribution), delay and plasticity. Every edit is one
// ChangeProjection; a running simulation takes a new weight between chunks and recompiles for
// the rest. A drag of the weight's slider is one undo step.
class ProjectionEditor : public QWidget {
  Q_OBJECT

 public:
  ProjectionEditor(NetworkDocument* document, std::string id, QWidget* parent = nullptr);

  const std::string& id() const { return id_; }
  void setId(std::string id);
  void refresh();
  ParamField* weightField() const { return weight_; }
  PlasticityEditor* plasticity() const { return plasticity_; }

 private:
  template <class Edit>
  void change(const QString& what, Edit edit, int gesture = 0);

  NetworkDocument* document_;
  std::string id_;
  QLabel* title_ = nullptr;
  QLineEdit* idEdit_ = nullptr;
  QComboBox* receptor_ = nullptr;
  QComboBox* connector_ = nullptr;
  QLabel* pLabel_ = nullptr;
  ParamField* p_ = nullptr;
  QLabel* nLabel_ = nullptr;
  ParamField* n_ = nullptr;
  QCheckBox* allowSelf_ = nullptr;
  QLabel* listInfo_ = nullptr;
  QLabel* weightLabel_ = nullptr;
  ParamField* weight_ = nullptr;
  ParamField* delay_ = nullptr;
  PlasticityEditor* plasticity_ = nullptr;
};

}  // namespace snn::gui
