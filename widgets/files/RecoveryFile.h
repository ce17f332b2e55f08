#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <optional>

#include "model/NetworkSpec.h"

class QWidget;

namespace snn::gui {

class NetworkDocument;
class SimulationSession;
class TrainingSession;

// A copy of the unsaved document kept on disk, so a crash, a kill or a power cut loses at most
// the last edit. While the document is modified, RecoveryFile writes it (atomically, with the
// file it came from) to `snnwb-PID.json` in the recovery folder: at once after an edit (edits
// within a second of a write go a second later), every minute, and at once when a run or a
// training starts (the moments a bug or the OOM
// killer is likeliest to strike). Saving the document or closing cleanly removes the file. A
// file whose process no longer runs is left by a crash: the next start offers to restore it
// (offerRestore). GUI thread.
//
// The folder is $SNNWB_RECOVERY_DIR, else <app data>/recovery. Scripts and tests answer the
// offer with $SNNWB_RECOVERY_ANSWER=restore|discard instead of a dialog.
class RecoveryFile : public QObject {
  Q_OBJECT

 public:
  RecoveryFile(NetworkDocument* document, QObject* parent = nullptr);
  ~RecoveryFile() override;

  // Also saves when `session` starts compiling a run and `training` starts preparing.
  void saveWhenStarting(SimulationSession* session, TrainingSession* training);

  // What a crashed session left: the newest recovery file of a process that no longer runs.
  struct Orphan {
    QString path;       // the recovery file
    QString filePath;   // the project file it was editing ("" if never saved)
    QDateTime savedAt;  // when the copy was written
    Project project;
  };
  std::optional<Orphan> findOrphan() const;

  // Asks (or reads $SNNWB_RECOVERY_ANSWER) whether to restore the newest orphan; restores it
  // into the document as a modified document, and removes the orphan either way. Returns true
  // when it restored one.
  bool offerRestore(QWidget* parent);
  // Puts an orphan's project into the document, modified (so Save writes it to its file).
  void restore(const Orphan& orphan);

  QString folder() const { return folder_; }
  QString path() const { return path_; }  // this process's recovery file
  // Writes the recovery file now if the document is modified, removes it if not. Returns the
  // reason writing failed, or "".
  QString saveNow();

  static constexpr int kEditDelayMs = 1000;
  static constexpr int kPeriodMs = 60000;

 Q_SIGNALS:
  void saved();

 private:
  void onEdited();
  void onModifiedChanged(bool modified);
  void discard();

  NetworkDocument* document_;
  QString folder_;
  QString path_;
  QTimer soon_;      // the next write, a second after the previous one
  QTimer periodic_;  // every minute
  QElapsedTimer sinceSave_;
};

}  // namespace snn::gui
