// LIF reset by subtraction (LifNeuron, parameter reset = "subtract"): a neuron driven by a
// constant current, against the exact-integration recurrence written out here in double
// (v <- v_rest + P22 (v - v_rest) + P20 I; above v_thresh: spike and v -= v_thresh - v_reset),
// and the default reset to v_reset unchanged.
#include <QTest>
#include <cmath>

#include "TestSupport.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

using namespace snn;

class TestLifReset : public QObject {
  Q_OBJECT
 private slots:
  void followsRecurrence_data();
  void followsRecurrence();
};

void TestLifReset::followsRecurrence_data() {
  QTest::addColumn<QString>("reset");
  QTest::newRow("subtract") << "subtract";
  QTest::newRow("value") << "value";
}

void TestLifReset::followsRecurrence() {
  QFETCH(QString, reset);
  const double tauM = 20, cm = 1, vRest = -65, vReset = -70, vThresh = -50, current = 1.3, dt = 0.5;
  const Project p = test::parse(R"({"format": "snn-workbench", "version": 1,
    "network": {"populations": [{"id": "n", "model": "lif", "size": 1,
      "params": {"tau_m": 20, "cm": 1, "v_rest": -65, "v_reset": -70, "v_thresh": -50, "t_ref": 0,
                 "i_offset": 1.3, "reset": ")" +
                                reset.toStdString() + R"("}}],
      "projections": [],
      "monitors": [{"type": "spikes", "target": "n"}, {"type": "state", "target": "n", "variable": "v", "neurons": [0]}]},
    "experiment": {"dt": 0.5, "duration": 200, "seed": 1}})");
  CompileResult c = compile(p);
  QVERIFY2(c.ok(), joinDiagnostics(c.diagnostics).c_str());
  Simulator sim(std::move(c.network));
  const int64_t steps = 400;
  const SimulationChunk chunk = sim.run(steps);
  const double p22 = std::exp(-dt / tauM), p20 = tauM / cm * (1 - p22);
  double v = vRest;
  std::vector<int64_t> spikes;
  const StateRecord& trace = chunk.states.front();
  for (int64_t s = 0; s < steps; ++s) {
    v = vRest + p22 * (v - vRest) + p20 * current;
    if (v > vThresh) {
      spikes.push_back(s);
      v = reset == "subtract" ? v - (vThresh - vReset) : vReset;
    }
    SNN_COMPARE_NEAR(trace.values[size_t(s)], v, 1e-3);
  }
  QVERIFY(spikes.size() > 5);
  QCOMPARE(chunk.spikes.front().steps, spikes);
}

QTEST_GUILESS_MAIN(TestLifReset)
#include "tst_lifreset.moc"
