#pragma once

#include <QWidget>
#include <optional>

#include "model/NetworkSpec.h"
#include "project/SubstrateAccuracy.h"

class QLabel;
class QPushButton;
class QSpinBox;

namespace snn::gui {

class AccuracySession;
class NetworkDocument;

// The Energy dock's accuracy row: "Accuracy on [N] test samples [Measure] [Cancel]" and what
// the measurement is doing. Measures every substrate's accuracy of the document's project
// (measureSubstrateAccuracies) in the accuracy thread (AccuracySession), never on the GUI
// thread; the test limit keeps it short. GUI thread.
class AccuracyBar : public QWidget {
  Q_OBJECT

 public:
  AccuracyBar(NetworkDocument* document, QWidget* parent = nullptr);

  // Starts a measurement of the project as it is now; false (message() says why) when busy or
  // the project is no classification task.
  bool measure();
  // Measures when the project is a task shown a dataset feed and differs from the one last
  // measured (after a run of such a network).
  void measureIfFedAndChanged();
  bool isBusy() const;
  void cancel();
  QString message() const;
  QSpinBox* testLimit() const { return testLimit_; }
  QPushButton* measureButton() const { return measure_; }
  AccuracySession* session() const { return session_; }

 Q_SIGNALS:
  void measured(const snn::SubstrateAccuracies& accuracies);

 private:
  NetworkDocument* document_;
  AccuracySession* session_;
  QSpinBox* testLimit_;
  QPushButton* measure_;
  QPushButton* cancel_;
  QLabel* status_;
  std::optional<Project> measuredProject_;  // the project the last measurement was started on
};

}  // namespace snn::gui
