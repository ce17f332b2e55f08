#pragma once

#include <QWidget>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "model/NetworkSpec.h"
#include "session/WorkerThread.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace snn::gui {

class NetworkDocument;
class ThemedPlot;

// One point of an accuracy sweep.
struct SweepPoint {
  double value = 0.0;
  double accuracy = 0.0;  // test accuracy, 0 ... 1
  int64_t samples = 0;
};

// Evaluates a project once per value of one field (project/ProjectEvaluation.h), in its thread.
class SweepWorker : public QObject {
  Q_OBJECT

 public:
  explicit SweepWorker(std::shared_ptr<std::atomic<bool>> cancel) : cancel_(std::move(cancel)) {}
  // `path` is a field path as snnwb-cli evaluate --sweep takes it
  // ("crossbars.xb1.device.levels").
  void run(const Project& project, const std::string& path, const std::vector<double>& values,
           int64_t testLimit);

 Q_SIGNALS:
  void progressed(double fraction);
  void pointReady(snn::gui::SweepPoint point);
  void finished(bool cancelled);
  void failed(const QString& reason);

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
};

// Accuracy versus non-ideality: the test accuracy of the project's network (on its crossbars)
// while one numeric field of one crossbar takes a list of values — levels, variation, stuck
// rates, wire resistance — plotted against the value as the points come in, in a worker thread
// with progress and Cancel. The project needs a training block (its dataset and readout). GUI
// thread.
class SweepPanel : public QWidget {
  Q_OBJECT

 public:
  explicit SweepPanel(NetworkDocument* document, QWidget* parent = nullptr);
  ~SweepPanel() override;

  // Sweeps `field` ("device.levels") of crossbar `crossbar` over `values`.
  void start(const std::string& crossbar, const std::string& field,
             const std::vector<double>& values, int64_t testLimit);
  void cancel();
  bool running() const { return running_; }
  const std::vector<SweepPoint>& points() const { return points_; }
  ThemedPlot* plot() const { return plot_; }

 Q_SIGNALS:
  void finished();

 private:
  void fillChoices();
  void setRunning(bool running);
  void addPoint(const SweepPoint& point);

  NetworkDocument* document_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  WorkerThread<SweepWorker> thread_;
  QComboBox* crossbar_;
  QComboBox* field_;
  QLineEdit* values_;
  QSpinBox* limit_;
  QPushButton* runButton_;
  QPushButton* cancelButton_;
  QProgressBar* progress_;
  QLabel* status_;
  ThemedPlot* plot_;
  std::vector<SweepPoint> points_;
  QString fieldName_;
  bool running_ = false;
};

}  // namespace snn::gui

Q_DECLARE_METATYPE(snn::gui::SweepPoint)
