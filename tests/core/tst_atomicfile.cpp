// Atomic writes: a writer killed with SIGKILL in the middle leaves the old file intact and no
// temporary behind (a forked child writes, then kills itself); stale `NAME.tmp-PID` files of
// dead processes are removed by the next write, those of live ones are not; a symlinked target
// is written through (the link stays a link); the target's permissions are kept; an abandoned
// write changes nothing; reading refuses a FIFO (without hanging) and a directory by name.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <future>

#include "TestSupport.h"
#include "io/AtomicFile.h"

using namespace snn;
namespace fs = std::filesystem;

namespace {

std::string contents(const fs::path& p) {
  return readTextFile(p);
}

void writeWith(const fs::path& p, const std::string& text) {
  AtomicFile f(p);
  f.stream() << text;
  f.commit();
}

// Every name in `dir` but `keep`.
QStringList othersIn(const QString& dir, const QStringList& keep) {
  QStringList names = QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System);
  for (const QString& k : keep) names.removeAll(k);
  return names;
}

mode_t modeOf(const fs::path& p) {
  struct stat st {};
  stat(p.c_str(), &st);
  return st.st_mode & 07777;
}

// A pid that no longer runs: a child that has exited and been reaped.
pid_t deadPid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  return child;
}

}  // namespace

class TestAtomicFile : public QObject {
  Q_OBJECT
 private slots:
  void killedWriterLeavesNothing_data();
  void killedWriterLeavesNothing();
  void staleTemporariesOfDeadProcessesAreRemoved();
  void symlinkIsWrittenThrough();
  void permissionsAreKept();
  void abandonedWriteChangesNothing();
  void readingRefusesFifoAndDirectory();
};

void TestAtomicFile::killedWriterLeavesNothing_data() {
  QTest::addColumn<bool>("unnamed");
  QTest::newRow("unnamed temporary (O_TMPFILE)") << true;
  QTest::newRow("named temporary (file systems without O_TMPFILE)") << false;
}

void TestAtomicFile::killedWriterLeavesNothing() {
  QFETCH(bool, unnamed);
  AtomicFile::setUnnamedTemporaries(unnamed);
  QTemporaryDir dir;
  const fs::path target = dir.filePath("project.snnwb.json").toStdString();
  writeWith(target, "old");
  const pid_t child = fork();
  if (child == 0) {
    AtomicFile f(target);
    f.stream() << std::string(1 << 20, 'x');
    f.stream().flush();
    ::kill(::getpid(), SIGKILL);  // no destructor, no commit: as kill -9 from outside
    _exit(1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  QCOMPARE(contents(target), std::string("old"));
  // An unnamed temporary vanishes with the process; a named one goes at the next write.
  if (unnamed) QCOMPARE(othersIn(dir.path(), {"project.snnwb.json"}), QStringList{});
  writeWith(target, "new");
  AtomicFile::setUnnamedTemporaries(true);
  QCOMPARE(contents(target), std::string("new"));
  const QStringList left = othersIn(dir.path(), {"project.snnwb.json"});
  QVERIFY2(left.isEmpty(), qPrintable("left behind: " + left.join(", ")));
}

void TestAtomicFile::staleTemporariesOfDeadProcessesAreRemoved() {
  QTemporaryDir dir;
  const fs::path target = dir.filePath("spikes.csv").toStdString();
  const QString dead = QString("spikes.csv.tmp-%1").arg(deadPid());
  const QString deadNumbered = QString("spikes.csv.tmp-%1-3").arg(deadPid());
  const QString live = QString("spikes.csv.tmp-%1").arg(getppid());  // runs: not ours to remove
  const QString unrelated = "spikes.csv.tmp-notapid";
  for (const QString& name : {dead, deadNumbered, live, unrelated}) {
    QFile f(dir.filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
  }
  writeWith(target, "new");
  QCOMPARE(contents(target), std::string("new"));
  QCOMPARE(othersIn(dir.path(), {"spikes.csv"}), (QStringList{live, unrelated}));
}

void TestAtomicFile::symlinkIsWrittenThrough() {
  for (bool unnamed : {true, false}) {
    AtomicFile::setUnnamedTemporaries(unnamed);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir("real"));
    const fs::path real = dir.filePath("real/model.snnwb.json").toStdString();
    const fs::path link = dir.filePath("model.snnwb.json").toStdString();
    writeWith(real, "old");
    fs::create_symlink("real/model.snnwb.json", link);  // relative, as users make them
    writeWith(link, "new");
    AtomicFile::setUnnamedTemporaries(true);
    QVERIFY(fs::is_symlink(fs::symlink_status(link)));
    QCOMPARE(contents(real), std::string("new"));
    QCOMPARE(contents(link), std::string("new"));
  }
}

void TestAtomicFile::permissionsAreKept() {
  QTemporaryDir dir;
  const fs::path target = dir.filePath("private.snnwb.json").toStdString();
  for (bool unnamed : {true, false})
    for (mode_t mode : {0600, 0640, 0444}) {
      writeWith(target, "old");
      chmod(target.c_str(), mode);
      AtomicFile::setUnnamedTemporaries(unnamed);
      writeWith(target, "new");
      AtomicFile::setUnnamedTemporaries(true);
      QCOMPARE(modeOf(target), mode);
      QCOMPARE(contents(target), std::string("new"));
      chmod(target.c_str(), 0600);
    }
  // A new file: 0666 less the umask, as any file a program creates.
  const mode_t mask = umask(022);
  umask(mask);
  const fs::path fresh = dir.filePath("fresh.csv").toStdString();
  writeWith(fresh, "x");
  QCOMPARE(modeOf(fresh), mode_t(0666 & ~mask));
}

void TestAtomicFile::abandonedWriteChangesNothing() {
  QTemporaryDir dir;
  const fs::path target = dir.filePath("out.csv").toStdString();
  writeWith(target, "old");
  {
    AtomicFile f(target);
    f.stream() << "half";
  }  // no commit
  QCOMPARE(contents(target), std::string("old"));
  QCOMPARE(othersIn(dir.path(), {"out.csv"}), QStringList{});
}

void TestAtomicFile::readingRefusesFifoAndDirectory() {
  QTemporaryDir dir;
  const std::string fifo = dir.filePath("pipe.snnwb.json").toStdString();
  QVERIFY(mkfifo(fifo.c_str(), 0600) == 0);
  auto read = std::async(std::launch::async, [&] {
    try {
      readTextFile(fifo);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string();
  });
  if (read.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
    const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
    read.wait();
    QFAIL("reading a FIFO hangs");
  }
  const std::string message = read.get();
  QVERIFY2(message.find("pipe.snnwb.json' is a FIFO") != std::string::npos, message.c_str());
  try {
    readTextFile(dir.path().toStdString());
    QFAIL("read a directory");
  } catch (const std::runtime_error& e) {
    QVERIFY2(std::string(e.what()).find("is a directory") != std::string::npos, e.what());
  }
}

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
