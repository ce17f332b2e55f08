#pragma once

#include <map>
#include <string>

#include "InspectorPage.h"

class QFormLayout;
class QLabel;
class QLineEdit;

namespace snn::gui {

class NetworkDocument;
class ParamField;
class PlasticityEditor;
class SchemaField;

// The inspector of one projection, made from its field schemas: its id, receptor, connector
// (with p, the in-degree or the list), weight (a number or a distribution), delay and
// plasticity. Every edit is one undo command naming the field; a running simulation takes a new
// weight between chunks (the field is live) and recompiles for the rest. A drag of the weight's
// slider is one undo step.
class ProjectionEditor : public InspectorPage {
  Q_OBJECT

 public:
  ProjectionEditor(NetworkDocument* document, std::string id, QWidget* parent = nullptr);

  void setId(std::string id) override;
  void refresh() override;
  ParamField* weightField() const;
  // The field editing `field` ("connector.p", "delay"...), or null.
  SchemaField* schemaField(const std::string& field) const;
  PlasticityEditor* plasticity() const { return plasticity_; }

 private:
  SchemaField* addField(const std::string& field, const QString& label);

  NetworkDocument* document_;
  QFormLayout* form_ = nullptr;
  QLabel* title_ = nullptr;
  QLineEdit* idEdit_ = nullptr;
  std::map<std::string, SchemaField*> fields_;
  std::map<std::string, QLabel*> labels_;
  QLabel* listInfo_ = nullptr;
  PlasticityEditor* plasticity_ = nullptr;
};

}  // namespace snn::gui
