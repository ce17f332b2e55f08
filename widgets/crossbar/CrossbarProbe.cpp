#include "CrossbarProbe.h"

#include "model/Diagnostic.h"
#include "util/QtText.h"

namespace snn::gui {

void CrossbarProbeWorker::probe(const Project& project, int generation) {
  if (generation < latest_->load()) return;  // a newer request is queued behind this one
  try {
    auto snapshots = std::make_shared<const CrossbarSnapshots>(snapshotProject(project));
    Q_EMIT snapshotsReady(std::move(snapshots), generation);
  } catch (const SpecError& e) {
    const Diagnostic& d = e.diagnostics().front();
    Q_EMIT failed(toQ(d.toString()), generation);
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromUtf8(e.what()), generation);
  }
}

CrossbarProbe::CrossbarProbe(QObject* parent)
    : QObject(parent),
      latest_(std::make_shared<std::atomic<int>>(0)),
      thread_(new CrossbarProbeWorker(latest_), QStringLiteral("crossbar probe"),
              [latest = latest_] { latest->store(1 << 30); }) {
  qRegisterMetaType<CrossbarSnapshotsPtr>();
  connect(thread_.worker(), &CrossbarProbeWorker::snapshotsReady, this,
          [this](CrossbarSnapshotsPtr snapshots, int generation) {
            answered_ = std::max(answered_, generation);
            if (generation == pending_) Q_EMIT snapshotsReady(std::move(snapshots));
          });
  connect(thread_.worker(), &CrossbarProbeWorker::failed, this,
          [this](const QString& reason, int generation) {
            answered_ = std::max(answered_, generation);
            if (generation == pending_) Q_EMIT failed(reason);
          });
  thread_.start();
}

CrossbarProbe::~CrossbarProbe() {
  thread_.shutdown();
}

void CrossbarProbe::request(const Project& project) {
  const int generation = ++pending_;
  latest_->store(generation);
  thread_.post(
      [worker = thread_.worker(), project, generation] { worker->probe(project, generation); });
}

}  // namespace snn::gui
