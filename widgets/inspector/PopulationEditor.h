#pragma once

#include <QWidget>
#include <map>
#include <string>

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

// The inspector of one population, generated from its model's schema: id, model and size, then
// every parameter (unit, range and meaning in the tooltip; the equation on the model's name),
// then the initial state; an image encoder also gets its dataset feed. Every edit is an undo
// command; a parameter edited while a run goes on reaches it between two chunks.
class PopulationEditor : public QWidget {
  Q_OBJECT

 public:
  PopulationEditor(NetworkDocument* document, std::string id, QWidget* parent = nullptr);

  const std::string& id() const { return id_; }
  // The document changed this population: show its values (rebuilds when the model changed).
  void refresh();
  void setId(std::string id);
  ParamField* field(const std::string& param) const;
  DatasetFeedEditor* feed() const { return feed_; }

 private:
  void build();
  void renameTo(const QString& text);
  void changeModel(int index);
  void changeSize();

  NetworkDocument* document_;
  std::string id_;
  std::string builtForModel_;
  QLineEdit* idEdit_ = nullptr;
  QLabel* idProblem_ = nullptr;
  QComboBox* model_ = nullptr;
  QSpinBox* size_ = nullptr;
  QLabel* title_ = nullptr;
  QLabel* meaning_ = nullptr;
  QFormLayout* params_ = nullptr;
  QFormLayout* init_ = nullptr;
  QGroupBox* initBox_ = nullptr;
  DatasetFeedEditor* feed_ = nullptr;
  std::map<std::string, ParamField*> fields_;
  std::map<std::string, ParamField*> initFields_;
};

}  // namespace snn::gui
