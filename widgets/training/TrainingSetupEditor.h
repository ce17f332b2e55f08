#pragma once

#include <QWidget>
#include <functional>
#include <optional>
#include <string>

#include "model/NetworkSpec.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QVBoxLayout;

namespace snn::gui {

class DatasetChooser;
class NetworkDocument;
class ParamForm;
struct ChangeEvent;

// The project's training block, edited: the method (from the trainer registry), the dataset,
// which population takes the images and which one answers, and the method's parameters,
// generated from its schema. Every edit is one ChangeTraining. GUI thread.
class TrainingSetupEditor : public QWidget {
  Q_OBJECT

 public:
  explicit TrainingSetupEditor(NetworkDocument* document, QWidget* parent = nullptr);

  void refresh();
  // The method's parameters, in a group of their own below the rest; a panel may move it
  // elsewhere (adding it to another layout takes it out of this one).
  QWidget* parametersBox() const { return paramsBox_; }
  QComboBox* method() const { return method_; }
  DatasetChooser* dataset() const { return dataset_; }
  ParamForm* form() const { return form_; }

 private:
  void edit(const QString& what, const std::function<void(TrainingSpec&)>& change);
  void rebuildForm(const std::string& method);
  void fillEndpoints(QComboBox* box, const std::string& chosen, const std::string& automatic,
                     bool sources);
  void onDocumentChanged(const ChangeEvent& event);

  NetworkDocument* document_;
  QComboBox* method_;
  QLabel* meaning_;
  DatasetChooser* dataset_;
  QComboBox* input_;
  QComboBox* output_;
  QFormLayout* endpoints_;  // holds input_ and output_ (hidden for an ANN, which has neither)
  QWidget* paramsBox_;
  QVBoxLayout* paramsLayout_;
  ParamForm* form_ = nullptr;
  QLabel* written_ = nullptr;  // parameters training writes (STDP's labels)
  std::optional<std::string> builtForMethod_;
};

}  // namespace snn::gui
