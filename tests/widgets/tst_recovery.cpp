// Nothing lost on a crash: the unsaved document is written to a recovery file at once after an
// edit, at the start of a run or a training, and removed when the document is saved. Killed
// with SIGKILL mid-edit, mid-run and mid-training (a child process editing through the document
// API: this test's own executable started with --child), the next start of the real `snnwb`
// finds the orphan, restores it (SNNWB_RECOVERY_ANSWER=restore) with every edit but possibly the
// last, as a modified document, and removes the orphan; with =discard it restores nothing. What
// the restarted window holds is read back from the recovery file it writes for the restored
// (modified) document.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <cstdio>

#include "TestSupport.h"
#include "commands/ChangeField.h"
#include "document/NetworkDocument.h"
#include "files/RecoveryFile.h"
#include "session/SimulationSession.h"
#include "training/TrainingSession.h"

using namespace snn;
using namespace snn::gui;

namespace {

QString example(const char* name) {
  return QString::fromStdString(test::source(std::string("resources/examples/") + name));
}

void setTauM(NetworkDocument& doc, const char* population, double tauM) {
  doc.undoStack()->push(new ChangeField(&doc, ObjectKind::Population, population, "params.tau_m",
                                        ValueSpec::constant(tauM)));
}

// tau_m of `population` in a recovery file, or -1.
double recoveredTauM(const QString& file, const QString& population) {
  QFile f(file);
  if (!f.open(QIODevice::ReadOnly)) return -1;
  const QJsonObject project = QJsonDocument::fromJson(f.readAll()).object()["project"].toObject();
  for (const QJsonValue& p : project["network"].toObject()["populations"].toArray())
    if (p.toObject()["id"].toString() == population)
      return p.toObject()["params"].toObject()["tau_m"].toDouble(-1);
  return -1;
}

void say(const char* line) {
  std::printf("%s\n", line);
  std::fflush(stdout);
}

// The child: edits through the document API, says how far it got, and waits to be killed.
//   --child edit:     tau_m 31 (written at once), then 32 at once after it (written a second
//                     later, so a kill right after loses it: the last edit)
//   --child run:      tau_m 31, 33 at once after it, then Run: the start writes 33
//   --child train:    as run, with a training of stdp_digits
int childMain(int argc, char** argv) {
  QApplication app(argc, argv);
  const QString mode = argv[2];
  NetworkDocument doc;
  SimulationSession session(&doc);
  TrainingSession training(&doc);
  RecoveryFile recovery(&doc);
  recovery.saveWhenStarting(&session, &training);
  const bool train = mode == "train";
  const char* population = train ? "exc" : "neurons";
  doc.replaceProject(
      loadProject(
          example(train ? "stdp_digits.snnwb.json" : "first_network.snnwb.json").toStdString()),
      example(train ? "stdp_digits.snnwb.json" : "first_network.snnwb.json"));
  setTauM(doc, population, 31);
  if (mode == "edit") {
    setTauM(doc, population, 32);
    say("EDITED");
  } else {
    setTauM(doc, population, 33);
    if (train) {
      QObject::connect(&training, &TrainingSession::progressed, [] { say("STARTED"); });
      training.start({.epochs = 100});
    } else {
      QObject::connect(&session, &SimulationSession::chunkReady, [] { say("STARTED"); });
      session.setContinuous(true);
      session.run();
    }
  }
  return app.exec();
}

}  // namespace

class TestRecovery : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    qputenv("SNNWB_RECOVERY_DIR", dir_.path().toLocal8Bit());
  }
  void init() {
    for (const QString& f : QDir(dir_.path()).entryList(QDir::Files))
      QFile::remove(dir_.filePath(f));
  }

  void editsAreWrittenAndSavingRemovesThem() {
    NetworkDocument doc;
    doc.replaceProject(loadProject(example("first_network.snnwb.json").toStdString()), "x.json");
    RecoveryFile recovery(&doc);
    QVERIFY(!QFile::exists(recovery.path()));
    setTauM(doc, "neurons", 41);  // the first edit after a quiet second: written at once
    QCOMPARE(recoveredTauM(recovery.path(), "neurons"), 41.0);
    setTauM(doc, "neurons", 42);  // within the second: a second later
    QVERIFY(QTest::qWaitFor([&] { return recoveredTauM(recovery.path(), "neurons") == 42; },
                            3 * RecoveryFile::kEditDelayMs));
    doc.markSaved("x.json");
    QVERIFY(!QFile::exists(recovery.path()));
    doc.undoStack()->undo();  // modified again
    QVERIFY(QTest::qWaitFor([&] { return recoveredTauM(recovery.path(), "neurons") == 41; },
                            3 * RecoveryFile::kEditDelayMs));
    // Our own file is no orphan: this process runs.
    QVERIFY(!recovery.findOrphan());
  }

  void killedMidEdit() { killAndRestart("edit", "neurons", {31.0, 32.0}); }
  void killedMidRun() { killAndRestart("run", "neurons", {33.0}); }
  void killedMidTraining() { killAndRestart("train", "exc", {33.0}); }

  void discardRestoresNothing() {
    const qint64 child = startChildAndKill("edit");
    QVERIFY(child > 0);
    QProcess gui;
    startGui(gui, "discard");
    QVERIFY(QTest::qWaitFor([&] { return !QFile::exists(orphanOf(child)); }, 20000));
    QTest::qWait(2 * RecoveryFile::kEditDelayMs);  // nothing restored, so nothing to write
    QCOMPARE(QDir(dir_.path()).entryList(QDir::Files), QStringList{});
    stop(gui);
  }

 private:
  QString orphanOf(qint64 pid) const { return dir_.filePath(QString("snnwb-%1.json").arg(pid)); }

  // Starts this executable with --child MODE, waits for its line, kills it with SIGKILL.
  qint64 startChildAndKill(const QString& mode) {
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments({"--child", mode});
    child.start();
    const QByteArray expected = mode == "edit" ? "EDITED" : "STARTED";
    if (!QTest::qWaitFor(
            [&] {
              child.waitForReadyRead(50);
              return child.readAllStandardOutput().contains(expected) || !child.isOpen();
            },
            60000))
      return -1;
    const qint64 pid = child.processId();
    ::kill(static_cast<pid_t>(pid), SIGKILL);
    child.waitForFinished();
    return child.exitStatus() == QProcess::CrashExit ? pid : -1;
  }

  void startGui(QProcess& gui, const QString& answer) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SNNWB_RECOVERY_ANSWER", answer);
    env.insert("QT_QPA_PLATFORM", "offscreen");
    gui.setProcessEnvironment(env);
    gui.start(SNNWB_GUI, {example("first_network.snnwb.json")});
    QVERIFY(gui.waitForStarted());
  }

  static void stop(QProcess& gui) {
    gui.kill();
    gui.waitForFinished();
  }

  // Kills a child in `mode`, restarts the window, and checks that it restored tau_m of
  // `population` to one of `accepted` (the last edit may be lost, not the one before).
  void killAndRestart(const QString& mode, const QString& population,
                      const QList<double>& accepted) {
    const qint64 child = startChildAndKill(mode);
    QVERIFY2(child > 0, "the child did not get as far as it should");
    QVERIFY(QFile::exists(orphanOf(child)));
    QProcess gui;
    startGui(gui, "restore");
    const QString restored = orphanOf(gui.processId());
    QVERIFY2(QTest::qWaitFor([&] { return QFile::exists(restored); }, 30000),
             "the restarted window keeps no recovered document");
    const double tauM = recoveredTauM(restored, population);
    QVERIFY2(accepted.contains(tauM), qPrintable(QString("restored tau_m = %1").arg(tauM)));
    // Offered once: removed once the restored copy is safe in this process's file.
    QVERIFY(QTest::qWaitFor([&] { return !QFile::exists(orphanOf(child)); }, 10000));
    stop(gui);
  }

  QTemporaryDir dir_;
};

int main(int argc, char** argv) {
  if (argc > 2 && std::string(argv[1]) == "--child") return childMain(argc, argv);
  QApplication app(argc, argv);
  TestRecovery test;
  return QTest::qExec(&test, argc, argv);
}

#include "tst_recovery.moc"
