// The window's file exports write atomically: a plot exported as PNG, SVG or PDF over a
// symbolic link replaces the file the link points to (the link stays), keeps its permissions
// (0600 stays 0600), leaves no temporary, and the picture is whole (PNG decodes at twice the
// plot's size, SVG parses, PDF has a page the plot's size); an image saved for a screenshot does
// the same, and an unknown format is refused without touching the target.
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

#include "files/AtomicImageWrite.h"
#include "plots/SpikeRasterPlot.h"

using namespace snn::gui;
namespace fs = std::filesystem;

namespace {

mode_t modeOf(const QString& path) {
  struct stat st {};
  stat(QFile::encodeName(path).constData(), &st);
  return st.st_mode & 07777;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// `name` in `dir` as a symlink to real/NAME, which exists with mode 0600.
QString linkedPrivateFile(const QTemporaryDir& dir, const QString& name) {
  QDir(dir.path()).mkpath("real");
  const QString real = dir.filePath("real/" + name);
  QFile f(real);
  f.open(QIODevice::WriteOnly);
  f.write("old");
  f.close();
  QFile::setPermissions(real, QFile::ReadOwner | QFile::WriteOwner);
  fs::create_symlink(("real/" + name).toStdString(), dir.filePath(name).toStdString());
  return dir.filePath(name);
}

void checkWrittenThrough(const QTemporaryDir& dir, const QString& name) {
  const QString link = dir.filePath(name), real = dir.filePath("real/" + name);
  QVERIFY(fs::is_symlink(fs::symlink_status(link.toStdString())));
  QCOMPARE(modeOf(real), mode_t(0600));
  QVERIFY(readAll(real) != "old");
  const QStringList left = QDir(dir.filePath("real")).entryList(QDir::Files | QDir::Hidden);
  QCOMPARE(left, QStringList{name});
}

}  // namespace

class TestAtomicExport : public QObject {
  Q_OBJECT
 private slots:
  void plotExportsAreAtomic_data();
  void plotExportsAreAtomic();
  void screenshotImageIsAtomic();
  void unknownFormatLeavesTargetAlone();
  void failedWriteKeepsTheOldFile_data();
  void failedWriteKeepsTheOldFile();
};

void TestAtomicExport::plotExportsAreAtomic_data() {
  QTest::addColumn<QString>("suffix");
  for (const char* s : {"png", "svg", "pdf"}) QTest::newRow(s) << s;
}

void TestAtomicExport::plotExportsAreAtomic() {
  QFETCH(QString, suffix);
  QTemporaryDir dir;
  SpikeRasterPlot raster;
  raster.resize(640, 320);
  const QString path = linkedPrivateFile(dir, "raster." + suffix);
  QCOMPARE(raster.exportTo(path), QString());
  checkWrittenThrough(dir, "raster." + suffix);
  const QByteArray bytes = readAll(path);
  if (suffix == "png") QCOMPARE(QImage::fromData(bytes).size(), QSize(1280, 640));
  if (suffix == "svg") QVERIFY(QSvgRenderer(bytes).isValid());
  if (suffix == "pdf") {
    QVERIFY(bytes.startsWith("%PDF"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    const QRegularExpression page(R"(/MediaBox \[0 0 640(\.0*)? 320(\.0*)?\])");
    QVERIFY2(QString::fromLatin1(bytes).contains(page),
             bytes.mid(bytes.indexOf("/MediaBox"), 40).constData());
  }
}

void TestAtomicExport::screenshotImageIsAtomic() {
  QTemporaryDir dir;
  QImage image(64, 32, QImage::Format_RGB32);
  image.fill(Qt::darkCyan);
  const QString path = linkedPrivateFile(dir, "window.png");
  QCOMPARE(saveImageAtomically(image, path), QString());
  checkWrittenThrough(dir, "window.png");
  QCOMPARE(QImage(path).convertToFormat(QImage::Format_RGB32), image);
}

void TestAtomicExport::unknownFormatLeavesTargetAlone() {
  QTemporaryDir dir;
  const QString path = linkedPrivateFile(dir, "window.xyz");
  QVERIFY(!saveImageAtomically(QImage(8, 8, QImage::Format_RGB32), path).isEmpty());
  QCOMPARE(readAll(path), QByteArray("old"));
}

void TestAtomicExport::failedWriteKeepsTheOldFile_data() {
  plotExportsAreAtomic_data();
}

void TestAtomicExport::failedWriteKeepsTheOldFile() {
  // A disk that fills up during the export (a file size limit of 1 kB makes write() fail with
  // EFBIG): the error is reported and the previous file is still whole, where writing in place
  // left a truncated picture.
  QFETCH(QString, suffix);
  QTemporaryDir dir;
  const QString path = dir.filePath("raster." + suffix);
  QFile old(path);
  QVERIFY(old.open(QIODevice::WriteOnly));
  old.write("old");
  old.close();
  SpikeRasterPlot raster;
  raster.resize(640, 320);
  rlimit saved{};
  getrlimit(RLIMIT_FSIZE, &saved);
  rlimit small = saved;
  small.rlim_cur = 1000;
  const auto previous = std::signal(SIGXFSZ, SIG_IGN);
  QVERIFY(setrlimit(RLIMIT_FSIZE, &small) == 0);
  const QString error = raster.exportTo(path);
  setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous);
  QVERIFY2(!error.isEmpty(), "a write beyond the file size limit reported success");
  QCOMPARE(readAll(path), QByteArray("old"));
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"raster." + suffix});
}

QTEST_MAIN(TestAtomicExport)
#include "tst_atomicexport.moc"
