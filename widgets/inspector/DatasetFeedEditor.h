#pragma once

#include <QGroupBox>
#include <functional>
#include <string>
#include <vector>

#include "model/NetworkSpec.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace snn::gui {

class DatasetChooser;
class NetworkDocument;
class ParamField;
class SchemaField;

// The "fed by a dataset" section of an image encoder's inspector (poisson, latency,
// direct_current): a checkable group that makes the population show dataset images during any
// run, one after another (present, then rest), with the dataset, the split, the timing and the
// first sample. It says how many pixels the images have and offers to resize the population to
// fit. Every edit is one ChangeField naming its feed.* field. GUI thread.
class DatasetFeedEditor : public QGroupBox {
  Q_OBJECT

 public:
  DatasetFeedEditor(NetworkDocument* document, std::string population, QWidget* parent = nullptr);

  void setPopulation(std::string id);
  void refresh();
  DatasetChooser* dataset() const { return dataset_; }
  QComboBox* split() const { return split_; }
  ParamField* field(const std::string& name) const;

 private:
  void set(const std::string& field, const ParamValue& value);

  NetworkDocument* document_;
  std::string id_;
  DatasetChooser* dataset_;
  QComboBox* split_;
  std::vector<SchemaField*> fields_;
  QLabel* fit_;
  QPushButton* resize_;
  QWidget* body_;
};

}  // namespace snn::gui
