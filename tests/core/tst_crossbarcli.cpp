// The crossbar command lines (issue 11 contract): `snnwb-cli crossbar` against CrossbarArray in
// this process, and `snnwb-cli evaluate` of a trained surrogate network: on an exact crossbar it
// gives the accuracy training reported, and --sweep prints one JSON line per value.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "CliProcess.h"
#include "TestSupport.h"
#include "crossbar/CrossbarArray.h"
#include "io/ProjectJson.h"
#include "learning/SurrogateTrainer.h"
#include "learning/TrainerRegistry.h"

using namespace snn;

namespace {

using Outcome = test::CliOutcome;

Outcome cli(const QStringList& args) {
  return test::runProgram(SNNWB_CLI, args);
}

CrossbarSpec noisyCrossbar() {
  CrossbarSpec c;
  c.id = "xb1";
  c.rows = 20;
  c.cols = 12;
  c.device.preset = "rram_taox";
  c.array.rWire = 3.0;
  c.array.rSense = 20.0;
  c.array.tileRows = 8;
  c.array.tileCols = 6;
  c.array.adcBits = 8;
  c.array.dacBits = 6;
  c.mapping.wMax = 1.0;
  for (int k = 0; k < c.rows * c.cols; ++k) c.conductances.push_back(20.0 + (k * 37 % 50));
  return c;
}

}  // namespace

class TestCrossbarCli : public QObject {
  Q_OBJECT
 private slots:
  // Same project, same seed: the command's currents are those of a CrossbarArray built here,
  // read after read (noise streams included), and --ideal is G' v.
  void crossbarMatchesArray() {
    QTemporaryDir dir;
    Project p;
    p.network.crossbars.push_back(noisyCrossbar());
    p.experiment.seed = 11;
    const QString project = dir.filePath("x.snnwb.json");
    saveProject(p, project.toStdString());
    std::vector<Eigen::VectorXd> inputs;
    {
      std::ofstream v(dir.filePath("v.csv").toStdString());
      v << "header,line\n";
      for (int n = 0; n < 4; ++n) {
        Eigen::VectorXd x(20);
        for (int i = 0; i < 20; ++i) x(i) = 0.01 * ((i * 7 + n * 3) % 21) - (n == 3 ? 0.05 : 0.0);
        for (int i = 0; i < 20; ++i) v << (i ? "," : "") << x(i);
        v << "\n";
        inputs.push_back(x);
      }
    }
    for (bool ideal : {false, true}) {
      const QString out = dir.filePath(ideal ? "ideal.csv" : "i.csv");
      QStringList args{"crossbar", project,      "--crossbar",
                       "xb1",      "--voltages", dir.filePath("v.csv"),
                       "--out",    out};
      if (ideal) args << "--ideal";
      const Outcome o = cli(args);
      QVERIFY2(o.status == 0, qPrintable(o.err));
      CrossbarArray array(p.network.crossbars[0], 11);
      std::ifstream in(out.toStdString());
      Eigen::VectorXd expected(12);
      std::string line;
      for (const Eigen::VectorXd& x : inputs) {
        QVERIFY(std::getline(in, line));
        // The CSV's numbers as written (%.17g: exact).
        std::stringstream cells(line);
        if (ideal) {
          array.readIdeal(x, expected);
        } else {
          Eigen::VectorXd dac = x;  // the command reads the numbers the CSV holds, as here
          array.read(dac, expected);
        }
        for (int j = 0; j < 12; ++j) {
          std::string cell;
          std::getline(cells, cell, ',');
          SNN_COMPARE_NEAR(std::stod(cell), expected(j), 1e-9 * (1 + std::abs(expected(j))));
        }
      }
      QVERIFY(!std::getline(in, line));
    }
    // Bad input: exit 2 with the file and line named, no output file.
    {
      std::ofstream v(dir.filePath("bad.csv").toStdString());
      v << "0.1,0.2\n";
    }
    const Outcome bad = cli({"crossbar", project, "--crossbar", "xb1", "--voltages",
                             dir.filePath("bad.csv"), "--out", dir.filePath("bad_out.csv")});
    QCOMPARE(bad.status, 2);
    QVERIFY2(bad.err.contains("line 1") && bad.err.contains("20 rows"), qPrintable(bad.err));
    QVERIFY(!QFile::exists(dir.filePath("bad_out.csv")));
    QCOMPARE(cli({"crossbar", project, "--crossbar", "nope", "--voltages", dir.filePath("v.csv"),
                  "--out", dir.filePath("o.csv")})
                 .status,
             2);
  }

  // A surrogate network trained here on the 8x8 digits, then put on crossbars: exact devices
  // (direct programming, a million levels, no wires, ideal periphery) evaluate to the accuracy
  // training reported; a sweep of a device field gives one JSON line per value.
  void evaluateTrainedNetwork() {
    QTemporaryDir dir;
    Project p = loadProject(test::source("resources/examples/surrogate_digits.snnwb.json"));
    TrainerOptions options;
    SurrogateTrainer trainer(p, loadDataset("digits"), options,
                             *TrainerRegistry::instance().find("surrogate"));
    double reported = 0.0;
    for (int epoch = 1; epoch <= 2; ++epoch) reported = trainer.trainEpoch(epoch, {}).testAccuracy;
    Project trained = trainer.trainedProject();
    for (const char* proj : {"pixels_hidden", "hidden_output"}) {
      ProjectionSpec& s = *trained.network.findProjection(proj);
      const PopulationSpec& pre = *trained.network.findPopulation(s.pre);
      const PopulationSpec& post = *trained.network.findPopulation(s.post);
      CrossbarSpec c;
      c.id = std::string("xb_") + proj;
      c.rows = pre.size;
      c.cols = 2 * post.size;
      c.device.params["levels"] = ValueSpec::constant(1e6);
      c.programming.mode = ProgrammingMode::Direct;
      trained.network.crossbars.push_back(c);
      s.crossbar = c.id;
    }
    const QString file = dir.filePath("trained.snnwb.json");
    saveProject(trained, file.toStdString());
    const Outcome exact = cli({"evaluate", file, "--json"});
    QVERIFY2(exact.status == 0, qPrintable(exact.err));
    const QJsonObject line = QJsonDocument::fromJson(exact.out.toUtf8()).object();
    SNN_COMPARE_NEAR(line["test_acc"].toDouble(), reported, 1.5 / 449);  // at most 1 sample
    const Outcome sweep = cli({"evaluate", file, "--json", "--test-limit", "100", "--sweep",
                               "crossbars.xb_pixels_hidden.device.levels=2,1000000"});
    QVERIFY2(sweep.status == 0, qPrintable(sweep.err));
    const QStringList lines = sweep.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    const QJsonObject two = QJsonDocument::fromJson(lines[0].toUtf8()).object();
    QCOMPARE(two["value"].toDouble(), 2.0);
    QCOMPARE(two["test_samples"].toInt(), 100);
    QVERIFY(two["test_acc"].toDouble() <
            QJsonDocument::fromJson(lines[1].toUtf8()).object()["test_acc"].toDouble());
    const Outcome refused =
        cli({"evaluate", file, "--sweep", "crossbars.xb_pixels_hidden.device.levels=1"});
    QCOMPARE(refused.status, 2);
    QVERIFY2(refused.err.contains("xb_pixels_hidden") && refused.err.contains("device.levels"),
             qPrintable(refused.err));
  }

  // `train --method hybrid|in-the-loop` (issue 11 contract): one JSON line per epoch with the
  // accuracy after transfer and per layer; --layers picks the layer fine-tuned on the chip; the
  // trained project holds the chip's conductances, so `evaluate` gives the accuracy training
  // reported (no read noise); an unknown layer is refused by name.
  void trainOnCrossbars() {
    QTemporaryDir dir;
    Project p = loadProject(test::source("resources/examples/surrogate_digits.snnwb.json"));
    p.training->method = "hybrid";  // its parameters are the crossbar trainers'
    p.training->params["offchip_epochs"] = ValueSpec::constant(2);
    for (const char* proj : {"pixels_hidden", "hidden_output"}) {
      ProjectionSpec& s = *p.network.findProjection(proj);
      CrossbarSpec c;
      c.id = std::string("xb_") + proj;
      c.rows = p.network.findPopulation(s.pre)->size;
      c.cols = 2 * p.network.findPopulation(s.post)->size;
      c.device.params["levels"] = ValueSpec::constant(16);
      p.network.crossbars.push_back(c);
      s.crossbar = c.id;
    }
    const QString file = dir.filePath("xb.snnwb.json"), out = dir.filePath("trained.snnwb.json");
    saveProject(p, file.toStdString());
    const Outcome hybrid =
        cli({"train", file, "--method", "hybrid", "--dataset", "digits", "--epochs", "1",
             "--layers", "pixels_hidden", "--json", "--out", out});
    QVERIFY2(hybrid.status == 0, qPrintable(hybrid.err));
    const QJsonObject line = QJsonDocument::fromJson(hybrid.out.toUtf8()).object();
    QCOMPARE(line["epoch"].toInt(), 1);
    QVERIFY(line["software_acc"].toDouble() > 0.5);
    QVERIFY(line.contains("transfer_acc"));
    const QJsonArray layers = line["layers"].toArray();
    QCOMPARE(layers.size(), 2);
    QCOMPARE(layers[0].toObject()["trained"].toBool(), true);
    QCOMPARE(layers[1].toObject()["trained"].toBool(), false);
    QVERIFY(layers[0].toObject()["set_pulses"].toDouble() > 0);
    QCOMPARE(layers[1].toObject()["set_pulses"].toDouble(), 0.0);
    const Outcome again = cli({"evaluate", out, "--json"});
    QVERIFY2(again.status == 0, qPrintable(again.err));
    QCOMPARE(QJsonDocument::fromJson(again.out.toUtf8()).object()["test_acc"].toDouble(),
             line["test_acc"].toDouble());
    const Outcome loop = cli({"train", file, "--method", "in-the-loop", "--dataset", "digits",
                              "--epochs", "1", "--json"});
    QVERIFY2(loop.status == 0, qPrintable(loop.err));
    QVERIFY(QJsonDocument::fromJson(loop.out.toUtf8()).object().contains("open_loop_acc"));
    const Outcome bad = cli({"train", file, "--method", "hybrid", "--dataset", "digits", "--epochs",
                             "1", "--layers", "nope"});
    QCOMPARE(bad.status, 2);
    QVERIFY2(bad.err.contains("layers") && bad.err.contains("nope"), qPrintable(bad.err));
  }
};

QTEST_GUILESS_MAIN(TestCrossbarCli)
#include "tst_crossbarcli.moc"
