// ANN nodes in the window: the canvas card lists the layer stack with each layer's output shape
// (checked against the shapes of the network written out by hand: 5x5 convs with padding 2
// keep 28x28, 2x2 pools halve it); the inspector's settings are undoable edits that the canvas
// follows and a bad value never reaches the document; File > Import makes a new document from an
// ONNX model and a refused model leaves the document as it was; File > Export lists what the
// format cannot express and writes nothing then; the Training dock's session trains an ANN
// (method "ann") and applying what it learned is one undo step.
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <set>

#include "TestSupport.h"
#include "canvas/AnnItem.h"
#include "canvas/NetworkScene.h"
#include "commands/ApplyTrainedWeights.h"
#include "document/NetworkDocument.h"
#include "document/ProjectDiagnostics.h"
#include "files/ImportExportController.h"
#include "files/ProjectFileController.h"
#include "inspector/AnnEditor.h"
#include "inspector/InspectorPanel.h"
#include "inspector/SchemaField.h"
#include "io/OnnxImporter.h"
#include "training/TrainingSession.h"

using namespace snn;
using namespace snn::gui;

namespace {

struct Fixture {
  NetworkDocument doc;
  ProjectDiagnostics diagnostics{&doc};
  NetworkScene scene{&doc, &diagnostics};
  InspectorPanel panel{&doc, &scene};
  explicit Fixture(const char* example) {
    doc.replaceProject(loadProject(test::source(std::string("resources/examples/") + example)), {});
    panel.resize(380, 760);
    panel.show();
  }
  AnnItem* item(const char* id) const { return dynamic_cast<AnnItem*>(scene.nodeItem(id)); }
  const AnnSpec& ann(const char* id) const { return doc.project().network.findAnn(id)->ann; }
};

void type(QLineEdit* edit, const QString& text) {
  edit->setFocus();
  edit->selectAll();
  QTest::keyClicks(edit, text);
  QTest::keyClick(edit, Qt::Key_Return);
}

QString onnx(const char* name) {
  return QString::fromStdString(test::source(std::string("tests/data/onnx/") + name));
}

}  // namespace

class TestAnnWidgets : public QObject {
  Q_OBJECT

 private slots:
  void canvasShowsTheLayerStack() {
    Fixture f("ann_fashion_cnn.snnwb.json");
    AnnItem* item = f.item("cnn");
    QVERIFY(item);
    const QStringList expected{"conv2d 16x28x28",  "relu 16x28x28", "avg_pool2d 16x14x14",
                               "conv2d 32x14x14",  "relu 32x14x14", "avg_pool2d 32x7x7",
                               "flatten 1568x1x1", "dense 128x1x1", "relu 128x1x1",
                               "dense 10x1x1"};
    QCOMPARE(item->layerLines(), expected);
    QVERIFY(item->boundingRect().height() > NodeItem::kHeight + 10 * AnnItem::kLineHeight);
  }

  void inspectorEditsAreUndoable() {
    Fixture f("ann_fashion_cnn.snnwb.json");
    f.scene.selectObject("cnn");
    auto* page = f.panel.findChild<AnnEditor*>();
    QVERIFY(page);
    SchemaField* units = page->field("layers.fc1.units");
    QVERIFY(units);
    type(units->lineEdit(), "64");
    QCOMPARE(f.ann("cnn").findLayer("fc1")->units, 64);
    QCOMPARE(f.item("cnn")->layerLines().at(7), QString("dense 64x1x1"));
    QCOMPARE(f.doc.undoStack()->count(), 1);
    type(units->lineEdit(), "0");  // refused at the field
    QCOMPARE(f.ann("cnn").findLayer("fc1")->units, 64);
    QCOMPARE(f.doc.undoStack()->count(), 1);
    f.doc.undoStack()->undo();
    QCOMPARE(f.ann("cnn").findLayer("fc1")->units, 128);
    QCOMPARE(f.item("cnn")->layerLines().at(7), QString("dense 128x1x1"));
    // A change of the input reaches every shape below it.
    type(page->field("input.height")->lineEdit(), "32");
    QCOMPARE(f.item("cnn")->layerLines().at(0), QString("conv2d 16x32x28"));
  }

  void importMakesANewDocumentOrChangesNothing() {
    Fixture f("ann_digits.snnwb.json");
    QWidget window;
    ProjectFileController files(&f.doc, {}, &window);
    ImportExportController io(&f.doc, &files, &window);
    const Project before = f.doc.project();
    const QString refused = io.importFile(onnx("unsupported_ops.onnx"));
    QVERIFY2(refused.contains("Tanh (nodes '/2/Tanh', '/4/Tanh')"), qPrintable(refused));
    QVERIFY(f.doc.project() == before);

    QCOMPARE(io.importFile(onnx("cnn.onnx")), QString());
    QCOMPARE(f.doc.project().network.anns.size(), size_t(1));
    QVERIFY(f.doc.project().network.anns[0].ann == importOnnx(onnx("cnn.onnx").toStdString()).spec);
    QVERIFY(f.item("cnn"));
    QCOMPARE(f.doc.undoStack()->count(), 0);  // a new document, as opening one
  }

  void damagedNirIsRefusedNotHung() {
    // The fuzzer's NIR file whose global heap makes libhdf5 1.10 loop forever: the window gets
    // the error naming file and dataset, and keeps its document.
    Fixture f("ann_digits.snnwb.json");
    QWidget window;
    ProjectFileController files(&f.doc, {}, &window);
    ImportExportController io(&f.doc, &files, &window);
    const Project before = f.doc.project();
    const QString file = QString::fromStdString(
        test::source("tests/fuzz/regressions/nir/global-heap-zero-size-free-space"));
    const QString refused = io.importFile(file);
    QVERIFY2(refused.startsWith(file + ": 'version' points into a damaged global heap"),
             qPrintable(refused));
    QVERIFY(f.doc.project() == before);
  }

  void nirImportFollowsTheChosenDialect() {
    // cnn_sinabs.nir read as plain NIR gets if neurons; read as Sinabs reads it (the import
    // dialog's "written by Sinabs" filter), multi_spike_if, and it exports back for Sinabs only.
    Fixture f("ann_digits.snnwb.json");
    QWidget window;
    ProjectFileController files(&f.doc, {}, &window);
    ImportExportController io(&f.doc, &files, &window);
    const QString file = QString(SNNWB_SOURCE_DIR) + "/tests/data/nir/cnn_sinabs.nir";
    const NetworkDocument& doc = f.doc;
    auto models = [&doc] {
      std::set<std::string> out;
      for (const PopulationSpec& p : doc.project().network.populations) out.insert(p.model);
      return out;
    };
    QCOMPARE(io.importFile(file), QString());
    QVERIFY(models().count("if") && !models().count("multi_spike_if"));
    QCOMPARE(io.importFile(file, nir::NirDialect::Sinabs), QString());
    QVERIFY(models().count("multi_spike_if") && !models().count("if"));
    using Format = ImportExportController::ExportFormat;
    QVERIFY(!io.checkExport(Format::Nir).refused.isEmpty());
    QVERIFY2(io.checkExport(Format::NirSinabs).refused.isEmpty(),
             qPrintable(io.checkExport(Format::NirSinabs).refused.join('\n')));
  }

  void exportListsWhatCannotBeExported() {
    Fixture f("ann_digits.snnwb.json");
    QWidget window;
    ProjectFileController files(&f.doc, {}, &window);
    ImportExportController io(&f.doc, &files, &window);
    QTemporaryDir dir;
    for (auto format :
         {ImportExportController::ExportFormat::Pynn, ImportExportController::ExportFormat::Nir}) {
      const auto check = io.checkExport(format);
      QCOMPARE(check.refused.size(), 1);
      QVERIFY2(check.refused[0].startsWith("ANN 'mlp': "), qPrintable(check.refused[0]));
      const QString path = dir.filePath("out");
      QVERIFY(!io.exportTo(path, format).isEmpty());
      QVERIFY(!QFile::exists(path));  // nothing written
    }
    f.doc.replaceProject(loadProject(test::source("resources/examples/cuba.snnwb.json")), {});
    const auto check = io.checkExport(ImportExportController::ExportFormat::Pynn);
    QVERIFY2(check.refused.isEmpty(), qPrintable(check.refused.join('\n')));
    QCOMPARE(io.exportTo(dir.filePath("cuba.py"), ImportExportController::ExportFormat::Pynn),
             QString());
    QVERIFY(QFile(dir.filePath("cuba.py")).size() > 100);
  }

  void trainingSessionTrainsAnAnn() {
    NetworkDocument doc;
    doc.replaceProject(loadProject(test::source("resources/examples/ann_digits.snnwb.json")), {});
    const Project original = doc.project();
    TrainingSession session(&doc);
    QSignalSpy epochs(&session, &TrainingSession::epochFinished);
    QSignalSpy finished(&session, &TrainingSession::finished);
    session.start({.epochs = 2});
    QVERIFY(finished.wait(60000) || finished.count() > 0);
    QCOMPARE(finished.at(0).at(0).value<TrainingOutcome>(), TrainingOutcome::Completed);
    QCOMPARE(epochs.count(), 2);
    const EpochReport last = epochs.at(1).at(0).value<EpochReport>();
    QVERIFY(std::isfinite(last.loss));
    QVERIFY2(last.testAccuracy > 0.8, qPrintable(QString::number(last.testAccuracy)));
    QVERIFY(doc.project() == original);  // nothing reaches the document by itself
    const Project& from = *session.startProject();
    const Project& trained = *session.trainedProject();
    QVERIFY(ApplyTrainedWeights::problem(doc.project(), from, trained).isEmpty());
    auto* apply = new ApplyTrainedWeights(&doc, from, trained);
    QCOMPARE(apply->changes(), 1);
    doc.undoStack()->push(apply);
    QVERIFY(doc.project().network.anns[0] == trained.network.anns[0]);
    doc.undoStack()->undo();
    QVERIFY(doc.project() == original);
  }
};

QTEST_MAIN(TestAnnWidgets)
#include "tst_annwidgets.moc"
