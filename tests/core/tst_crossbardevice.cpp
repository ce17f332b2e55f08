// Device physics (core/crossbar/DeviceModel, CrossbarDevices): pulse-by-pulse updates against
// the soft-bounds closed form, variation and fault statistics against their distributions
// (within 3 sigma of the estimator), the PCM statistical model against Joshi et al.'s formulas as
// published (reference/published.md), programming against what an ideal device must give.
#include <QTest>
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "TestSupport.h"
#include "crossbar/CrossbarDevices.h"
#include "crossbar/DeviceModel.h"
#include "crossbar/NormalBatch.h"
#include "crossbar/ZigguratNormal.h"
#include "model/CrossbarSchema.h"
#include "model/DevicePresets.h"

using namespace snn;

namespace {

DeviceParams device(double gMin, double gMax, int64_t levels, double nlSet, double nlReset) {
  DeviceParams d;
  d.gMin = gMin;
  d.gMax = gMax;
  d.levels = levels;
  d.nlSet = nlSet;
  d.nlReset = nlReset;
  return d;
}

DeviceParams preset(const char* name) {
  return presetDeviceParams(*findDevicePreset(name));
}

struct Moments {
  double mean = 0, variance = 0;
  int64_t n = 0;
};
template <typename F>
Moments sample(int64_t n, F draw) {
  Moments m;
  double sum = 0, squares = 0;
  for (int64_t k = 0; k < n; ++k) {
    const double x = draw();
    sum += x;
    squares += x * x;
  }
  m.n = n;
  m.mean = sum / n;
  m.variance = (squares - sum * sum / n) / (n - 1);
  return m;
}

// |estimate - expected| <= 3 standard errors
#define QVERIFY_WITHIN_3_SIGMA(estimate, expected, standardError)      \
  QVERIFY2(std::abs((estimate) - (expected)) <= 3.0 * (standardError), \
           qPrintable(QString("%1 = %2, expected %3 +- 3 x %4")        \
                          .arg(#estimate)                              \
                          .arg(estimate)                               \
                          .arg(expected)                               \
                          .arg(standardError)))

}  // namespace

class TestCrossbarDevice : public QObject {
  Q_OBJECT

 private slots:
  void pulsesFollowTheClosedForm_data() {
    QTest::addColumn<double>("nl");
    QTest::addColumn<int>("levels");
    QTest::addColumn<double>("stepScale");
    QTest::newRow("linear") << 0.0 << 33 << 1.0;
    QTest::newRow("TaOx SET nl") << 0.0316788 << 128 << 1.0;
    QTest::newRow("strong") << 3.172 << 74 << 1.0;
    QTest::newRow("strong, fast device") << 3.172 << 74 << 1.3;
    QTest::newRow("mild, slow device") << 0.5 << 16 << 0.7;
  }
  void pulsesFollowTheClosedForm() {
    QFETCH(double, nl);
    QFETCH(int, levels);
    QFETCH(double, stepScale);
    const DeviceModel m(device(2.0, 40.0, levels, nl, nl));
    DeviceVariation v = m.nominal();
    v.stepScale = stepScale;
    // SET from G_min and RESET from G_max, one pulse at a time, against G(n) in closed form.
    double up = v.gMin, down = v.gMax;
    for (int n = 1; n < levels; ++n) {
      up = m.afterSet(up, v);
      down = m.afterReset(down, v);
      SNN_COMPARE_NEAR(up, m.setCurve(n, v), 1e-11 * v.gMax);
      SNN_COMPARE_NEAR(down, m.resetCurve(n, v), 1e-11 * v.gMax);
    }
    if (stepScale == 1.0) {  // levels - 1 nominal pulses span the range exactly
      SNN_COMPARE_NEAR(up, v.gMax, 1e-11 * v.gMax);
      SNN_COMPARE_NEAR(down, v.gMin, 1e-11 * v.gMax);
    }
  }

  void nonlinearityIsTheRatioOfStepsAtTheEnds() {
    // nl = ln(change of one SET pulse from G_min / change of one from G_max): the meaning the
    // schema gives. Likewise for RESET, from G_max against from G_min.
    const double nl = 1.5891960;  // the AlOx/HfO2 preset, NeuroSim NL 1.94
    const DeviceModel m(device(13.357, 59.172, 40, nl, 0.4846685));
    const DeviceVariation v = m.nominal();
    const double atMin = m.afterSet(v.gMin, v) - v.gMin, atMax = m.afterSet(v.gMax, v) - v.gMax;
    SNN_COMPARE_NEAR(std::log(atMin / atMax), nl, 1e-9);
    const double downMax = v.gMax - m.afterReset(v.gMax, v),
                 downMin = v.gMin - m.afterReset(v.gMin, v);
    SNN_COMPARE_NEAR(std::log(downMax / downMin), 0.4846685, 1e-9);
    // And NeuroSim's form G(P) = B (1 - exp(-P/A)) + G_min with A = (levels - 1) / nl.
    const double a = 39.0 / nl, b = (59.172 - 13.357) / (1.0 - std::exp(-39.0 / a));
    for (int p : {0, 5, 17, 39})
      SNN_COMPARE_NEAR(m.setCurve(p, v), b * (1 - std::exp(-p / a)) + 13.357, 1e-10);
  }

  void positionsInvertTheCurves() {
    const DeviceModel m(device(0.0, 25.0, 74, 3.172, 1000.0));
    const DeviceVariation v = m.nominal();
    for (double n : {0.0, 1.0, 7.5, 40.0, 73.0})
      SNN_COMPARE_NEAR(m.setPosition(m.setCurve(n, v)), n, 1e-8);
    // An abrupt RESET (nl 1000): one pulse melts the cell to G_min.
    QVERIFY(m.afterReset(20.0, v) < 1e-4);  // 20 µS exp(-1000 / 73)
    QCOMPARE(m.resetPulsesTo(20.0, 0.0), int64_t(1));
    QCOMPARE(m.resetPosition(0.0), 73.0);
  }

  void cycleToCycleNoiseHasItsStandardDeviation() {
    DeviceParams d = device(0.0, 100.0, 101, 0.0, 0.0);
    d.c2c = 0.004;  // σ = 0.4 µS per pulse, steps of 1 µS from 50 µS: no clipping
    const DeviceModel m(d);
    std::mt19937_64 rng(11);
    const Moments s = sample(40000, [&] { return m.pulse(50.0, true, m.nominal(), rng) - 50.0; });
    const double sigma = 0.4;
    QVERIFY_WITHIN_3_SIGMA(s.mean, 1.0, sigma / std::sqrt(double(s.n)));
    QVERIFY_WITHIN_3_SIGMA(s.variance, sigma * sigma, sigma * sigma * std::sqrt(2.0 / (s.n - 1)));
  }

  void deviceToDeviceVariationHasItsSpread() {
    DeviceParams d = device(10.0, 50.0, 64, 1.0, 1.0);
    d.rangeD2d = 0.1;
    d.stepD2d = 0.2;
    d.nlD2d = 0.05;
    const CrossbarDevices devices(120, 100, d, {}, 42, "xb");
    std::vector<double> gMax, step, nl;
    for (int r = 0; r < 120; ++r)
      for (int c = 0; c < 100; ++c) {
        const DeviceVariation v = devices.variation(r, c);
        gMax.push_back(v.gMax);
        step.push_back(v.stepScale);
        nl.push_back(v.nlSet);
      }
    auto check = [](const std::vector<double>& x, double mean, double sd) {
      size_t k = 0;
      const Moments s = sample(static_cast<int64_t>(x.size()), [&] { return x[k++]; });
      QVERIFY_WITHIN_3_SIGMA(s.mean, mean, sd / std::sqrt(double(s.n)));
      QVERIFY_WITHIN_3_SIGMA(std::sqrt(s.variance), sd, sd / std::sqrt(2.0 * (s.n - 1)));
    };
    check(gMax, 50.0, 5.0);  // relative 10% of G_max
    check(step, 1.0, 0.2);
    check(nl, 1.0, 0.05);
  }

  void stuckFaultsComeAtTheirRates() {
    CrossbarFaultSpec faults;
    faults.stuckOnRate = 0.03;
    faults.stuckOffRate = 0.08;
    const int64_t n = 200 * 150;
    CrossbarDevices devices(200, 150, device(1.0, 10.0, 16, 0, 0), faults, 7, "xb");
    int64_t on = 0, off = 0;
    std::mt19937_64 rng(1);
    for (int r = 0; r < 200; ++r)
      for (int c = 0; c < 150; ++c) {
        const DeviceFault f = devices.fault(r, c);
        on += f == DeviceFault::StuckOn;
        off += f == DeviceFault::StuckOff;
        if (f == DeviceFault::StuckOn)
          QCOMPARE(devices.readConductance(r, c, 0.0), devices.variation(r, c).gMax);
        if (f == DeviceFault::StuckOff) {
          devices.pulse(r, c, 5, rng);  // pulses are counted but do nothing
          QCOMPARE(devices.readConductance(r, c, 0.0), devices.variation(r, c).gMin);
          QCOMPARE(devices.lifetimePulses(r, c), uint64_t(5));
        }
      }
    QVERIFY_WITHIN_3_SIGMA(double(on), 0.03 * n, std::sqrt(n * 0.03 * 0.97));
    QVERIFY_WITHIN_3_SIGMA(double(off), 0.08 * n, std::sqrt(n * 0.08 * 0.92));
    // Common random numbers: a higher rate keeps every device that was already stuck.
    faults.stuckOnRate = 0.06;
    const CrossbarDevices more(200, 150, device(1.0, 10.0, 16, 0, 0), faults, 7, "xb");
    for (int r = 0; r < 200; ++r)
      for (int c = 0; c < 150; ++c)
        if (devices.fault(r, c) == DeviceFault::StuckOn)
          QCOMPARE(more.fault(r, c), DeviceFault::StuckOn);
  }

  void wornOutDevicesStick() {
    DeviceParams d = device(0.0, 10.0, 11, 0.0, 0.0);
    d.endurance = 4;
    CrossbarDevices devices(1, 1, d, {}, 1, "xb");
    std::mt19937_64 rng(1);
    devices.pulse(0, 0, 3, rng);
    SNN_COMPARE_NEAR(devices.programmed()(0, 0), 3.0, 1e-12);
    devices.pulse(0, 0, 3, rng);  // the 4th pulse is its last
    QCOMPARE(devices.fault(0, 0), DeviceFault::WornOut);
    SNN_COMPARE_NEAR(devices.programmed()(0, 0), 4.0, 1e-12);
    devices.pulse(0, 0, -2, rng);
    SNN_COMPARE_NEAR(devices.programmed()(0, 0), 4.0, 1e-12);
    QCOMPARE(devices.lifetimePulses(0, 0), uint64_t(8));
  }

  void driftFollowsThePowerLaw() {
    DeviceParams d = device(0.0, 10.0, 11, 0.0, 0.0);
    d.driftNu = 0.05;
    const DeviceModel m(d);
    SNN_COMPARE_NEAR(m.drifted(8.0, m.driftNu(8.0, 0.0), 3600.0),
                     8.0 * std::pow(3620.0 / 20.0, -0.05), 1e-12);
    SNN_COMPARE_NEAR(m.drifted(8.0, 0.05, 0.0), 8.0, 0.0);
  }

  void pcmStatisticsAreJoshi2020() {
    // Formulas typed from reference/published.md (Joshi et al. 2020 via aihwkit), g_max 25 µS.
    const DeviceModel m(preset("pcm"));
    for (double gT : {0.05, 0.3, 0.5, 0.9, 1.0}) {
      const double g = 25.0 * gT;
      SNN_COMPARE_NEAR(m.pcmProgramSigma(g),
                       std::max(-1.1731 * gT * gT + 1.9650 * gT + 0.2635, 0.0), 2e-4);
      const double mu = std::min(std::max(-0.0155 * std::log(gT) + 0.0244, 0.049), 0.1);
      SNN_COMPARE_NEAR(m.driftNu(g, 0.0), mu, 1e-12);
      const double qs = std::min(0.0088 / std::pow(gT, 0.65), 0.2);
      const double t = 100.0 + 20.0;  // 100 s after programming, counted from t0 = 20 s
      SNN_COMPARE_NEAR(m.readSigma(g, g, 100.0),
                       g * qs * std::sqrt(std::log((t + 250e-9) / 500e-9)), 1e-12);
    }
  }

  void pcmProgrammingNoiseHasItsSpread() {
    DeviceParams d = preset("pcm");
    const int64_t rows = 100, cols = 100;
    CrossbarDevices devices(rows, cols, d, {}, 3, "pcm");
    std::mt19937_64 rng(5);
    CrossbarProgrammingSpec how;
    const double target = devices.model().quantise(12.5);
    devices.program(Eigen::MatrixXd::Constant(rows, cols, target), how, rng);
    size_t k = 0;
    const Eigen::MatrixXd& g = devices.programmed();
    const Moments s = sample(rows * cols, [&] {
      const double x = g(k % rows, k / rows);
      ++k;
      return x;
    });
    const double gT = target / 25.0, sigma = -1.1731 * gT * gT + 1.9650 * gT + 0.2635;
    QVERIFY_WITHIN_3_SIGMA(s.mean, target, sigma / std::sqrt(double(s.n)));
    QVERIFY_WITHIN_3_SIGMA(std::sqrt(s.variance), sigma, sigma / std::sqrt(2.0 * (s.n - 1)));
  }

  void writeVerifyOnAnIdealDeviceLandsOnTheLevels() {
    const DeviceParams d = device(0.0, 100.0, 256, 0.0, 0.0);
    CrossbarDevices devices(20, 30, d, {}, 1, "xb");
    std::mt19937_64 rng(2), pick(3);
    std::uniform_int_distribution<int> level(0, 255);
    Eigen::MatrixXd targets(20, 30);
    uint64_t expectedPulses = 0;
    for (int r = 0; r < 20; ++r)
      for (int c = 0; c < 30; ++c) {
        const int k = level(pick);
        targets(r, c) = k * 100.0 / 255.0;
        expectedPulses += static_cast<uint64_t>(k);  // from G_min, one SET pulse per level
      }
    const ProgramReport report = devices.program(targets, CrossbarProgrammingSpec{}, rng);
    QVERIFY((devices.programmed() - targets).cwiseAbs().maxCoeff() < 1e-9);
    QCOMPARE(report.pulses.set, expectedPulses);
    QCOMPARE(report.pulses.reset, uint64_t(0));
    QCOMPARE(report.withinTolerance, int64_t(600));
    // Programming again to lower targets takes RESET pulses only.
    const ProgramReport back = devices.program(targets / 2.0, CrossbarProgrammingSpec{}, rng);
    QCOMPARE(back.pulses.set, uint64_t(0));
    QVERIFY(back.pulses.reset > 0);
  }

  void writeVerifyWithNoiseStopsWithinTolerance() {
    DeviceParams d = preset("rram_taox");  // c2c 3.7 % of the range per pulse: noisy
    CrossbarDevices devices(10, 10, d, {}, 9, "taox");
    std::mt19937_64 rng(4);
    CrossbarProgrammingSpec how;
    how.tolerance = 2.0;  // levels
    const ProgramReport report = devices.program(Eigen::MatrixXd::Constant(10, 10, 6.0), how, rng);
    const double tol = 2.0 * devices.model().levelSpacing();
    const double worst =
        (devices.programmed().array() - devices.targets().array()).abs().maxCoeff();
    QCOMPARE(report.withinTolerance + report.outOfBudget, int64_t(100));
    if (report.outOfBudget == 0) QVERIFY(worst <= tol);
    QVERIFY(report.verifyReads >= report.pulses.total());
    // Open loop with the same noise lands further away on average than write-verify.
    CrossbarDevices open(10, 10, d, {}, 9, "taox");
    how.mode = ProgrammingMode::OpenLoop;
    const ProgramReport blind = open.program(Eigen::MatrixXd::Constant(10, 10, 6.0), how, rng);
    QVERIFY(blind.rmsError > report.rmsError);
    QCOMPARE(blind.verifyReads, uint64_t(0));
  }

  void openLoopGoesDownThenUp() {
    // A unidirectional device (abrupt RESET, gradual SET) programmed open-loop from 20 µS down
    // to a 10 µS level: one RESET melts it to G_min, then the nominal SET pulses climb back.
    DeviceParams d = device(0.0, 25.0, 74, 3.172, 1000.0);
    CrossbarDevices devices(1, 1, d, {}, 1, "xb");
    std::mt19937_64 rng(1);
    CrossbarProgrammingSpec how;
    how.mode = ProgrammingMode::OpenLoop;
    const double high = devices.model().quantise(20.0), low = devices.model().quantise(10.0);
    devices.program(Eigen::MatrixXd::Constant(1, 1, high), how, rng);
    const ProgramReport down = devices.program(Eigen::MatrixXd::Constant(1, 1, low), how, rng);
    QCOMPARE(down.pulses.reset, uint64_t(1));
    QCOMPARE(down.pulses.set, uint64_t(devices.model().setPulsesTo(0.0, low)));
    // Noise-free, the nominal plan lands where it aims: within one SET step of the level.
    const double step = devices.model().afterSet(low, devices.model().nominal()) - low;
    QVERIFY(std::abs(devices.programmed()(0, 0) - low) <= step);
    // Direct programming counts the same pulses and sets the level itself.
    how.mode = ProgrammingMode::Direct;
    devices.program(Eigen::MatrixXd::Constant(1, 1, high), how, rng);
    const ProgramReport direct = devices.program(Eigen::MatrixXd::Constant(1, 1, low), how, rng);
    QCOMPARE(direct.pulses.total(), down.pulses.total());
    QCOMPARE(devices.programmed()(0, 0), low);
  }

  void fabricationIsSeeded() {
    DeviceParams d = preset("ecram");
    CrossbarFaultSpec faults;
    faults.stuckOffRate = 0.1;
    const CrossbarDevices a(8, 8, d, faults, 5, "xb"), b(8, 8, d, faults, 5, "xb");
    const CrossbarDevices c(8, 8, d, faults, 6, "xb"), other(8, 8, d, faults, 5, "xb2");
    QVERIFY(a.programmed() == b.programmed() && a.faults() == b.faults());
    QCOMPARE(a.variation(3, 4).gMax, b.variation(3, 4).gMax);
    QVERIFY(a.variation(3, 4).gMax != c.variation(3, 4).gMax);
    QVERIFY(a.variation(3, 4).gMax != other.variation(3, 4).gMax);  // each crossbar its own chip
  }

  void quantisationPicksTheNearestLevel() {
    const DeviceModel m(device(1.0, 9.0, 5, 0, 0));  // levels 1 3 5 7 9
    QCOMPARE(m.quantise(3.9), 3.0);
    QCOMPARE(m.quantise(4.1), 5.0);
    QCOMPARE(m.quantise(-2.0), 1.0);
    QCOMPARE(m.quantise(12.0), 9.0);
  }

  void zigguratNormalsAreStandardNormal() {
    std::mt19937_64 rng(17);
    const ZigguratNormal normal;
    const int64_t n = 400000;
    double sum = 0, s2 = 0, s4 = 0;
    int64_t tail = 0;
    for (int64_t k = 0; k < n; ++k) {
      const double x = normal(rng);
      sum += x;
      s2 += x * x;
      s4 += x * x * x * x;
      tail += std::abs(x) > 3.442619855899;
    }
    QVERIFY_WITHIN_3_SIGMA(sum / n, 0.0, 1.0 / std::sqrt(double(n)));
    QVERIFY_WITHIN_3_SIGMA(s2 / n, 1.0, std::sqrt(2.0 / n));
    QVERIFY_WITHIN_3_SIGMA(s4 / n, 3.0, std::sqrt(96.0 / n));     // Var(x^4) = 105 - 9
    const double p = std::erfc(3.442619855899 / std::sqrt(2.0));  // the base layer's tail
    QVERIFY_WITHIN_3_SIGMA(double(tail), p * n, std::sqrt(n * p * (1 - p)));
  }

  // The read noise's batches (eight xoshiro256++ lanes through the ziggurat), in double and in
  // single precision (ZigguratFloat: fast path, vectorised wedges and tails, compaction): the
  // moments of a standard normal, the tail beyond the base layer, no correlation between
  // neighbours (lanes) or between one batch and the next, the whole shape against the normal
  // CDF (Kolmogorov-Smirnov, which a wrong wedge or tail would fail), and a copy draws the same
  // numbers as the original.
  void normalBatchesAreStandardNormal_data() {
    QTest::addColumn<bool>("single");
    QTest::addColumn<int>("width");
    QTest::newRow("double, 100 a batch") << false << 100;
    QTest::newRow("float, 100 a batch") << true << 100;  // not a multiple of 16 candidates
    QTest::newRow("float, 800 a batch") << true << 800;  // a row block of D&C's crossbar
    QTest::newRow("float, 5 a batch") << true << 5;
  }

  void normalBatchesAreStandardNormal() {
    QFETCH(bool, single);
    QFETCH(int, width);
    std::mt19937_64 seed(23);
    NormalBatch batch(seed);
    const int64_t n = 400000 / width * width;
    std::vector<double> x(static_cast<size_t>(n));
    std::vector<float> f(static_cast<size_t>(width));
    for (int64_t k = 0; k < n; k += width) {
      if (!single) {
        batch.fill(x.data() + k, width);
        continue;
      }
      batch.fill(f.data(), width);
      std::copy(f.begin(), f.end(), x.begin() + k);
    }
    double sum = 0, s2 = 0, s4 = 0, lag1 = 0, lag8 = 0;
    int64_t tail = 0;
    for (int64_t k = 0; k < n; ++k) {
      const double v = x[static_cast<size_t>(k)];
      sum += v;
      s2 += v * v;
      s4 += v * v * v * v;
      tail += std::abs(v) > 3.442619855899;
      if (k >= 1) lag1 += v * x[static_cast<size_t>(k - 1)];
      if (k >= 8) lag8 += v * x[static_cast<size_t>(k - 8)];
    }
    QVERIFY_WITHIN_3_SIGMA(sum / n, 0.0, 1.0 / std::sqrt(double(n)));
    QVERIFY_WITHIN_3_SIGMA(s2 / n, 1.0, std::sqrt(2.0 / n));
    QVERIFY_WITHIN_3_SIGMA(s4 / n, 3.0, std::sqrt(96.0 / n));
    QVERIFY_WITHIN_3_SIGMA(lag1 / (n - 1), 0.0, 1.0 / std::sqrt(double(n)));
    QVERIFY_WITHIN_3_SIGMA(lag8 / (n - 8), 0.0, 1.0 / std::sqrt(double(n)));
    const double p = std::erfc(3.442619855899 / std::sqrt(2.0));
    QVERIFY_WITHIN_3_SIGMA(double(tail), p * n, std::sqrt(n * p * (1 - p)));
    // Kolmogorov-Smirnov: sup |F_n - Phi| below its 0.3 % quantile, 1.82 / sqrt(n).
    std::sort(x.begin(), x.end());
    double d = 0.0;
    for (int64_t k = 0; k < n; ++k) {
      const double cdf = 0.5 * std::erfc(-x[static_cast<size_t>(k)] / std::sqrt(2.0));
      d = std::max({d, std::abs(cdf - double(k) / n), std::abs(cdf - double(k + 1) / n)});
    }
    QVERIFY2(d < 1.82 / std::sqrt(double(n)), qPrintable(QString("KS distance %1").arg(d)));
    NormalBatch copy = batch;
    std::vector<double> a(37), b(37);
    std::vector<float> af(37), bf(37);
    batch.fill(a.data(), 37);
    copy.fill(b.data(), 37);
    batch.fill(af.data(), 37);
    copy.fill(bf.data(), 37);
    QVERIFY(a == b);
    QVERIFY(af == bf);
  }
};

QTEST_GUILESS_MAIN(TestCrossbarDevice)
#include "tst_crossbardevice.moc"
