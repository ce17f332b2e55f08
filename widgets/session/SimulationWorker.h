#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "RunPacer.h"
#include "SessionTypes.h"
#include "crossbar/CrossbarSnapshot.h"
#include "model/NetworkSpec.h"
#include "sim/Simulator.h"

namespace snn::gui {

// How far and how fast a run goes.
struct RunSettings {
  double speed = 1.0;             // simulated per wall-clock time; 0 = as fast as possible
  bool continuous = false;        // ignore the experiment's duration
  std::optional<double> untilMs;  // stop here instead (snnwb --run-for)
};

// Flags the GUI thread sets or reads without waiting for the worker's event loop.
struct WorkerFlags {
  std::atomic<bool> cancelCompile{false};  // polled by the compiler while it draws synapses
  std::atomic<int> chunksInFlight{0};      // emitted, not yet taken by the plots
};

// Runs the engine for a SimulationSession. Lives in the session's worker QThread: every public
// function is called there, through queued invocations (Qt's Mandelbrot and Tiled's
// ProjectModel pattern). It compiles its own copy of the project, then runs one chunk per tick
// of its timer and hands each chunk over as an immutable shared_ptr. Control requests are
// handled between chunks, and no chunk is planned to take more than a frame (RunPacer), so a
// pause or a stop takes effect within about 35 ms.
class SimulationWorker : public QObject {
  Q_OBJECT

 public:
  enum class Intent { Run, Step, Hold };

  explicit SimulationWorker(std::shared_ptr<WorkerFlags> flags, QObject* parent = nullptr);
  ~SimulationWorker() override;

  // Compiles `project` (dropping any previous run), then runs, steps once or holds paused.
  void start(std::shared_ptr<const Project> project, Intent intent);
  void resume();
  void pause();
  void step();
  void stop();
  void reset();
  void setSettings(RunSettings settings);
  // A field whose schema says a running network takes it live (project/FieldSchemas.h): the
  // experiment's duration, or what Simulator::applyLiveChange takes. When the compiled network
  // cannot take it, reports liveChangeRefused and changes nothing.
  void applyLiveChange(ObjectKind kind, const std::string& id, const std::string& field,
                       ParamValue value);
  void setProbes(std::vector<Probe> probes);
  // Lowers the calling thread's priority a little (Linux: nice + 5), so that when the
  // simulation and the GUI thread compete for a core the window wins and the run slows down.
  static void yieldToGui();

 Q_SIGNALS:
  void stateChanged(snn::gui::RunState state);
  // A run (re)starts from step 0 with these populations: after a compile and after a reset.
  void runStarted(snn::gui::RunLayoutPtr layout);
  void compileFailed(std::vector<snn::Diagnostic> diagnostics);
  void chunkReady(snn::gui::ChunkPtr chunk);
  // The crossbars as they are after a chunk (at most a few times a second): the Crossbar dock.
  void crossbarsReady(snn::gui::CrossbarSnapshotsPtr snapshots);
  void probesChanged(std::vector<snn::gui::Probe> probes);
  void messageReported(QString message);
  // applyLiveChange could not change the running network: it must be compiled again.
  void liveChangeRefused(QString reason);

 private:
  void tick();
  void runChunk(int64_t steps);
  void setState(RunState state);
  void applyProbes();
  std::vector<Probe> defaultProbes() const;
  int64_t stepsLeft() const;  // before the end of the run; -1 = no end
  double wallSeconds() const { return static_cast<double>(clock_.nsecsElapsed()) * 1e-9; }
  void scheduleTick(int delayMs);

  std::shared_ptr<WorkerFlags> flags_;
  std::shared_ptr<const Project> project_;
  std::unique_ptr<Simulator> sim_;
  RunLayoutPtr layout_;
  RunState state_ = RunState::Idle;
  RunSettings settings_;
  double durationMs_ = 0.0;
  std::vector<Probe> probes_;
  std::vector<int> probeMonitors_;
  RunPacer pacer_;
  QTimer ticker_;
  QElapsedTimer clock_;
  double lastCrossbarSnapshot_ = -1.0;  // wallSeconds() of the last crossbarsReady
};

}  // namespace snn::gui
