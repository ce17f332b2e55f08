#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "SessionTypes.h"
#include "SimulationWorker.h"
#include "WorkerThread.h"

namespace snn::gui {

class NetworkDocument;
struct ChangeEvent;

// Runs the document's network in a worker thread and streams what it records to the plots.
// Lives on the GUI thread and owns the worker thread; every call returns at once, the worker
// acts on it between two chunks. Run takes a copy of the project, so editing never races the
// simulation. An edit names its field (ChangeEvent), and the field's schema says what the running
// network does with it: a live field (a model parameter, a projection's weight, the duration)
// reaches it between two chunks; a structural one stops it and, if it was running, compiles the
// new network and runs on; one that is not part of a run (the layout, the training set-up) is
// ignored. Destroying the session (or
// shutdown()) stops the thread cleanly, even in the middle of a compile.
class SimulationSession : public QObject {
  Q_OBJECT

 public:
  explicit SimulationSession(NetworkDocument* document, QObject* parent = nullptr);
  ~SimulationSession() override;

  RunState state() const { return state_; }
  // Simulated per wall-clock time; 0 = as fast as possible.
  double speed() const { return settings_.speed; }
  bool isContinuous() const { return settings_.continuous; }
  const std::vector<Probe>& probes() const { return probes_; }
  RunLayoutPtr layout() const { return layout_; }
  // Simulated time of the last chunk's end, ms.
  double simulatedMs() const { return simulatedMs_; }
  // Simulated over wall-clock time in the last second of running.
  double realTimeFactor() const { return realTimeFactor_; }

  void run();  // compile if needed, then run (at the end: start over)
  void pause();
  void toggleRun();  // Space
  void step();       // advance 1 ms of simulated time, then hold
  void stop();       // end the run; the next Run compiles afresh
  void reset();      // back to t = 0, same network
  void setSpeed(double speed);
  void setContinuous(bool continuous);
  // Ends the run at this simulated time instead of the experiment's duration.
  void setRunLimit(std::optional<double> untilMs);
  void setProbes(std::vector<Probe> probes);
  // Stops the worker thread; waits for the chunk or compile in progress to give up.
  void shutdown();

 Q_SIGNALS:
  void stateChanged(snn::gui::RunState state);
  // The plots start over with these populations (a new compile, or a reset to t = 0).
  void runStarted(snn::gui::RunLayoutPtr layout);
  // The plots drop what they show (another project was opened).
  void recordingCleared();
  void chunkReady(snn::gui::ChunkPtr chunk);
  // The running network's crossbars after a chunk (the Crossbar dock's live views).
  void crossbarsReady(snn::gui::CrossbarSnapshotsPtr snapshots);
  void compileFailed(const std::vector<snn::Diagnostic>& diagnostics);
  void progressed(double simulatedMs, double realTimeFactor);
  void probesChanged(const std::vector<snn::gui::Probe>& probes);
  void messageReported(const QString& message);

 private:
  void onDocumentChanged(const ChangeEvent& event);
  void onWorkerState(RunState state);
  void onChunk(ChunkPtr chunk);
  void startWorker(SimulationWorker::Intent intent);
  // Compiles the document's project again and runs on (or stops when not running).
  void recompile();

  NetworkDocument* document_;
  std::shared_ptr<WorkerFlags> flags_;
  WorkerThread<SimulationWorker> thread_;
  RunState state_ = RunState::Idle;
  bool stopPending_ = false;  // stop() posted, the worker has not said Idle yet
  RunSettings settings_;
  std::vector<Probe> probes_;
  RunLayoutPtr layout_;
  double simulatedMs_ = 0.0;
  double realTimeFactor_ = 0.0;
  QElapsedTimer wall_;
  std::deque<std::pair<double, double>> recent_;  // (wall s, simulated ms) of the last chunks
};

}  // namespace snn::gui
