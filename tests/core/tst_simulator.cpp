// Step semantics of DESIGN.md: when a spike's weight arrives (next step, plus the delay), when a
// current source acts, what a monitor samples, Poisson statistics, and parameter edits between
// chunks.
#include <QTest>
#include <cmath>
#include <set>

#include "TestSupport.h"

using namespace snn;

namespace {

Project parse(const std::string& network, double duration = 50, double dt = 0.1) {
  return test::parse(R"({"format": "snn-workbench", "version": 1, "network": )" + network +
                     R"(, "experiment": {"dt": )" + QString::number(dt).toStdString() +
                     R"(, "duration": )" + QString::number(duration).toStdString() +
                     R"(, "seed": 3}})");
}

// Time of the first sample of `trace` (neuron 0) that differs from its first value.
double firstChange(const test::RunResult& r, const std::string& trace) {
  const auto& samples = r.traces.at(trace).at(0);
  for (const auto& [t, v] : samples)
    if (v != samples.front().second) return t;
  return -1;
}

}  // namespace

class TestSimulator : public QObject {
  Q_OBJECT
 private slots:
  void spikeArrivesAfterDelay_data();
  void spikeArrivesAfterDelay();
  void perSynapseDelays();
  void currentStepActsFromItsTime();
  void monitorSamplesEveryK();
  void spikeMonitorSubset();
  void poissonRateWithinThreeSigma();
  void parameterEditBetweenChunks();
  void badParameterEditIsRefused();
};

void TestSimulator::spikeArrivesAfterDelay_data() {
  QTest::addColumn<double>("delay");
  QTest::newRow("no delay") << 0.0;
  QTest::newRow("0.5 ms") << 0.5;
  QTest::newRow("2.5 ms") << 2.5;
}

void TestSimulator::spikeArrivesAfterDelay() {
  QFETCH(double, delay);
  const Project p = parse(R"({"populations": [
      {"id": "src", "model": "spike_source", "size": 1, "params": {"spike_times": [[10]]}},
      {"id": "n", "model": "lif", "size": 1}],
    "projections": [{"id": "s", "pre": "src", "post": "n", "connector": "one_to_one", "weight": 0.5,
                     "delay": )" +
                          QString::number(delay).toStdString() + R"(}],
    "monitors": [{"type": "state", "target": "n", "variable": "i_exc", "neurons": [0]}]})");
  // A spike in step 100 (t = 10 ms) adds its weight after that step's update, d steps later;
  // the state after that step is the state at t = 10 + d + 0.1 ms.
  SNN_COMPARE_NEAR(firstChange(test::run(p), "n.i_exc"), 10 + delay + 0.1, 1e-9);
}

void TestSimulator::perSynapseDelays() {
  const Project p = parse(R"({"populations": [
      {"id": "src", "model": "spike_source", "size": 1, "params": {"spike_times": [[5]]}},
      {"id": "n", "model": "lif", "size": 3}],
    "projections": [{"id": "s", "pre": "src", "post": "n", "weight": 1,
                     "connector": {"type": "from_list", "list": [[0, 0, 1, 1.0], [0, 1, 1, 3.2], [0, 2, 1, 0]]}}],
    "monitors": [{"type": "state", "target": "n", "variable": "i_exc", "neurons": [0, 1, 2]}]})");
  const test::RunResult r = test::run(p);
  const double arrival[] = {6.1, 8.3, 5.1};
  for (int n = 0; n < 3; ++n) {
    const auto& s = r.traces.at("n.i_exc").at(n);
    double first = -1;
    for (const auto& [t, v] : s)
      if (v != 0 && first < 0) first = t;
    SNN_COMPARE_NEAR(first, arrival[n], 1e-9);
  }
}

void TestSimulator::currentStepActsFromItsTime() {
  const Project p = parse(R"({"populations": [
      {"id": "step", "model": "current_step", "params": {"times": [10, 20], "amplitudes": [1, 0]}},
      {"id": "n", "model": "lif", "size": 1, "params": {"v_thresh": 0}}],
    "projections": [{"id": "e", "pre": "step", "post": "n", "connector": "one_to_one", "weight": 2}],
    "monitors": [{"type": "state", "target": "n", "variable": "v", "neurons": [0]}]})");
  const test::RunResult r = test::run(p);
  // The step switches on at t = 10: the update over [10, 10.1] already sees 2 x 1 nA.
  SNN_COMPARE_NEAR(firstChange(r, "n.v"), 10.1, 1e-9);
  // At t = 20 (10 ms of 2 nA through 20 MOhm): v = -65 + 40 (1 - exp(-0.5)).
  for (const auto& [t, v] : r.traces.at("n.v").at(0))
    if (std::abs(t - 20) < 1e-9) SNN_COMPARE_NEAR(v, -65 + 40 * (1 - std::exp(-0.5)), 1e-6);
}

void TestSimulator::monitorSamplesEveryK() {
  const Project p =
      parse(R"({"populations": [{"id": "n", "model": "lif", "size": 4}], "projections": [],
    "monitors": [{"type": "state", "target": "n", "variable": "v", "neurons": [1, 3], "every": 10}]})",
            5);
  const test::RunResult r = test::run(p, -1, 1, 7);  // chunks that do not align with k
  const auto& s = r.traces.at("n.v");
  QCOMPARE(s.size(), size_t(2));
  QCOMPARE(s.at(1).size(), size_t(5));
  for (size_t k = 0; k < 5; ++k) SNN_COMPARE_NEAR(s.at(3)[k].first, 1.0 * (k + 1), 1e-9);
}

void TestSimulator::spikeMonitorSubset() {
  const Project p = parse(R"({"populations": [{"id": "n", "model": "lif", "size": 10,
      "params": {"i_offset": 2}}], "projections": [],
    "monitors": [{"type": "spikes", "target": "n", "neurons": [2, 7]}]})");
  const test::RunResult r = test::run(p);
  std::set<int32_t> seen;
  for (const auto& [step, n] : r.spikes.at("n")) seen.insert(n);
  QCOMPARE(seen, (std::set<int32_t>{2, 7}));
  QVERIFY(r.totals[0] >
          static_cast<int64_t>(r.spikes.at("n").size()));  // all counted, two recorded
}

void TestSimulator::poissonRateWithinThreeSigma() {
  const Project p = parse(R"({"populations": [{"id": "noise", "model": "poisson", "size": 2000,
      "params": {"rate": 25}}], "projections": [], "monitors": []})",
                          1000);
  const test::RunResult r = test::run(p);
  // 2000 x 10000 steps, each a spike with probability 25 Hz x 0.1 ms = 0.0025.
  const double n = 2000.0 * 10000, q = 0.0025;
  const double mean = n * q, sd = std::sqrt(n * q * (1 - q));
  QVERIFY2(
      std::abs(r.totals[0] - mean) < 3 * sd,
      qPrintable(QString("%1 spikes, expected %2 +- %3").arg(r.totals[0]).arg(mean).arg(3 * sd)));
}

void TestSimulator::parameterEditBetweenChunks() {
  const Project p = parse(R"({"populations": [{"id": "noise", "model": "poisson", "size": 1000,
      "params": {"rate": 10}}, {"id": "n", "model": "lif", "size": 1}], "projections": [],
    "monitors": [{"type": "state", "target": "n", "variable": "v", "neurons": [0]}]})");
  CompileResult c = compile(p);
  QVERIFY(c.ok());
  Simulator sim(std::move(c.network));
  const int64_t slow = sim.run(10000).spikeCount(0);
  sim.setParameter("noise", "rate", ValueSpec::constant(100));
  const int64_t fast = sim.run(10000).spikeCount(0);
  // 10 Hz then 100 Hz over one second for 1000 neurons: 1e4 and 1e5 expected.
  QVERIFY(std::abs(slow - 1e4) < 3 * 100);
  QVERIFY(std::abs(fast - 1e5) < 3 * 316);
  // i_offset on a running LIF: the next chunk relaxes towards the new v_inf.
  sim.setParameter("n", "i_offset", ValueSpec::constant(0.5));
  const SimulationChunk c3 = sim.run(5000);
  SNN_COMPARE_NEAR(c3.states[0].values.back(), -65 + 10 * (1 - std::exp(-500.0 / 20)), 1e-6);
}

void TestSimulator::badParameterEditIsRefused() {
  CompileResult c = compile(
      parse(R"({"populations": [{"id": "n", "model": "lif", "size": 1}], "projections": []})"));
  QVERIFY(c.ok());
  Simulator sim(std::move(c.network));
  try {
    sim.setParameter("n", "tau_m", ValueSpec::constant(-1));
    QFAIL("a negative time constant was accepted");
  } catch (const SpecError& e) {
    QCOMPARE(e.diagnostics().front().objectId, std::string("n"));
    QCOMPARE(e.diagnostics().front().field, std::string("params.tau_m"));
  }
  QVERIFY_THROWS_EXCEPTION(SpecError, sim.setParameter("n", "tau_q", ValueSpec::constant(1)));
  QVERIFY_THROWS_EXCEPTION(SpecError, sim.setParameter("m", "tau_m", ValueSpec::constant(1)));
  sim.run(10);  // still runs
  // A check between parameters: one spike train per neuron.
  CompileResult s =
      compile(parse(R"({"populations": [{"id": "src", "model": "spike_source", "size": 2,
      "params": {"spike_times": [[1], [2]]}}], "projections": []})"));
  QVERIFY(s.ok());
  Simulator sources(std::move(s.network));
  QVERIFY_THROWS_EXCEPTION(SpecError, sources.setParameter("src", "spike_times", SpikeTrains{{1}}));
  sources.setParameter("src", "spike_times", SpikeTrains{{1, 3}, {2}});
  QCOMPARE(sources.run(50).spikeCount(0), int64_t(3));
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
