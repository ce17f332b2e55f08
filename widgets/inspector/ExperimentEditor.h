#pragma once

#include <QWidget>

class QLabel;

namespace snn::gui {

class NetworkDocument;
class ParamField;

// What the inspector shows when nothing is selected: the experiment (time step, duration, seed),
// the size of the network, and how to build one.
class ExperimentEditor : public QWidget {
  Q_OBJECT

 public:
  explicit ExperimentEditor(NetworkDocument* document, QWidget* parent = nullptr);
  void refresh();

 private:
  NetworkDocument* document_;
  ParamField* dt_;
  ParamField* duration_;
  ParamField* seed_;
  QLabel* summary_;
};

}  // namespace snn::gui
