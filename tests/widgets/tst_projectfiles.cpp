// Opening and saving through ProjectFileController (the dialog-free paths): a file that fails to
// load reports the engine's message and leaves the document exactly as it was; saving goes
// through QSaveFile and round-trips.
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QWidget>
#include <QtTest>

#include "TestSupport.h"
#include "commands/AddRemoveProjection.h"
#include "document/NetworkDocument.h"
#include "files/ProjectFileController.h"

using namespace snn;
using namespace snn::gui;

class TestProjectFiles : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

  QString write(const QString& name, const QByteArray& text) {
    QFile f(dir_.filePath(name));
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(f.fileName()));
    f.write(text);
    return f.fileName();
  }

  static QByteArray example(const char* name) {
    QFile f(QString::fromStdString(test::source(std::string("resources/examples/") + name)));
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", name);
    return f.readAll();
  }

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }  // recent files go elsewhere

  void brokenFileLeavesTheDocumentUntouched_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");  // part of the engine's message
    const QByteArray cuba = example("cuba.snnwb.json");
    QTest::newRow("truncated") << cuba.left(cuba.size() / 2) << "JSON";
    QTest::newRow("newer version")
        << QByteArray(cuba).replace("\"version\": 1", "\"version\": 7") << "version";
    QTest::newRow("wrong type") << QByteArray(cuba).replace("\"size\": 800", "\"size\": \"many\"")
                                << "size";
    QTest::newRow("not a project") << QByteArray("[1, 2, 3]") << "";
    QTest::newRow("empty") << QByteArray() << "";
  }

  void brokenFileLeavesTheDocumentUntouched() {
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    QWidget window;
    NetworkDocument doc;
    ProjectFileController files(&doc, {}, &window);
    QCOMPARE(
        files.openFile(QString::fromStdString(test::source("resources/examples/cuba.snnwb.json"))),
        QString());
    doc.undoStack()->push(new RemoveProjection(&doc, "exc_inh"));  // unsaved work
    const Project before = doc.project();
    const QString pathBefore = doc.filePath();

    const QString problem = files.openFile(write("broken.snnwb.json", text));
    QVERIFY2(!problem.isEmpty(), "a broken file was accepted");
    QVERIFY2(problem.contains(expected, Qt::CaseInsensitive), qPrintable(problem));
    QVERIFY(doc.project() == before);
    QCOMPARE(doc.filePath(), pathBefore);
    QVERIFY(doc.isModified());
    QCOMPARE(doc.undoStack()->count(), 1);
  }

  void missingFileNamesTheFile() {
    QWidget window;
    NetworkDocument doc;
    ProjectFileController files(&doc, {}, &window);
    const QString problem = files.openFile(dir_.filePath("nowhere.snnwb.json"));
    QVERIFY2(problem.contains("nowhere.snnwb.json"), qPrintable(problem));
    QVERIFY(doc.project() == Project{});
  }

  void invalidValuesStillOpenSoTheCanvasCanShowThem() {
    QWidget window;
    NetworkDocument doc;
    ProjectFileController files(&doc, {}, &window);
    const QByteArray bad = example("cuba.snnwb.json").replace("\"tau_m\": 20", "\"tau_m\": -20");
    QCOMPARE(files.openFile(write("invalid.snnwb.json", bad)), QString());
    QCOMPARE(doc.project().network.populations.size(), size_t{2});
  }

  void saveRoundTripsAndMarksClean() {
    QWidget window;
    NetworkDocument doc;
    ProjectFileController files(&doc, {}, &window);
    QCOMPARE(files.openExample(
                 QString::fromStdString(test::source("resources/examples/cuba.snnwb.json"))),
             QString());
    QVERIFY(doc.filePath().isEmpty());  // an example is a template
    QCOMPARE(files.documentTitle(), QString("cuba (example)"));
    doc.undoStack()->push(new RemoveProjection(&doc, "inh_inh"));
    const QString path = dir_.filePath("saved.snnwb.json");
    QCOMPARE(files.saveTo(path), QString());
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.filePath(), path);
    QCOMPARE(files.documentTitle(), QString("saved.snnwb.json"));
    QVERIFY(loadProject(path.toStdString()) == doc.project());
  }

  void failedSaveKeepsTheDocumentModified() {
    QWidget window;
    NetworkDocument doc;
    ProjectFileController files(&doc, {}, &window);
    QCOMPARE(
        files.openFile(QString::fromStdString(test::source("resources/examples/cuba.snnwb.json"))),
        QString());
    doc.undoStack()->push(new RemoveProjection(&doc, "inh_inh"));
    const QString problem = files.saveTo(dir_.filePath("no/such/folder/x.snnwb.json"));
    QVERIFY2(problem.contains("cannot write"), qPrintable(problem));
    QVERIFY(doc.isModified());
    QVERIFY(doc.filePath().endsWith("cuba.snnwb.json"));
  }
};

QTEST_MAIN(TestProjectFiles)
#include "tst_projectfiles.moc"
