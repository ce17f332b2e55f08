// The energy command lines (issue 12 contract): `snnwb-cli energy --json` prints one object with
// every substrate's total_j, per_inference_j, ops and layers and the constants with sources,
// whose counts equal a run of the same project in this process (an independent path: the
// Simulator's counts here, the command's there); `run --json` carries the same "energy" block;
// a bad chip or a bad energy block fails with status 2 and names the field.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "CliProcess.h"
#include "TestSupport.h"
#include "io/ProjectJson.h"

using namespace snn;

namespace {

using Outcome = test::CliOutcome;

Outcome cli(const QStringList& args) {
  return test::runProgram(SNNWB_CLI, args);
}

const char* kProject = R"({"format": "snn-workbench", "version": 1, "network": {
  "populations": [{"id": "in", "model": "poisson", "size": 80, "params": {"rate": 30}},
                  {"id": "out", "model": "lif", "size": 40}],
  "projections": [{"id": "p", "pre": "in", "post": "out",
                   "connector": {"type": "random", "p": 0.3}, "weight": 0.3}],
  "monitors": []},
  "experiment": {"dt": 0.1, "duration": 300, "seed": 9}, ENERGY})";

QString write(const QTemporaryDir& dir, const std::string& energy) {
  std::string text = kProject;
  text.replace(text.find("ENERGY"), 6, energy);
  const QString path = dir.filePath("p.snnwb.json");
  std::ofstream(path.toStdString()) << text;
  return path;
}

}  // namespace

class TestEnergyCli : public QObject {
  Q_OBJECT
 private slots:
  void energyJsonContract() {
    QTemporaryDir dir;
    const QString path = write(dir, R"("energy": {"chip": "truenorth"})");
    const Outcome o = cli({"energy", path, "--json"});
    QVERIFY2(o.status == 0, qPrintable(o.err));
    const QJsonObject j = QJsonDocument::fromJson(o.out.toUtf8()).object();
    const QJsonObject substrates = j["substrates"].toObject();
    for (const char* name : {"ann_fp32", "ann_int8", "snn_cmos", "snn_chip", "crossbar"}) {
      const QJsonObject s = substrates[name].toObject();
      QVERIFY2(s["total_j"].toDouble() > 0, name);
      QVERIFY(s.contains("per_inference_j") && s["ops"].isObject() && s["layers"].isArray());
    }
    QCOMPARE(substrates["snn_chip"].toObject()["chip"].toString(), QString("truenorth"));
    QVERIFY(j["constants"].toArray().size() > 10);
    QVERIFY(j["constants"].toArray()[0].toObject().contains("source"));

    // The same run in this process: the command's synaptic operations and 26 pJ each.
    Simulator sim(std::move(compile(loadProject(path.toStdString()), {}).network));
    sim.run(3000);
    const uint64_t ops = sim.operationCounts().totalSynapticOps();
    QVERIFY(ops > 0);
    QCOMPARE(uint64_t(j["counts"].toObject()["synaptic_ops"].toDouble()), ops);
    SNN_COMPARE_NEAR(substrates["snn_chip"].toObject()["parts"].toObject()["compute"].toDouble(),
                     double(ops) * 26e-12, 1e-18);

    const Outcome run = cli({"run", path, "--json"});
    QVERIFY2(run.status == 0, qPrintable(run.err));
    const QJsonObject energy =
        QJsonDocument::fromJson(run.out.toUtf8()).object()["energy"].toObject();
    SNN_COMPARE_NEAR(energy["substrates"].toObject()["snn_chip"].toObject()["total_j"].toDouble(),
                     substrates["snn_chip"].toObject()["total_j"].toDouble(), 1e-18);
  }

  void textTableAndBadInput() {
    QTemporaryDir dir;
    const QString path = write(dir, R"("energy": {"constants": {"xbar.adc": 3}})");
    const Outcome text = cli({"energy", path});
    QVERIFY2(text.status == 0, qPrintable(text.err));
    QVERIFY(text.out.contains("snn_chip") && text.out.contains("xbar.adc = 3"));
    const Outcome chip = cli({"energy", path, "--chip", "abacus"});
    QCOMPARE(chip.status, 2);
    QVERIFY2(chip.err.contains("--chip") && chip.err.contains("loihi"), qPrintable(chip.err));
    const QString bad = write(dir, R"("energy": {"constants": {"xbar.nope": 3}})");
    const Outcome block = cli({"energy", bad});
    QCOMPARE(block.status, 2);
    QVERIFY2(block.err.contains("energy.constants.xbar.nope"), qPrintable(block.err));
  }

  // With --dataset every substrate gets an "accuracy": the crossbar's equals what `evaluate`
  // (another command, the project as it stands) measures on the same samples; the SNN's is a
  // number too; the ANN bars say why they have none (a null and a note).
  void accuracyBesideEachSubstrate() {
    const QString project = QString::fromStdString(
        test::source("resources/examples/crossbar_surrogate_digits.snnwb.json"));
    const Outcome o =
        cli({"energy", project, "--dataset", "digits", "--test-limit", "40", "--json"});
    QVERIFY2(o.status == 0, qPrintable(o.err));
    const QJsonObject substrates =
        QJsonDocument::fromJson(o.out.toUtf8()).object()["substrates"].toObject();
    for (const QString& name : substrates.keys())
      QVERIFY2(substrates[name].toObject().contains("accuracy"), qPrintable(name));
    const Outcome eval =
        cli({"evaluate", project, "--dataset", "digits", "--test-limit", "40", "--json"});
    QVERIFY2(eval.status == 0, qPrintable(eval.err));
    const double evaluated =
        QJsonDocument::fromJson(eval.out.toUtf8()).object()["test_acc"].toDouble();
    QCOMPARE(substrates["crossbar"].toObject()["accuracy"].toDouble(), evaluated);
    QVERIFY(substrates["snn_chip"].toObject()["accuracy"].isDouble());
    QCOMPARE(substrates["snn_cmos"].toObject()["accuracy"],
             substrates["snn_chip"].toObject()["accuracy"]);
    QVERIFY(substrates["ann_fp32"].toObject()["accuracy"].isNull());
    QVERIFY(substrates["ann_fp32"].toObject()["accuracy_note"].toString().contains("no ANN"));
  }
};

QTEST_GUILESS_MAIN(TestEnergyCli)
#include "tst_energycli.moc"
