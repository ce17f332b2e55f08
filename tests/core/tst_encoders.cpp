// Image encoders' spike statistics against their definitions: the Poisson rate encoder's counts
// have the mean (within 3 sigma) and the variance of independent Bernoulli steps, silent pixels
// never fire and a silenced encoder stops; the latency encoder fires each pixel once, brighter
// pixels first, at t_max (1 - intensity).
#include <QTest>
#include <cmath>

#include "TestSupport.h"
#include "encoders/ImageEncoder.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

using namespace snn;

namespace {

std::unique_ptr<Simulator> sourceOnly(const std::string& model, int size,
                                      const std::string& params) {
  const Project p = test::parse(
      R"({"format": "snn-workbench", "version": 1, "network": {"populations": [
      {"id": "src", "model": ")" +
      model + R"(", "size": )" + std::to_string(size) + R"(, "params": )" + params + R"(}],
      "monitors": [{"type": "spikes", "target": "src"}]}, "experiment": {"dt": 0.1, "seed": 3}})");
  CompileResult r = compile(p, {.threads = 1});
  if (!r.ok()) qWarning("%s", joinDiagnostics(r.diagnostics).c_str());
  return r.ok() ? std::make_unique<Simulator>(std::move(r.network)) : nullptr;
}

ImageEncoder* encoder(Simulator& sim) {
  return dynamic_cast<ImageEncoder*>(sim.network().populations[0].group.get());
}

}  // namespace

class TestEncoders : public QObject {
  Q_OBJECT
 private slots:
  void poissonRate_data();
  void poissonRate();
  void poissonSilence();
  void latencyOrder();
};

void TestEncoders::poissonRate_data() {
  QTest::addColumn<double>("intensity");
  QTest::addColumn<double>("rateMax");
  QTest::newRow("dim") << 0.1 << 63.75;
  QTest::newRow("Diehl-Cook full") << 1.0 << 63.75;
  QTest::newRow("fast") << 0.5 << 1000.0;
}

void TestEncoders::poissonRate() {
  // 1000 pixels of the same intensity for 2 s: each step of each pixel fires with probability
  // p = intensity x rate_max x dt. The total count is binomial(N steps, p): mean N p, sd
  // sqrt(N p (1 - p)); the per-pixel counts have variance n p (1 - p) (Fano factor 1 - p).
  QFETCH(double, intensity);
  QFETCH(double, rateMax);
  const int pixels = 1000;
  const int64_t steps = 20000;
  auto sim = sourceOnly("poisson", pixels, R"({"rate_max": )" + std::to_string(rateMax) + "}");
  QVERIFY(sim);
  const std::vector<float> image(pixels, float(intensity));
  encoder(*sim)->present(image, 0);
  const SimulationChunk c = sim->run(steps);
  const double p = intensity * rateMax * 0.1 / 1000.0;
  const double n = double(pixels) * double(steps);
  const double mean = n * p, sd = std::sqrt(n * p * (1 - p));
  const double count = double(c.spikeCount(0));
  QVERIFY2(std::abs(count - mean) <= 3 * sd,
           qPrintable(QString("%1 spikes, expected %2 +- 3 x %3").arg(count).arg(mean).arg(sd)));
  std::vector<double> perPixel(pixels, 0.0);
  for (int32_t i : c.spikes[0].neurons) perPixel[size_t(i)] += 1;
  double m = 0, v = 0;
  for (double k : perPixel) m += k / pixels;
  for (double k : perPixel) v += (k - m) * (k - m) / (pixels - 1);
  const double fano = v / m;
  // The sample variance of 1000 counts has a relative sd of sqrt(2/999) = 4.5 %: 3 sigma.
  QVERIFY2(std::abs(fano - (1 - p)) < 0.135, qPrintable(QString("Fano factor %1").arg(fano)));
}

void TestEncoders::poissonSilence() {
  auto sim = sourceOnly("poisson", 300, R"({"rate_max": 100})");
  QVERIFY(sim);
  std::vector<float> image(300, 0.0f);
  for (int i = 0; i < 300; i += 3) image[size_t(i)] = 1.0f;  // every third pixel lit
  encoder(*sim)->present(image, 0);
  const SimulationChunk lit = sim->run(5000);
  QVERIFY(lit.spikeCount(0) > 1000);
  for (int32_t i : lit.spikes[0].neurons) QCOMPARE(i % 3, 0);
  encoder(*sim)->silence();
  QCOMPARE(sim->run(5000).spikeCount(0), int64_t(0));
}

void TestEncoders::latencyOrder() {
  // t_max 20 ms: a pixel of intensity x fires once, at 20 (1 - x) ms after the sample starts;
  // pixels at or below the threshold (0.01) stay silent.
  auto sim = sourceOnly("latency", 6, R"({"t_max": 20})");
  QVERIFY(sim);
  sim->run(10);
  const std::vector<float> image = {0.2f, 1.0f, 0.0f, 0.55f, 0.9f, 0.005f};
  encoder(*sim)->present(image, 10);
  const SimulationChunk c = sim->run(400);
  const SpikeRecord& s = c.spikes[0];
  QCOMPARE(s.neurons, (std::vector<int32_t>{1, 4, 3, 0}));  // brightest first
  for (size_t k = 0; k < s.neurons.size(); ++k) {
    const double expected = 20.0 * (1.0 - image[size_t(s.neurons[k])]);
    SNN_COMPARE_NEAR(double(s.steps[k] - 10) * 0.1, expected, 0.05 + 1e-9);
  }
}

QTEST_GUILESS_MAIN(TestEncoders)
#include "tst_encoders.moc"
