// Izhikevich presets against the firing patterns of Izhikevich, IEEE Trans. Neural Netw.
// 14:1569 (2003), Fig. 2, under the same step of I = 10 (0.01 nA here): regular spiking adapts
// (intervals lengthen), fast spiking fires a high-frequency train practically without adaptation,
// intrinsically bursting starts with a burst and continues with single spikes, chattering fires
// repeated bursts.
#include <QTest>

#include "TestSupport.h"

using namespace snn;

namespace {

std::vector<double> intervals(const std::string& preset) {
  // The paper's protocol: the neuron rests, then a step of I = 10 at t = 50 ms.
  const Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [{"id": "step", "model": "current_step", "params": {"times": [50], "amplitudes": [0.01]}},
                    {"id": "n", "model": "izhikevich", "size": 1, "params": {"preset": ")" +
                                preset + R"("}}],
    "projections": [{"id": "e", "pre": "step", "post": "n", "connector": "one_to_one", "weight": 1}],
    "monitors": [{"type": "spikes", "target": "n"}]},
    "experiment": {"dt": 0.1, "duration": 1000, "seed": 1}})");
  const auto t = test::spikeTimes(test::run(p), "n", 0);
  std::vector<double> isi;
  for (size_t k = 1; k < t.size(); ++k) isi.push_back(t[k] - t[k - 1]);
  return isi;
}

}  // namespace

class TestIzhikevich : public QObject {
  Q_OBJECT
 private slots:
  void regularSpikingAdapts();
  void fastSpikingDoesNotAdapt();
  void intrinsicallyBurstingBurstsThenSpikes();
  void chatteringRepeatsBursts();
  void explicitParametersOverridePreset();
};

void TestIzhikevich::regularSpikingAdapts() {
  const auto isi = intervals("regular_spiking");
  QVERIFY(isi.size() >= 10);
  QVERIFY2(isi.back() >= 2 * isi.front(), "the steady interval should be at least twice the first");
  QVERIFY2(1000.0 / isi.back() < 40, "regular spiking settles to a low rate");
  for (size_t k = 1; k < isi.size(); ++k) QVERIFY(isi[k] >= isi[k - 1] - 0.11);  // never speeds up
}

void TestIzhikevich::fastSpikingDoesNotAdapt() {
  const auto isi = intervals("fast_spiking");
  QVERIFY(isi.size() >= 50);
  QVERIFY2(1000.0 / isi.back() > 100, "fast spiking sustains more than 100 Hz");
  for (size_t k = 3; k < isi.size(); ++k) SNN_COMPARE_NEAR(isi[k], isi.back(), 0.05 * isi.back());
}

void TestIzhikevich::intrinsicallyBurstingBurstsThenSpikes() {
  const auto isi = intervals("intrinsically_bursting");
  QVERIFY(isi.size() >= 10);
  QVERIFY2(isi[0] < 5 && isi[1] < 5, "an initial burst of at least three spikes");
  for (size_t k = 2; k < isi.size(); ++k)
    QVERIFY2(isi[k] > 5 * isi[0], "then single spikes, no more bursts");
}

void TestIzhikevich::chatteringRepeatsBursts() {
  const auto isi = intervals("chattering");
  int bursts = 0, inBurst = 0;
  for (double d : isi) {
    if (d < 6) {
      ++inBurst;
    } else {
      QVERIFY2(d > 30, "bursts are separated by long pauses");
      if (inBurst >= 2) ++bursts;  // three or more spikes close together
      inBurst = 0;
    }
  }
  QVERIFY2(bursts >= 10, qPrintable(QString("%1 bursts in a second").arg(bursts)));
}

void TestIzhikevich::explicitParametersOverridePreset() {
  // The preset supplies a, b, c, d unless the project sets them: d = 8 turns chattering's
  // bursts (d = 2) into regular spiking's single spikes.
  const Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [{"id": "n", "model": "izhikevich", "size": 1,
                     "params": {"preset": "chattering", "c": -65, "d": 8}},
                    {"id": "step", "model": "current_step", "params": {"times": [50], "amplitudes": [0.01]}}],
    "projections": [{"id": "e", "pre": "step", "post": "n", "connector": "one_to_one", "weight": 1}],
    "monitors": [{"type": "spikes", "target": "n"}]},
    "experiment": {"dt": 0.1, "duration": 1000, "seed": 1}})");
  const auto overridden = test::spikeTimes(test::run(p), "n", 0);
  const auto isiRs = intervals("regular_spiking");
  QCOMPARE(overridden.size(), isiRs.size() + 1);
}

QTEST_GUILESS_MAIN(TestIzhikevich)
#include "tst_izhikevich.moc"
