#include "RecoveryFile.h"

#include <signal.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QStandardPaths>
#include <QUndoStack>
#include <cerrno>

#include "AtomicImageWrite.h"
#include "document/NetworkDocument.h"
#include "io/ProjectJson.h"
#include "session/SimulationSession.h"
#include "training/TrainingSession.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

QString recoveryFolder() {
  const QString fromEnv = qEnvironmentVariable("SNNWB_RECOVERY_DIR");
  if (!fromEnv.isEmpty()) return fromEnv;
  return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + "/recovery";
}

// The PID in "snnwb-PID.json", or 0.
qint64 ownerOf(const QString& fileName) {
  if (!fileName.startsWith("snnwb-") || !fileName.endsWith(".json")) return 0;
  bool ok = false;
  const qint64 pid = fileName.mid(6, fileName.size() - 11).toLongLong(&ok);
  return ok ? pid : 0;
}

bool running(qint64 pid) {
  // ESRCH: no such process. EPERM: it runs as another user.
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
}

}  // namespace

RecoveryFile::RecoveryFile(NetworkDocument* document, QObject* parent)
    : QObject(parent), document_(document), folder_(recoveryFolder()) {
  path_ = folder_ + QString("/snnwb-%1.json").arg(QCoreApplication::applicationPid());
  soon_.setSingleShot(true);
  connect(&soon_, &QTimer::timeout, this, &RecoveryFile::saveNow);
  periodic_.setInterval(kPeriodMs);
  connect(&periodic_, &QTimer::timeout, this, &RecoveryFile::saveNow);
  periodic_.start();
  // Every edit, undo and redo emits changed(); saving emits modifiedChanged(false).
  connect(document_, &NetworkDocument::changed, this, &RecoveryFile::onEdited);
  connect(document_, &NetworkDocument::modifiedChanged, this, &RecoveryFile::onModifiedChanged);
}

RecoveryFile::~RecoveryFile() {
  discard();  // a clean exit leaves nothing to recover (the window asked to save first)
}

void RecoveryFile::saveWhenStarting(SimulationSession* session, TrainingSession* training) {
  if (session)
    connect(session, &SimulationSession::stateChanged, this, [this](RunState s) {
      if (s == RunState::Compiling) saveNow();
    });
  if (training)
    connect(training, &TrainingSession::stateChanged, this, [this](TrainingState s) {
      if (s == TrainingState::Preparing) saveNow();
    });
}

void RecoveryFile::onEdited() {
  if (!document_->isModified() || soon_.isActive()) return;
  // The first edit after a quiet second is written at once; edits that follow within the
  // second go with the next write, a second after the previous one. A kill loses at most the
  // edits of the last second: at human pace, the last edit.
  const qint64 since = sinceSave_.isValid() ? sinceSave_.elapsed() : kEditDelayMs;
  if (since >= kEditDelayMs)
    saveNow();
  else
    soon_.start(static_cast<int>(kEditDelayMs - since));
}

void RecoveryFile::onModifiedChanged(bool modified) {
  if (modified) {
    onEdited();
  } else {
    soon_.stop();
    discard();
  }
}

void RecoveryFile::discard() {
  QFile::remove(path_);
}

QString RecoveryFile::saveNow() {
  soon_.stop();
  if (!document_->isModified()) {
    discard();
    return {};
  }
  QJsonObject record;
  record["snnwb_recovery"] = 1;
  record["file"] = document_->filePath();
  record["saved"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
  record["project"] =
      QJsonDocument::fromJson(QByteArray::fromStdString(serializeProject(document_->project())))
          .object();
  if (!QDir().mkpath(folder_)) return tr("cannot create the recovery folder '%1'").arg(folder_);
  const QString problem =
      writeFileAtomically(path_, QJsonDocument(record).toJson(QJsonDocument::Compact));
  sinceSave_.start();
  if (problem.isEmpty()) Q_EMIT saved();
  return problem;
}

std::optional<RecoveryFile::Orphan> RecoveryFile::findOrphan() const {
  std::optional<Orphan> newest;
  const QDir dir(folder_);
  for (const QString& name : dir.entryList({"snnwb-*.json"}, QDir::Files)) {
    const qint64 pid = ownerOf(name);
    if (pid <= 0 || pid == QCoreApplication::applicationPid() || running(pid)) continue;
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::ReadOnly)) continue;
    const QJsonObject record = QJsonDocument::fromJson(f.readAll()).object();
    if (record["snnwb_recovery"].toInt() != 1) continue;
    ProjectParseResult parsed = parseProject(
        QJsonDocument(record["project"].toObject()).toJson(QJsonDocument::Compact).toStdString());
    if (!parsed.ok()) continue;
    Orphan o{dir.filePath(name), record["file"].toString(),
             QDateTime::fromString(record["saved"].toString(), Qt::ISODateWithMs),
             std::move(parsed.project)};
    if (!newest || o.savedAt > newest->savedAt) newest = std::move(o);
  }
  return newest;
}

void RecoveryFile::restore(const Orphan& orphan) {
  document_->replaceProject(orphan.project, orphan.filePath);
  // Modified: the recovered edits are not in the file yet (and this process now keeps them).
  document_->undoStack()->resetClean();
}

bool RecoveryFile::offerRestore(QWidget* parent) {
  const std::optional<Orphan> orphan = findOrphan();
  if (!orphan) return false;
  QString answer = qEnvironmentVariable("SNNWB_RECOVERY_ANSWER");
  if (answer.isEmpty()) {
    const QString what = orphan->filePath.isEmpty()
                             ? tr("an unsaved project")
                             : tr("'%1'").arg(QDir::toNativeSeparators(orphan->filePath));
    const auto button = QMessageBox::question(
        parent, tr("Restore unsaved work?"),
        tr("SNN Workbench did not close properly while editing %1. Restore the changes saved "
           "for recovery at %2?")
            .arg(what, QLocale().toString(orphan->savedAt.toLocalTime(), QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
    answer = button == QMessageBox::Yes ? "restore" : "discard";
  }
  const bool restoring = answer == "restore";
  if (restoring) {
    restore(*orphan);
    // This process keeps the edits from now on; the orphan goes only once they are safe here.
    if (!saveNow().isEmpty()) return true;
  }
  QFile::remove(orphan->path);
  return restoring;
}

}  // namespace snn::gui
