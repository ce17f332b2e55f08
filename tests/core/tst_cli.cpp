// The command-line contract of DESIGN.md: run --json keys, spike and trace CSV columns and order,
// exit status 0 on success and 2 on bad input with the message on stderr, and no partial files.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"

using namespace snn;

namespace {

struct Outcome {
  int status = -1;
  QString out;
  QString err;
};

Outcome cli(const QStringList& args) {
  QProcess p;
  p.start(SNNWB_CLI, args);
  if (!p.waitForFinished(120000)) return {};
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

QString example(const char* name) {
  return QString::fromStdString(
      test::source(std::string("resources/examples/") + name + ".snnwb.json"));
}

QStringList lines(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT
 private slots:
  void runJson();
  void spikeCsv();
  void traceCsv();
  void rateCsv();
  void validate();
  void badInputExitsWithTwo_data();
  void badInputExitsWithTwo();
  void unwritableOutputLeavesNothing();
  void projectFormatDocsMatchTheSchemas();
};

void TestCli::runJson() {
  const Outcome o = cli({"run", example("cuba"), "--duration", "200", "--json"});
  QCOMPARE(o.status, 0);
  const QJsonObject j = QJsonDocument::fromJson(o.out.toUtf8()).object();
  for (const char* key : {"steps", "build_s", "sim_s", "populations"})
    QVERIFY2(j.contains(key), key);
  QCOMPARE(j["steps"].toInt(), 2000);
  const QJsonObject exc = j["populations"].toObject()["exc"].toObject();
  QCOMPARE(exc["size"].toInt(), 3200);
  // The same run through the library gives the same count.
  const test::RunResult lib = test::run(loadProject(example("cuba").toStdString()), 200);
  QCOMPARE(static_cast<int64_t>(exc["spikes"].toDouble()), lib.totals[0]);
  SNN_COMPARE_NEAR(exc["rate_hz"].toDouble(), lib.totals[0] / 3200.0 / 0.2, 1e-9);
}

void TestCli::spikeCsv() {
  QTemporaryDir dir;
  const QString path = dir.filePath("spikes.csv");
  const Outcome o = cli({"run", example("cuba"), "--duration", "100", "--spikes", path, "--json"});
  QCOMPARE(o.status, 0);
  const QStringList rows = lines(path);
  QCOMPARE(rows.front(), QString("population,neuron,time_ms"));
  const QJsonObject pops =
      QJsonDocument::fromJson(o.out.toUtf8()).object()["populations"].toObject();
  QCOMPARE(rows.size() - 1,
           pops["exc"].toObject()["spikes"].toInt() + pops["inh"].toObject()["spikes"].toInt());
  double last = -1;
  for (qsizetype k = 1; k < rows.size(); ++k) {
    const QStringList f = rows[k].split(',');
    QCOMPARE(f.size(), 3);
    QVERIFY(f[0] == "exc" || f[0] == "inh");
    const double t = f[2].toDouble();
    QVERIFY2(t >= last, "sorted by time");
    last = t;
  }
}

void TestCli::traceCsv() {
  QTemporaryDir dir;
  const QString path = dir.filePath("v.csv");
  QCOMPARE(cli({"run", example("single_lif"), "--duration", "10", "--traces", path}).status, 0);
  const QStringList rows = lines(path);
  QCOMPARE(rows.front(), QString("population,variable,neuron,time_ms,value"));
  QCOMPARE(rows.size() - 1, 100);                    // one neuron, every step of 10 ms
  QCOMPARE(rows[1], QString("neuron,v,0,0.1,-65"));  // the state at the end of the first step
}

void TestCli::rateCsv() {
  QTemporaryDir dir;
  const QString path = dir.filePath("rates.csv");
  const Outcome o = cli(
      {"run", example("cuba"), "--duration", "100", "--rates", path, "--rate-bin", "10", "--json"});
  QCOMPARE(o.status, 0);
  const QStringList rows = lines(path);
  QCOMPARE(rows.front(), QString("population,time_ms,rate_hz"));
  QCOMPARE(rows.size() - 1, 20);  // exc and inh (the rate monitors), ten 10 ms bins each
  // The bins' mean rate is the run's mean rate.
  double sum = 0;
  for (qsizetype k = 1; k <= 10; ++k) sum += rows[k].split(',')[2].toDouble();
  const double rate = QJsonDocument::fromJson(o.out.toUtf8())
                          .object()["populations"]
                          .toObject()["exc"]
                          .toObject()["rate_hz"]
                          .toDouble();
  SNN_COMPARE_NEAR(sum / 10, rate, 1e-6);
}

void TestCli::validate() {
  const Outcome ok = cli({"validate", example("hh_action_potential")});
  QCOMPARE(ok.status, 0);
  QVERIFY(ok.out.contains("OK"));
}

void TestCli::badInputExitsWithTwo_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QString>("project");  // written to a temporary file; "" for none
  QTest::addColumn<QString>("stderrPart");
  QTest::newRow("missing file") << QStringList{"run", "/nonexistent/p.snnwb.json"} << ""
                                << "cannot open";
  QTest::newRow("truncated file") << QStringList{"validate", "@"}
                                  << R"({"format": "snn-workbench", "version": 1, "netw)"
                                  << "ends too early";
  QTest::newRow("unknown model")
      << QStringList{"run", "@"}
      << R"({"format": "snn-workbench", "version": 1, "network": {"populations": [{"id": "p", "model": "lifx"}]}})"
      << "population 'p', field 'model': unknown model";
  QTest::newRow("bad --dt") << QStringList{"run", example("single_lif"), "--dt", "0"} << ""
                            << "--dt: must be a number in (0, 10] ms";
  QTest::newRow("--traces without a state monitor")
      << QStringList{"run", "@", "--traces", "/tmp/never.csv"}
      << R"({"format": "snn-workbench", "version": 1, "network": {"populations": [{"id": "p", "model": "lif"}]}})"
      << "needs a state monitor";
  QTest::newRow("unknown option") << QStringList{"run", example("single_lif"), "--frobnicate"} << ""
                                  << "frobnicate";
  QTest::newRow("no sub-command") << QStringList{} << ""
                                  << "";
  QTest::newRow("unknown training method")
      << QStringList{"train", example("single_lif"), "--method", "magic"} << ""
      << "unknown training method 'magic'";
}

void TestCli::badInputExitsWithTwo() {
  QFETCH(QStringList, args);
  QFETCH(QString, project);
  QFETCH(QString, stderrPart);
  QTemporaryDir dir;
  if (!project.isEmpty()) {
    QFile f(dir.filePath("p.snnwb.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(project.toUtf8());
    f.close();
    args.replaceInStrings("@", f.fileName());
  }
  const Outcome o = cli(args);
  QCOMPARE(o.status, 2);
  QVERIFY2(o.err.contains(stderrPart), qPrintable(o.err));
  QVERIFY(o.out.isEmpty() || !args.contains("--json"));
}

void TestCli::unwritableOutputLeavesNothing() {
  QTemporaryDir dir;
  const QString target = dir.filePath("missing-folder/spikes.csv");
  const Outcome o = cli({"run", example("single_lif"), "--spikes", target});
  QCOMPARE(o.status, 2);
  QVERIFY(o.err.contains("missing-folder"));
  QVERIFY(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

// docs/project-format.md holds, below its marker line, what `snnwb-cli schema --markdown` prints:
// the docs cannot drift from the schemas (scripts/update-docs.sh regenerates them).
void TestCli::projectFormatDocsMatchTheSchemas() {
  QFile doc(QString::fromStdString(test::source("docs/project-format.md")));
  QVERIFY(doc.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(doc.readAll());
  const QString marker = "do not edit below this line. -->\n\n";
  const qsizetype at = text.indexOf(marker);
  QVERIFY(at > 0);
  const Outcome o = cli({"schema", "--markdown"});
  QCOMPARE(o.status, 0);
  QVERIFY(o.out.contains("`feed.present_ms`") && o.out.contains("`tau_m`"));
  QVERIFY2(text.mid(at + marker.size()) == o.out,
           "docs/project-format.md is out of date: run scripts/update-docs.sh");
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
