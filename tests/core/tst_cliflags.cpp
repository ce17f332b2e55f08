// Every numeric flag of the command line refuses what it cannot use, with its range and exit
// status 2: NaN and 1e308 for a bin width (they used to give one-step bins silently), -1, 2^64
// and 1e23 for a seed (they all became 2^64 - 1), a fraction for a count; and no message prints
// a number with hundreds of digits (CLI11's NonNegativeNumber printed DBL_MAX in full). The
// largest seed itself is accepted.
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"

namespace {

struct Outcome {
  int status = -1;
  QString err;
};

Outcome cli(const QStringList& args) {
  QProcess p;
  p.start(SNNWB_CLI, args);
  if (!p.waitForFinished(120000)) return {};
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardError())};
}

QString example(const char* name) {
  return QString::fromStdString(
      snn::test::source(std::string("resources/examples/") + name + ".snnwb.json"));
}

}  // namespace

class TestCliFlags : public QObject {
  Q_OBJECT
 private slots:
  void refusedWithRange_data();
  void refusedWithRange();
  void largestSeedIsAccepted();
};

void TestCliFlags::refusedWithRange_data() {
  QTest::addColumn<QString>("command");
  QTest::addColumn<QString>("flag");
  QTest::addColumn<QString>("value");
  QTest::addColumn<QString>("range");
  const QString run = "run", train = "train";
  QTest::newRow("run --rate-bin nan") << run << "--rate-bin"
                                      << "nan"
                                      << "(0, 1e+12] ms";
  QTest::newRow("run --rate-bin 1e308") << run << "--rate-bin"
                                        << "1e308"
                                        << "(0, 1e+12] ms";
  QTest::newRow("run --rate-bin 0") << run << "--rate-bin"
                                    << "0"
                                    << "(0, 1e+12] ms";
  QTest::newRow("run --seed -1") << run << "--seed"
                                 << "-1"
                                 << "[0, 18446744073709551615]";
  QTest::newRow("run --seed 2^64") << run << "--seed"
                                   << "18446744073709551616"
                                   << "[0, 18446744073709551615]";
  QTest::newRow("run --seed 1e23") << run << "--seed"
                                   << "1e23"
                                   << "[0, 18446744073709551615]";
  QTest::newRow("run --seed 1.5") << run << "--seed"
                                  << "1.5"
                                  << "[0, 18446744073709551615]";
  QTest::newRow("run --threads 0") << run << "--threads"
                                   << "0"
                                   << "[1, 256]";
  QTest::newRow("run --threads 1e308") << run << "--threads"
                                       << "1e308"
                                       << "[1, 256]";
  QTest::newRow("run --duration nan") << run << "--duration"
                                      << "nan"
                                      << "[0, 1e+12] ms";
  QTest::newRow("run --duration -5") << run << "--duration"
                                     << "-5"
                                     << "[0, 1e+12] ms";
  QTest::newRow("run --duration inf") << run << "--duration"
                                      << "inf"
                                      << "[0, 1e+12] ms";
  QTest::newRow("run --dt 0") << run << "--dt"
                              << "0"
                              << "(0, 10] ms";
  QTest::newRow("run --dt 1e308") << run << "--dt"
                                  << "1e308"
                                  << "(0, 10] ms";
  QTest::newRow("train --epochs 0") << train << "--epochs"
                                    << "0"
                                    << "[1, 100000]";
  QTest::newRow("train --epochs 2.5") << train << "--epochs"
                                      << "2.5"
                                      << "[1, 100000]";
  QTest::newRow("train --train-limit -1") << train << "--train-limit"
                                          << "-1"
                                          << "[0, 4294967295]";
  QTest::newRow("train --test-limit 1e308") << train << "--test-limit"
                                            << "1e308"
                                            << "[0, 4294967295]";
  QTest::newRow("train --threads nan") << train << "--threads"
                                       << "nan"
                                       << "[1, 256]";
  QTest::newRow("train --seed -1") << train << "--seed"
                                   << "-1"
                                   << "[0, 18446744073709551615]";
}

void TestCliFlags::refusedWithRange() {
  QFETCH(QString, command);
  QFETCH(QString, flag);
  QFETCH(QString, value);
  QFETCH(QString, range);
  const QString project = example(command == "run" ? "single_lif" : "stdp_digits");
  const Outcome o = cli({command, project, flag, value});
  QCOMPARE(o.status, 2);
  QVERIFY2(o.err.contains(flag + ": must be"), qPrintable(o.err));
  QVERIFY2(o.err.contains(range), qPrintable(o.err));
  QVERIFY2(!o.err.contains(QRegularExpression("[0-9]{25}")), qPrintable(o.err));
}

void TestCliFlags::largestSeedIsAccepted() {
  const Outcome o = cli({"run", example("single_lif"), "--seed", "18446744073709551615",
                         "--duration", "10", "--json"});
  QCOMPARE(o.status, 0);
}

QTEST_GUILESS_MAIN(TestCliFlags)
#include "tst_cliflags.moc"
