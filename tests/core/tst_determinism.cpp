// Same project and seed, same spikes: whatever the thread count, however a run is cut into
// chunks, and after a reset. A different seed gives different spikes.
#include <QTest>

#include "TestSupport.h"

using namespace snn;

namespace {

// CUBA, plus Poisson input with heterogeneous delays so that random sources and delay rings are
// covered too (populations larger than one thread block, so work really is split).
Project network(uint64_t seed = 1) {
  Project p = loadProject(test::source("resources/examples/cuba.snnwb.json"));
  p.experiment.seed = seed;
  PopulationSpec noise;
  noise.id = "noise";
  noise.model = "poisson";
  noise.size = 1000;
  noise.params["rate"] = ValueSpec::constant(20.0);
  p.network.populations.push_back(noise);
  ProjectionSpec drive;
  drive.id = "drive";
  drive.pre = "noise";
  drive.post = "exc";
  drive.connector.type = ConnectorSpec::Type::FixedInDegree;
  drive.connector.n = 10;
  drive.weight = ValueSpec::normal(0.02, 0.005);
  drive.delay = ValueSpec::uniform(0.5, 3.0);
  p.network.projections.push_back(drive);
  MonitorSpec m;
  m.type = MonitorSpec::Type::Spikes;
  m.target = "noise";
  p.network.monitors.push_back(m);
  return p;
}

}  // namespace

class TestDeterminism : public QObject {
  Q_OBJECT
 private slots:
  void threadCountDoesNotMatter_data();
  void threadCountDoesNotMatter();
  void chunkingDoesNotMatter();
  void resetReplays();
  void seedMatters();
};

void TestDeterminism::threadCountDoesNotMatter_data() {
  QTest::addColumn<int>("threads");
  QTest::newRow("2 threads") << 2;
  QTest::newRow("3 threads") << 3;
  QTest::newRow("5 threads") << 5;
}

void TestDeterminism::threadCountDoesNotMatter() {
  QFETCH(int, threads);
  const Project p = network();
  const test::RunResult one = test::run(p, 300, 1);
  const test::RunResult many = test::run(p, 300, threads);
  QVERIFY(one.spikes.at("exc").size() > 1000);
  QVERIFY(one.spikes == many.spikes);
  QVERIFY(one.traces == many.traces);  // membrane traces bit-identical too
}

void TestDeterminism::chunkingDoesNotMatter() {
  const Project p = network();
  QVERIFY(test::run(p, 200, 2, 2000).spikes == test::run(p, 200, 2, 7).spikes);
}

void TestDeterminism::resetReplays() {
  CompileResult c = compile(network());
  QVERIFY(c.ok());
  Simulator sim(std::move(c.network));
  const SimulationChunk first = sim.run(1500);
  sim.reset();
  QCOMPARE(sim.currentStep(), int64_t(0));
  const SimulationChunk again = sim.run(1500);
  for (size_t p = 0; p < first.spikes.size(); ++p) {
    QCOMPARE(first.spikes[p].steps, again.spikes[p].steps);
    QCOMPARE(first.spikes[p].neurons, again.spikes[p].neurons);
  }
}

void TestDeterminism::seedMatters() {
  QVERIFY(test::run(network(1), 100).spikes != test::run(network(2), 100).spikes);
}

QTEST_GUILESS_MAIN(TestDeterminism)
#include "tst_determinism.moc"
