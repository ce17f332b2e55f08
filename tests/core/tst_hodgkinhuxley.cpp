// The Hodgkin-Huxley axon against textbook figures (Hodgkin & Huxley 1952; Dayan & Abbott,
// Theoretical Neuroscience, ch. 5; Koch, Biophysics of Computation, ch. 6): rest near -65 mV,
// action potentials peaking between +30 and +50 mV and undershooting below -70 mV, an all-or-none
// threshold for brief pulses, and a current threshold for repetitive firing near 6.2 uA/cm^2
// (6.2 nA for our 1e-3 cm^2 patch) with firing rates of 50-100 Hz just above it. Integration is
// checked at dt = 0.01 and 0.1 ms.
#include <QTest>
#include <algorithm>

#include "TestSupport.h"

using namespace snn;

namespace {

std::string num(double v) {
  return QString::number(v, 'g', 12).toStdString();
}

// An HH neuron driven by current steps, with its v trace.
test::RunResult stimulate(const std::string& times, const std::string& amplitudes, double dt,
                          double duration) {
  const Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [{"id": "step", "model": "current_step", "size": 1,
                     "params": {"times": )" +
                                times + R"(, "amplitudes": )" + amplitudes + R"(}},
                    {"id": "hh", "model": "hh", "size": 1}],
    "projections": [{"id": "e", "pre": "step", "post": "hh", "connector": "one_to_one", "weight": 1}],
    "monitors": [{"type": "spikes", "target": "hh"},
                 {"type": "state", "target": "hh", "variable": "v", "neurons": [0]}]},
    "experiment": {"dt": )" + num(dt) +
                                R"(, "duration": )" + num(duration) + R"(, "seed": 1}})");
  return test::run(p);
}

}  // namespace

class TestHodgkinHuxley : public QObject {
  Q_OBJECT
 private slots:
  void restsNearMinus65();
  void actionPotentialShape_data();
  void actionPotentialShape();
  void allOrNoneThreshold();
  void repetitiveFiringThreshold();
};

void TestHodgkinHuxley::restsNearMinus65() {
  const auto r = stimulate("[0]", "[0]", 0.01, 100);
  QVERIFY(test::spikeTimes(r, "hh", 0).empty());
  for (const auto& [t, v] : r.traces.at("hh.v").at(0)) SNN_COMPARE_NEAR(v, -65.0, 0.5);
}

void TestHodgkinHuxley::actionPotentialShape_data() {
  QTest::addColumn<double>("dt");
  QTest::newRow("dt 0.01 ms") << 0.01;
  QTest::newRow("dt 0.05 ms") << 0.05;
  QTest::newRow("dt 0.1 ms") << 0.1;
}

void TestHodgkinHuxley::actionPotentialShape() {
  QFETCH(double, dt);
  // A 1 ms pulse of 20 nA at t = 5 ms.
  const auto r = stimulate("[5, 6]", "[20, 0]", dt, 40);
  QCOMPARE(test::spikeTimes(r, "hh", 0).size(), size_t(1));
  const auto& v = r.traces.at("hh.v").at(0);
  double peak = -1e9, trough = 1e9;
  for (const auto& [t, value] : v) {
    peak = std::max(peak, value);
    if (t > 8) trough = std::min(trough, value);
  }
  QVERIFY2(peak > 30 && peak < 50, qPrintable(QString("peak %1 mV").arg(peak)));
  QVERIFY2(trough < -70 && trough > -80, qPrintable(QString("undershoot %1 mV").arg(trough)));
  SNN_COMPARE_NEAR(v.back().second, -65.0, 2.0);  // back near rest
}

void TestHodgkinHuxley::allOrNoneThreshold() {
  // 1 ms pulses: a little too weak and the depolarisation dies away (peak well below 0 mV);
  // a little stronger and a full spike follows. The threshold charge lies between 2 and 8 nC/cm^2
  // (here 2-8 nA for 1 ms) for the squid axon at rest.
  double lastSub = 0, firstSupra = 0;
  for (double amp = 1; amp <= 10; amp += 0.25) {
    const auto r = stimulate("[5, 6]", "[" + num(amp) + ", 0]", 0.01, 30);
    const bool spiked = !test::spikeTimes(r, "hh", 0).empty();
    double peak = -1e9;
    for (const auto& [t, v] : r.traces.at("hh.v").at(0)) peak = std::max(peak, v);
    if (spiked) {
      QVERIFY2(peak > 30, "a spike is a full spike");
      if (firstSupra == 0) firstSupra = amp;
    } else {
      QVERIFY2(peak < -40, "below threshold the response stays small");
      QVERIFY2(firstSupra == 0, "all-or-none: no failure above the threshold");
      lastSub = amp;
    }
  }
  QVERIFY(firstSupra > 2 && firstSupra < 8);
  QCOMPARE(firstSupra - lastSub, 0.25);
}

void TestHodgkinHuxley::repetitiveFiringThreshold() {
  // Sustained firing needs a little more than 6 uA/cm^2; 5 nA gives at most an onset spike.
  const auto below = stimulate("[10]", "[5]", 0.01, 300);
  QVERIFY2(test::spikeTimes(below, "hh", 0).size() <= 1, "5 nA: no repetitive firing");
  const auto above = stimulate("[10]", "[7]", 0.01, 300);
  const auto spikes = test::spikeTimes(above, "hh", 0);
  QVERIFY2(spikes.size() >= 10, "7 nA: repetitive firing");
  const double rate = 1000.0 / (spikes.back() - spikes[spikes.size() - 2]);
  QVERIFY2(rate > 50 && rate < 100, qPrintable(QString("%1 Hz").arg(rate)));
}

QTEST_GUILESS_MAIN(TestHodgkinHuxley)
#include "tst_hodgkinhuxley.moc"
