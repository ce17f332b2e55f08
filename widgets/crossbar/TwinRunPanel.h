#pragma once

#include <QWidget>
#include <atomic>
#include <memory>

#include "TwinRun.h"
#include "session/WorkerThread.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace snn::gui {

class NetworkDocument;
class ThemedPlot;

// Runs a TwinRun in its own thread.
class TwinRunWorker : public QObject {
  Q_OBJECT

 public:
  explicit TwinRunWorker(std::shared_ptr<std::atomic<bool>> cancel) : cancel_(std::move(cancel)) {}
  void run(const Project& project, int64_t steps);

 Q_SIGNALS:
  void progressed(double fraction);
  void finished(std::shared_ptr<const snn::gui::TwinRunResult> result);
  void failed(const QString& reason);

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
};

// Ideal versus non-ideal: the project's input through its network with ideal synapses and on
// its crossbars (TwinRun), in a worker thread with progress and Cancel; the two rasters of a
// population the crossbars drive side by side, the spikes only one run has drawn in red. GUI
// thread.
class TwinRunPanel : public QWidget {
  Q_OBJECT

 public:
  explicit TwinRunPanel(NetworkDocument* document, QWidget* parent = nullptr);
  ~TwinRunPanel() override;

  // Starts the twin run of the document's project (0 steps: the experiment's duration).
  void start(int64_t steps = 0);
  void cancel();
  bool running() const { return running_; }
  const TwinRunResult* result() const { return result_.get(); }
  ThemedPlot* idealRaster() const { return ideal_; }
  ThemedPlot* crossbarRaster() const { return crossbar_; }
  // Marked spikes in each raster (the difference), as drawn.
  int markedIdeal() const;
  int markedCrossbar() const;

 Q_SIGNALS:
  void finished();

 private:
  void showResult(std::shared_ptr<const TwinRunResult> result);
  void draw();
  void setRunning(bool running);

  NetworkDocument* document_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  WorkerThread<TwinRunWorker> thread_;
  QPushButton* runButton_;
  QPushButton* cancelButton_;
  QProgressBar* progress_;
  QComboBox* population_;
  QLabel* status_;
  ThemedPlot* ideal_;
  ThemedPlot* crossbar_;
  std::shared_ptr<const TwinRunResult> result_;
  bool running_ = false;
};

}  // namespace snn::gui

Q_DECLARE_METATYPE(std::shared_ptr<const snn::gui::TwinRunResult>)
