// The ANN command lines (issue 10 contract): `snnwb-cli import MODEL.onnx` writes the ANN the
// importer reads in this process (and nothing when the model is refused), `snnwb-cli train
// --method ann` prints one JSON line per epoch and reaches the accuracy an AnnProjectTrainer run
// here reaches with the same settings (training is deterministic), `--qcfs L` trains QCFS
// activations, and `snnwb-cli evaluate` of the trained project gives the accuracy training
// reported.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "CliProcess.h"
#include "TestSupport.h"
#include "io/OnnxImporter.h"
#include "io/ProjectJson.h"
#include "learning/AnnProjectTrainer.h"

using namespace snn;

namespace {

using Outcome = test::CliOutcome;

Outcome cli(const QStringList& args) {
  return test::runProgram(SNNWB_CLI, args);
}

QString fixture(const char* name) {
  return QString::fromStdString(test::source(std::string("tests/data/onnx/") + name));
}

QString example(const char* name) {
  return QString::fromStdString(test::source(std::string("resources/examples/") + name));
}

using test::jsonLines;

}  // namespace

class TestAnnCli : public QObject {
  Q_OBJECT

 private slots:
  void importWritesTheImportedAnn() {
    QTemporaryDir dir;
    const QString out = dir.filePath("mlp.snnwb.json");
    const Outcome o =
        cli({"import", fixture("mlp.onnx"), "--out", out, "--mean", "0.5", "--std", "0.25"});
    QVERIFY2(o.status == 0, qPrintable(o.err));
    const Project p = loadProject(out.toStdString());
    QCOMPARE(p.network.anns.size(), size_t(1));
    QCOMPARE(p.network.anns[0].id, std::string("mlp"));
    AnnSpec expected = importOnnx(fixture("mlp.onnx").toStdString()).spec;
    expected.mean = {0.5f};
    expected.std = {0.25f};
    QVERIFY(p.network.anns[0].ann == expected);
    QVERIFY(p.training && p.training->method == "ann");
  }

  void refusedModelsWriteNothing_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unsupported") << "unsupported_ops.onnx"
                                 << "unsupported ONNX operators: Tanh (nodes '/2/Tanh', '/4/Tanh')";
    QTest::newRow("truncated") << "truncated"
                               << "truncated.onnx";
    QTest::newRow("mean of two channels") << "mean"
                                          << "field 'input.mean'";
  }

  void refusedModelsWriteNothing() {
    QFETCH(QString, model);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QStringList args{"import"};
    if (model == "truncated") {
      QFile full(fixture("cnn.onnx"));
      QVERIFY(full.open(QIODevice::ReadOnly));
      QFile half(dir.filePath("truncated.onnx"));
      QVERIFY(half.open(QIODevice::WriteOnly));
      half.write(full.readAll().left(int(full.size() / 2)));
      half.close();
      args << half.fileName();
    } else if (model == "mean") {
      args << fixture("mlp.onnx") << "--mean"
           << "0.5,0.5"
           << "--std"
           << "1,1";
    } else {
      args << fixture(model.toUtf8().constData());
    }
    const QString out = dir.filePath("out.snnwb.json");
    {
      QFile old(out);
      QVERIFY(old.open(QIODevice::WriteOnly));
      old.write("old");
    }
    const Outcome o = cli(args << "--out" << out);
    QCOMPARE(o.status, 2);
    QVERIFY2(o.err.contains(expected), qPrintable(o.err));
    QFile after(out);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), QByteArray("old"));  // untouched
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), model == "truncated" ? 2 : 1);
  }

  void trainPrintsEpochsAndMatchesTheLibrary() {
    QTemporaryDir dir;
    const QString out = dir.filePath("trained.snnwb.json");
    const Outcome o = cli({"train", example("ann_digits.snnwb.json"), "--method", "ann",
                           "--dataset", "digits", "--epochs", "3", "--json", "--out", out});
    QVERIFY2(o.status == 0, qPrintable(o.err));
    const std::vector<QJsonObject> lines = jsonLines(o.out);
    QCOMPARE(lines.size(), size_t(3));
    for (const QJsonObject& l : lines) {
      for (const char* key : {"epoch", "loss", "train_acc", "test_acc", "train_s", "epoch_s"})
        QVERIFY2(l.contains(key), key);
      QVERIFY(l["test_acc"].toDouble() >= 0.0 && l["test_acc"].toDouble() <= 1.0);
    }
    QVERIFY(lines[2]["loss"].toDouble() < lines[0]["loss"].toDouble());
    const double cliAccuracy = lines[2]["test_acc"].toDouble();
    QVERIFY2(cliAccuracy > 0.85, qPrintable(QString::number(cliAccuracy)));  // chance is 0.1

    // The same training in this process: the same accuracy, the same weights.
    const Project project = loadProject(example("ann_digits.snnwb.json").toStdString());
    AnnProjectTrainer trainer(project, loadDataset("digits"), {.threads = 1});
    EpochReport last;
    for (int epoch = 1; epoch <= 3; ++epoch) last = trainer.trainEpoch(epoch, {});
    QCOMPARE(cliAccuracy, last.testAccuracy);
    const Project trained = loadProject(out.toStdString());
    QVERIFY(trained.network.anns[0] == trainer.trainedProject().network.anns[0]);

    // Evaluating the trained project gives what training reported.
    const Outcome e = cli({"evaluate", out, "--dataset", "digits", "--json"});
    QVERIFY2(e.status == 0, qPrintable(e.err));
    QCOMPARE(jsonLines(e.out).at(0)["test_acc"].toDouble(), cliAccuracy);
  }

  void qcfsReplacesReluBeforeTraining() {
    QTemporaryDir dir;
    const QString out = dir.filePath("qcfs.snnwb.json");
    const Outcome o = cli({"train", example("ann_digits.snnwb.json"), "--method", "ann", "--qcfs",
                           "4", "--dataset", "digits", "--epochs", "2", "--json", "--out", out});
    QVERIFY2(o.status == 0, qPrintable(o.err));
    const Project p = loadProject(out.toStdString());
    const AnnLayerSpec* q = p.network.anns[0].ann.findLayer("relu1");
    QVERIFY(q && q->type == AnnLayerType::Qcfs);
    QCOMPARE(q->levels, 4);
    QVERIFY(q->threshold != QcfsDefaults::threshold);  // the threshold is trained too
    QVERIFY(jsonLines(o.out).back()["test_acc"].toDouble() > 0.5);

    const Outcome bad = cli({"train", example("surrogate_digits.snnwb.json"), "--qcfs", "4",
                             "--epochs", "1", "--json"});
    QCOMPARE(bad.status, 2);
    QVERIFY2(bad.err.contains("--qcfs needs --method ann"), qPrintable(bad.err));
  }
};

QTEST_GUILESS_MAIN(TestAnnCli)
#include "tst_anncli.moc"
