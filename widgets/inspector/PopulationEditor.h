#pragma once

#include <map>
#include <string>

#include "InspectorPage.h"

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace snn::gui {

class DatasetFeedEditor;
class NetworkDocument;
class ParamField;
class SchemaField;

// The inspector of one population, generated from the field schemas: id, model, size and
// shape, then every parameter of its model (unit, range and meaning in the tooltip; the equation
// on the model's name), then the initial state; an image encoder also gets its dataset feed.
// Every edit is an undo command; a parameter edited while a run goes on reaches it between two
// chunks.
class PopulationEditor : public InspectorPage {
  Q_OBJECT

 public:
  PopulationEditor(NetworkDocument* document, std::string id, QWidget* parent = nullptr);

  // The document changed this population: show its values (rebuilds when the model changed).
  void refresh() override;
  void setId(std::string id) override;
  // The field of a model parameter, e.g. "tau_m".
  ParamField* field(const std::string& param) const;
  DatasetFeedEditor* feed() const { return feed_; }

 private:
  void build();
  void renameTo(const QString& text);
  void changeModel(int index);
  void changeSize();

  NetworkDocument* document_;
  std::string builtForModel_;
  QLineEdit* idEdit_ = nullptr;
  QLabel* idProblem_ = nullptr;
  QComboBox* model_ = nullptr;
  QSpinBox* size_ = nullptr;
  SchemaField* shape_ = nullptr;
  QLabel* title_ = nullptr;
  QLabel* meaning_ = nullptr;
  QFormLayout* params_ = nullptr;
  QFormLayout* init_ = nullptr;
  QGroupBox* initBox_ = nullptr;
  DatasetFeedEditor* feed_ = nullptr;
  std::map<std::string, SchemaField*> fields_;
  std::map<std::string, SchemaField*> initFields_;
};

}  // namespace snn::gui
