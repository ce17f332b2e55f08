#pragma once

#include <QWidget>
#include <vector>

class QLabel;

namespace snn::gui {

class NetworkDocument;
class SchemaField;

// What the inspector shows when nothing is selected: the experiment (time step, duration, seed),
// the size of the network, and how to build one.
class ExperimentEditor : public QWidget {
  Q_OBJECT

 public:
  explicit ExperimentEditor(NetworkDocument* document, QWidget* parent = nullptr);
  void refresh();

 private:
  NetworkDocument* document_;
  std::vector<SchemaField*> fields_;
  QLabel* summary_;
};

}  // namespace snn::gui
