// Numerical divergence stops a run: a non-leaky IF neuron under a constant current of
// -10 000 nA (cm = 1 nF) drifts by exactly -1000 mV per step of 0.1 ms from -65 mV, so its
// membrane first lies beyond the +-1e6 mV bound after update 1000, i.e. at step 999 (worked out
// here from v(n) = -65 - 1000 n), which is a checked step (one in DivergenceWatch::kEvery, and
// the last of every chunk); the run stops after that step whatever the thread count and chunk
// size, and the message names the population, the step and the neuron. NaN is caught by
// the same check, and the command line exits with status 2 and the message.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "TestSupport.h"
#include "sim/NeuronModelRegistry.h"

using namespace snn;

namespace {

const char* kDrift = R"({"format": "snn-workbench", "version": 1, "network": {
  "populations": [
    {"id": "calm", "model": "lif", "size": 300},
    {"id": "drift", "model": "if", "size": 600, "params": {"i_offset": -10000, "cm": 1},
     "init": {"v": -65}}],
  "projections": [], "monitors": []},
  "experiment": {"dt": 0.1, "duration": 1000, "seed": 1}})";

// The first step after whose update |v| > bound: the smallest n with 65 + 1000 n > 1e6, less 1.
int64_t expectedStep() {
  int64_t n = 1;
  while (65.0 + 1000.0 * static_cast<double>(n) <= 1e6) ++n;
  return n - 1;
}

}  // namespace

class TestDivergence : public QObject {
  Q_OBJECT
 private slots:
  void runawayStopsTheRun_data();
  void runawayStopsTheRun();
  void nanIsCaught();
  void healthyRunsAreUntouched();
  void cliExitsWithTwo();
};

void TestDivergence::runawayStopsTheRun_data() {
  QTest::addColumn<int>("threads");
  QTest::addColumn<int>("chunk");
  for (int threads : {1, 2})
    for (int chunk : {10000, 7})
      QTest::newRow(qPrintable(QString("%1 threads, chunks of %2").arg(threads).arg(chunk)))
          << threads << chunk;
}

void TestDivergence::runawayStopsTheRun() {
  QFETCH(int, threads);
  QFETCH(int, chunk);
  CompileResult c = compile(test::parse(kDrift), {.threads = threads});
  QVERIFY2(c.ok(), joinDiagnostics(c.diagnostics).c_str());
  Simulator sim(std::move(c.network));
  std::vector<Diagnostic> stopped;
  try {
    for (int64_t done = 0; done < 10000; done += chunk) sim.run(chunk);
  } catch (const SpecError& e) {
    stopped = e.diagnostics();
  }
  QCOMPARE(stopped.size(), size_t(1));
  const Diagnostic& d = stopped[0];
  QCOMPARE(d.kind, ObjectKind::Population);
  QCOMPARE(d.objectId, std::string("drift"));
  QVERIFY(DivergenceWatch::due(expectedStep()));
  const std::string step = "by step " + std::to_string(expectedStep()) + " ";
  QVERIFY2(d.message.find(step) != std::string::npos, d.message.c_str());
  QVERIFY2(d.message.find("neuron 0") != std::string::npos, d.message.c_str());
  QCOMPARE(sim.currentStep(), expectedStep() + 1);
  // After a reset the same run diverges at the same step again.
  sim.reset();
  QVERIFY_THROWS_EXCEPTION(SpecError, sim.run(2 * expectedStep()));
  QCOMPARE(sim.currentStep(), expectedStep() + 1);
}

void TestDivergence::nanIsCaught() {
  // No project can hold a NaN (JSON has none, parameters are finite): put one in a population's
  // state directly, where a diverged integration would leave it.
  const NeuronModelEntry& lif = *NeuronModelRegistry::instance().find("lif");
  ResolvedParams params(*lif.info, 700);
  std::unique_ptr<NeuronGroup> g = lif.create(700, std::move(params));
  g->prepare(0.1);
  g->resetState();
  QCOMPARE(g->firstDiverged(0, 700), int64_t(-1));
  std::vector<double> v(700, -65.0);
  v[613] = std::nan("");
  g->setState("v", v);
  QCOMPARE(g->firstDiverged(0, 700), int64_t(613));
  QCOMPARE(g->firstDiverged(0, 613), int64_t(-1));  // a worker sees only its own range
  v[613] = -INFINITY;
  g->setState("v", v);
  QCOMPARE(g->firstDiverged(512, 700), int64_t(613));
  v[613] = -1.5e6;  // finite, beyond the LIF bound
  g->setState("v", v);
  QCOMPARE(g->firstDiverged(0, 700), int64_t(613));
}

void TestDivergence::healthyRunsAreUntouched() {
  // CUBA and the Izhikevich and Hodgkin-Huxley examples run to the end.
  for (const char* name : {"cuba", "izhikevich_zoo", "hh_action_potential", "single_lif"}) {
    const Project p =
        loadProject(test::source(std::string("resources/examples/") + name + ".snnwb.json"));
    CompileResult c = compile(p);
    QVERIFY(c.ok());
    Simulator sim(std::move(c.network));
    sim.run(2000);
    QCOMPARE(sim.currentStep(), int64_t(2000));
  }
}

void TestDivergence::cliExitsWithTwo() {
  QTemporaryDir dir;
  QFile f(dir.filePath("drift.snnwb.json"));
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(kDrift);
  f.close();
  QProcess cli;
  cli.start(SNNWB_CLI, {"run", f.fileName(), "--threads", "2"});
  QVERIFY(cli.waitForFinished(60000));
  QCOMPARE(cli.exitCode(), 2);
  const QString err = QString::fromUtf8(cli.readAllStandardError());
  QVERIFY2(err.contains("population 'drift'"), qPrintable(err));
  QVERIFY2(err.contains(QString("by step %1 ").arg(expectedStep())), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestDivergence)
#include "tst_divergence.moc"
