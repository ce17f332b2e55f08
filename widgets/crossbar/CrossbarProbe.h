#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "CrossbarSnapshot.h"
#include "session/WorkerThread.h"

namespace snn::gui {

// The worker of CrossbarProbe: compiles a copy of the project and snapshots its crossbars, in
// its own thread.
class CrossbarProbeWorker : public QObject {
  Q_OBJECT

 public:
  explicit CrossbarProbeWorker(std::shared_ptr<std::atomic<int>> latest)
      : latest_(std::move(latest)) {}
  void probe(const Project& project, int generation);

 Q_SIGNALS:
  void snapshotsReady(snn::gui::CrossbarSnapshotsPtr snapshots, int generation);
  void failed(const QString& reason, int generation);

 private:
  std::shared_ptr<std::atomic<int>> latest_;
};

// The crossbars of a project as programmed, for the Crossbar dock while no run is going: each
// request() compiles a copy of the project in a worker thread and hands back snapshots; only
// the answer to the latest request is passed on (earlier ones still queued are skipped). GUI
// thread.
class CrossbarProbe : public QObject {
  Q_OBJECT

 public:
  explicit CrossbarProbe(QObject* parent = nullptr);
  ~CrossbarProbe() override;

  void request(const Project& project);
  bool busy() const { return pending_ != answered_; }

 Q_SIGNALS:
  void snapshotsReady(snn::gui::CrossbarSnapshotsPtr snapshots);
  void failed(const QString& reason);

 private:
  std::shared_ptr<std::atomic<int>> latest_;
  WorkerThread<CrossbarProbeWorker> thread_;
  int pending_ = 0;
  int answered_ = 0;
};

}  // namespace snn::gui
