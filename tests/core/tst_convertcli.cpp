// snnwb-cli convert (issue 10 contract): one JSON line per T with the contract's keys, accuracies
// as fractions; the SNN written with --out is an ordinary project that validates and runs; with
// many steps the converted network answers as the ANN does (its accuracy within 3 points on the
// digits test set, where conversion error falls as 1/T); bad options are refused by name.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "CliProcess.h"
#include "TestSupport.h"
#include "io/ProjectJson.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

using namespace snn;

namespace {

using Outcome = test::CliOutcome;

Outcome cli(const QStringList& args) {
  return test::runProgram(SNNWB_CLI, args);
}

using test::jsonLines;

}  // namespace

class TestConvertCli : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString trained_;

 private slots:
  void initTestCase() {
    trained_ = dir_.filePath("ann.snnwb.json");
    const Outcome o = cli(
        {"train", QString::fromStdString(test::source("resources/examples/ann_digits.snnwb.json")),
         "--method", "ann", "--dataset", "digits", "--epochs", "5", "--out", trained_});
    QVERIFY2(o.status == 0, qPrintable(o.err));
  }

  void rateConversionPrintsOneLinePerT() {
    const QString snn = dir_.filePath("snn.snnwb.json");
    const Outcome o =
        cli({"convert", trained_, "--method", "rate", "--timesteps", "16,256", "--dataset",
             "digits", "--calibration-samples", "200", "--json", "--out", snn});
    QVERIFY2(o.status == 0, qPrintable(o.err));
    const std::vector<QJsonObject> lines = jsonLines(o.out);
    QCOMPARE(lines.size(), size_t(2));
    for (const QJsonObject& l : lines) {
      for (const char* key : {"method", "timesteps", "ann_test_acc", "snn_test_acc",
                              "spikes_per_neuron", "sim_s", "test_samples"})
        QVERIFY2(l.contains(key), key);
      QCOMPARE(l["method"].toString(), QString("rate"));
      QCOMPARE(l["test_samples"].toInt(), 449);  // the digits test set
      QVERIFY(l["snn_test_acc"].toDouble() >= 0.0 && l["snn_test_acc"].toDouble() <= 1.0);
    }
    QCOMPARE(lines[0]["timesteps"].toInt(), 16);
    QCOMPARE(lines[1]["timesteps"].toInt(), 256);
    const double ann = lines[1]["ann_test_acc"].toDouble();
    QVERIFY2(ann > 0.85, qPrintable(QString::number(ann)));
    QVERIFY2(std::abs(lines[1]["snn_test_acc"].toDouble() - ann) <= 0.03, qPrintable(o.out));
    QVERIFY(lines[1]["spikes_per_neuron"].toDouble() > lines[0]["spikes_per_neuron"].toDouble());
    // The energy block (issue 12's contract): the source ANN costs the same at every T, the
    // SNN more at 256 steps than at 16 (more synaptic operations and neuron updates).
    auto substrate = [&](size_t line, const char* name) {
      return lines[line]["energy"].toObject()["substrates"].toObject()[name].toObject();
    };
    for (const char* name : {"ann_fp32", "ann_int8", "snn_cmos", "snn_chip", "crossbar"})
      QVERIFY2(substrate(0, name)["total_j"].toDouble() > 0.0, name);
    QCOMPARE(substrate(0, "ann_fp32")["total_j"].toDouble(),
             substrate(1, "ann_fp32")["total_j"].toDouble());
    QVERIFY(substrate(1, "snn_cmos")["total_j"].toDouble() >
            substrate(0, "snn_cmos")["total_j"].toDouble());

    // The written SNN: shaped populations of if neurons, validated, and it runs.
    const Project p = loadProject(snn.toStdString());
    QVERIFY(p.network.populations.size() >= 3);
    QCOMPARE(p.network.populations[1].model, std::string("if"));
    QVERIFY(p.network.populations[0].feed.has_value());
    CompileResult c = compile(p);
    QVERIFY2(c.ok(), joinDiagnostics(c.diagnostics).c_str());
    Simulator sim(std::move(c.network));
    sim.run(64);
    QVERIFY(sim.totalSpikes()[1] > 0);
  }

  void energyUsesTheProjectsSettings() {
    // The ANN project's energy block prices the conversion: its chip names snn_chip, and a MAC
    // made 4.6 pJ dearer adds exactly MACs x 4.6 pJ to the ANN's compute (Horowitz's 4.6 pJ by
    // default; the MAC count comes from the layer formulas and does not change).
    auto ann = [](const QJsonObject& line) {
      return line["energy"].toObject()["substrates"].toObject()["ann_fp32"].toObject();
    };
    auto annCompute = [&](const QJsonObject& line) {
      return ann(line)["parts"].toObject()["compute"].toDouble();
    };
    const QStringList args = {
        "--method",     "rate", "--timesteps",           "8",   "--dataset", "digits",
        "--test-limit", "50",   "--calibration-samples", "100", "--json"};
    const Outcome plain = cli(QStringList{"convert", trained_} + args);
    QVERIFY2(plain.status == 0, qPrintable(plain.err));

    QFile in(trained_);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QJsonObject project = QJsonDocument::fromJson(in.readAll()).object();
    project["energy"] =
        QJsonObject{{"chip", "truenorth"}, {"constants", QJsonObject{{"cmos.fp32_mac", 9.2}}}};
    const QString priced = dir_.filePath("priced.snnwb.json");
    QFile out(priced);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(project).toJson());
    out.close();
    const Outcome o = cli(QStringList{"convert", priced} + args);
    QVERIFY2(o.status == 0, qPrintable(o.err));

    const QJsonObject before = jsonLines(plain.out).at(0), after = jsonLines(o.out).at(0);
    const double macs = ann(before)["ops"].toObject()["macs"].toDouble();
    QVERIFY(macs > 0.0);
    SNN_COMPARE_NEAR(annCompute(after) - annCompute(before), macs * 4.6e-12,
                     1e-9 * annCompute(after));
    const QJsonObject chip =
        after["energy"].toObject()["substrates"].toObject()["snn_chip"].toObject();
    QVERIFY2(QJsonDocument(chip).toJson().contains("truenorth"),
             qPrintable(QJsonDocument(chip).toJson()));
  }

  void untrainedAnnIsRefusedByName() {
    // ann_digits as shipped has no weights yet (it was once a segmentation fault).
    const Outcome o =
        cli({"convert", QString(SNNWB_SOURCE_DIR) + "/resources/examples/ann_digits.snnwb.json",
             "--method", "rate", "--timesteps", "8", "--dataset", "digits"});
    QCOMPARE(o.status, 2);
    QVERIFY2(o.err.contains("'fc1'") && o.err.contains("weight") && o.err.contains("not trained"),
             qPrintable(o.err));
  }

  void fsConversionCountsSpikes() {
    const Outcome o = cli({"convert", trained_, "--method", "fs", "--timesteps", "6", "--dataset",
                           "digits", "--json"});
    QVERIFY2(o.status == 0, qPrintable(o.err));
    const std::vector<QJsonObject> lines = jsonLines(o.out);
    QCOMPARE(lines.size(), size_t(1));
    QCOMPARE(lines[0]["method"].toString(), QString("fs"));
    const double spikes = lines[0]["spikes_per_neuron"].toDouble();
    QVERIFY(spikes > 0.0 && spikes <= 6.0);  // at most K per neuron
  }

  // --method fs --out writes fs populations (Stöckl & Maass 2021) that snnwb-cli run runs.
  void fsOutIsARunnableProject() {
    const QString fs = dir_.filePath("fs.snnwb.json");
    Outcome o = cli({"convert", trained_, "--method", "fs", "--timesteps", "4", "--dataset",
                     "digits", "--test-limit", "50", "--out", fs});
    QVERIFY2(o.status == 0, qPrintable(o.err));
    const Project p = loadProject(fs.toStdString());
    QCOMPARE(p.network.populations[1].model, std::string("fs"));
    o = cli({"run", fs, "--json"});
    QVERIFY2(o.status == 0, qPrintable(o.err));
  }

  void badOptionsAreRefusedByName_data() {
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("expected");
    QTest::newRow("norm") << QStringList{"--norm", "percentile:0"} << "--norm";
    QTest::newRow("timesteps") << QStringList{"--timesteps", "8,x"} << "--timesteps";
    QTest::newRow("ann id") << QStringList{"--ann", "nope"} << "no ANN 'nope'";
  }
  void badOptionsAreRefusedByName() {
    QFETCH(QStringList, extra);
    QFETCH(QString, expected);
    const Outcome o = cli(QStringList{"convert", trained_, "--dataset", "digits"} + extra);
    QCOMPARE(o.status, 2);
    QVERIFY2(o.err.contains(expected), qPrintable(o.err));
  }
};

QTEST_APPLESS_MAIN(TestConvertCli)
#include "tst_convertcli.moc"
