// A whole crossbar (core/crossbar/CrossbarArray): an ideal crossbar is the matrix product; tiles
// add their partial sums; weights map to differential pairs and back; the read-noise variance of
// a column is the sum of its cells' (checked against its formula and an explicit per-device
// Monte Carlo); DAC and ADC quantise as specified; seeds make runs repeat; live changes apply;
// noisy spike reads in single precision (SpikeReader) stay within their bound of the double
// path and have the formula's statistics.
#include <QTest>
#include <random>

#include "TestSupport.h"
#include "crossbar/CrossbarArray.h"
#include "crossbar/IrDropSolver.h"
#include "crossbar/SpikeReader.h"

using namespace snn;

namespace {

CrossbarSpec spec(int64_t rows, int64_t cols) {
  CrossbarSpec s;
  s.id = "xb";
  s.rows = rows;
  s.cols = cols;
  return s;
}

Eigen::MatrixXd randomMatrix(Eigen::Index rows, Eigen::Index cols, double lo, double hi,
                             uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = u(rng);
  return m;
}

Eigen::VectorXd randomVector(Eigen::Index n, double lo, double hi, uint64_t seed) {
  return randomMatrix(n, 1, lo, hi, seed).col(0);
}

std::vector<double> rowMajor(const Eigen::MatrixXd& m) {
  std::vector<double> v;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) v.push_back(m(i, j));
  return v;
}

// How many standard errors m estimates may each stray so that, together, they stray beyond it
// as rarely as one estimate beyond 3 sigma (two-sided p = 0.0027; Bonferroni): 3 for m = 1,
// about 3.9 for m = 18.
double bonferroniSigmas(int m) {
  const double p = 0.0026998 / m;
  double lo = 0.0, hi = 10.0;
  for (int k = 0; k < 100; ++k) {
    const double z = 0.5 * (lo + hi);
    (std::erfc(z / std::sqrt(2.0)) > p ? lo : hi) = z;
  }
  return lo;
}

Eigen::VectorXd read(CrossbarArray& xb, const Eigen::VectorXd& v) {
  Eigen::VectorXd out(xb.cols());
  xb.read(v, out);
  return out;
}

// 20 x 12 (6 weight pairs) on a 2 x 2 grid of arrays (10 x 8 and 10 x 4) with IR drop and 5 %
// read noise, ideal converters: the spike reads' float path.
CrossbarSpec noisyTiledSpec() {
  CrossbarSpec s = spec(20, 12);
  s.conductances = rowMajor(randomMatrix(20, 12, 5.0, 100.0, 21));
  s.array.rWire = 2.0;
  s.array.rSense = 10.0;
  s.array.tileRows = 10;
  s.array.tileCols = 8;
  s.device.params["read_noise"] = ValueSpec::constant(0.05);
  return s;
}

}  // namespace

class TestCrossbarArray : public QObject {
  Q_OBJECT

 private slots:
  void idealCrossbarIsTheMatrixProduct() {
    const Eigen::MatrixXd g = randomMatrix(9, 12, 0.0, 100.0, 1);
    CrossbarSpec s = spec(9, 12);
    s.conductances = rowMajor(g);
    CrossbarArray xb(s, 1);
    const Eigen::VectorXd v = randomVector(9, 0.0, 0.2, 2);
    const Eigen::MatrixXd gt = g.transpose();
    QVERIFY(read(xb, v) == gt * v);  // the same product, bit for bit
    Eigen::VectorXd ideal(12);
    xb.readIdeal(v, ideal);
    QVERIFY((ideal - gt * v).cwiseAbs().maxCoeff() <= 1e-13 * (gt * v).cwiseAbs().maxCoeff());
  }

  void tilesAddTheirPartialSums() {
    const Eigen::MatrixXd g = randomMatrix(10, 14, 10.0, 100.0, 3);
    CrossbarSpec whole = spec(10, 14);
    whole.conductances = rowMajor(g);
    CrossbarSpec tiled = whole;
    tiled.array.tileRows = 4;  // blocks of 4, 4, 2 rows
    tiled.array.tileCols = 6;  // and 6, 6, 2 columns
    CrossbarArray a(whole, 1), b(tiled, 1);
    QCOMPARE(b.tiles().size(), size_t(9));
    const Eigen::VectorXd v = randomVector(10, 0.0, 0.2, 4);
    QVERIFY((read(a, v) - read(b, v)).cwiseAbs().maxCoeff() < 1e-12);
    // With wires every array is folded on its own: its block of the conductances.
    tiled.array.rWire = 3.0;
    tiled.array.rSense = 20.0;
    CrossbarArray c(tiled, 1);
    Eigen::VectorXd expected = Eigen::VectorXd::Zero(14);
    for (const CrossbarTile& t : c.tiles()) {
      const Eigen::MatrixXd e =
          IrDropSolver::fold(g.block(t.row0(), t.col0(), t.rows(), t.cols()), {3.0, 0.0, 20.0});
      expected.segment(t.col0(), t.cols()) += e * v.segment(t.row0(), t.rows());
    }
    QVERIFY((read(c, v) - expected).cwiseAbs().maxCoeff() < 1e-12);
  }

  void weightsMapToDifferentialPairsAndBack() {
    CrossbarSpec s = spec(6, 8);  // 4 weight columns
    s.programming.mode = ProgrammingMode::Direct;
    CrossbarArray xb(s, 1);
    const Eigen::MatrixXd w = randomMatrix(6, 4, -0.5, 0.5, 5);
    const ProgramReport report = xb.programWeights(w);
    const double halfLevel = 0.5 * 100.0 / 255.0 / xb.weightScale();
    QVERIFY((xb.weights() - w).cwiseAbs().maxCoeff() <= halfLevel + 1e-12);
    QVERIFY(report.pulses.set > 0);
    for (Eigen::Index i = 0; i < 6; ++i)
      for (Eigen::Index k = 0; k < 4; ++k)  // the unused device of a pair stays at G_min
        QCOMPARE(std::min(xb.readConductances()(i, 2 * k), xb.readConductances()(i, 2 * k + 1)),
                 0.0);
    // A time step's spikes on rows 1 and 4 reach the outputs as the sum of those weight rows.
    const std::vector<int32_t> spikes = {1, 4};
    Eigen::VectorXd currents(8), outputs(4);
    xb.readSpikes(spikes, currents);
    xb.toWeightOutputs(currents, outputs);
    const Eigen::VectorXd expected = (w.row(1) + w.row(4)).transpose();
    QVERIFY((outputs - expected).cwiseAbs().maxCoeff() <= 2 * halfLevel + 1e-12);
    // The same through read(): the spike rows at v_read.
    Eigen::VectorXd v = Eigen::VectorXd::Zero(6);
    v(1) = v(4) = s.array.vRead;
    QVERIFY((read(xb, v) - currents).cwiseAbs().maxCoeff() < 1e-12);
  }

  void signedInputsAreReadInTwoPhases() {
    CrossbarSpec s = spec(5, 4);
    const Eigen::MatrixXd g = randomMatrix(5, 4, 10.0, 90.0, 6);
    s.conductances = rowMajor(g);
    CrossbarArray xb(s, 1);
    Eigen::VectorXd v(5);
    v << 0.1, -0.05, 0.2, -0.15, 0.0;
    QVERIFY((read(xb, v) - g.transpose() * v).cwiseAbs().maxCoeff() < 1e-12);
    s.array.adcBits = 4;
    s.array.adcIMax = 30.0;
    CrossbarArray quantised(s, 1);
    const Adc adc(4, 30.0, true);
    const Eigen::VectorXd pos = g.transpose() * v.cwiseMax(0.0),
                          neg = g.transpose() * (-v).cwiseMax(0.0);
    const Eigen::VectorXd out = read(quantised, v);
    for (int j = 0; j < 4; ++j)
      SNN_COMPARE_NEAR(out(j), adc.convert(pos(j)) - adc.convert(neg(j)), 1e-12);
  }

  void convertersQuantiseAndClip() {
    CrossbarSpec s = spec(2, 2);
    s.mapping.differential = false;
    s.conductances = {100.0, 20.0, 50.0, 0.0};
    s.array.dacBits = 2;  // 0, 1/3, 2/3, 1 of 0.3 V
    s.array.dacVMax = 0.3;
    s.array.adcBits = 3;  // steps of 5 µA up to 35 µA
    s.array.adcIMax = 35.0;
    CrossbarArray xb(s, 1);
    Eigen::VectorXd v(2);
    v << 0.16, 0.04;  // -> 0.2 V and 0.0 V
    Eigen::VectorXd out = read(xb, v);
    QCOMPARE(xb.lastInput()(0), 0.2);
    QCOMPARE(xb.lastInput()(1), 0.0);
    QCOMPARE(out(0), 20.0);  // 100 µS x 0.2 V = 20 µA, a code
    QCOMPARE(out(1), 5.0);   // 20 µS x 0.2 V = 4 µA -> nearest code 5 µA
    v << 0.5, 0.5;           // clips to 0.3 V: 30 + 15 = 45 µA -> saturates at 35 µA
    out = read(xb, v);
    QCOMPARE(out(0), 35.0);
    QCOMPARE(out(1), 5.0);                                    // 20 µS x 0.3 V = 6 µA -> 5 µA
    QVERIFY(read(xb, Eigen::VectorXd::Zero(2)).isZero(0.0));  // zero reads as exactly zero
  }

  void readNoiseVarianceIsTheSumOverCells() {
    // Ideal wires: the column variance sum_i (sigma_ij v_i)^2 is exact. Compare the sampled
    // variance of many reads with it, and with an explicit draw per device.
    CrossbarSpec s = spec(12, 6);
    const Eigen::MatrixXd g = randomMatrix(12, 6, 20.0, 100.0, 7);
    s.conductances = rowMajor(g);
    s.device.params["read_noise"] = ValueSpec::constant(0.1);
    CrossbarArray xb(s, 3);
    const Eigen::VectorXd v = randomVector(12, 0.05, 0.2, 8);
    const int n = 20000;
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(6), sq = Eigen::VectorXd::Zero(6);
    Eigen::VectorXd mcSum = Eigen::VectorXd::Zero(6), mcSq = Eigen::VectorXd::Zero(6);
    std::mt19937_64 rng(9);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (int k = 0; k < n; ++k) {
      const Eigen::VectorXd x = read(xb, v);
      sum += x;
      sq += x.cwiseProduct(x);
      Eigen::MatrixXd noisy = g;
      for (Eigen::Index i = 0; i < 12; ++i)
        for (Eigen::Index j = 0; j < 6; ++j) noisy(i, j) += 0.1 * g(i, j) * normal(rng);
      const Eigen::VectorXd y = noisy.transpose() * v;
      mcSum += y;
      mcSq += y.cwiseProduct(y);
    }
    const Eigen::VectorXd mean = g.transpose() * v;
    const double z = bonferroniSigmas(3 * 6);  // 3 estimates for each of 6 columns
    for (Eigen::Index j = 0; j < 6; ++j) {
      const double variance = (0.1 * g.col(j).cwiseProduct(v)).squaredNorm();  // the formula
      const double se = variance * std::sqrt(2.0 / (n - 1));
      const double sampled = (sq(j) - sum(j) * sum(j) / n) / (n - 1);
      const double explicitDraws = (mcSq(j) - mcSum(j) * mcSum(j) / n) / (n - 1);
      QVERIFY2(std::abs(sampled - variance) <= z * se,
               qPrintable(QString("column %1: %2 vs %3").arg(j).arg(sampled).arg(variance)));
      QVERIFY2(std::abs(explicitDraws - variance) <= z * se,
               qPrintable(QString("column %1: explicit draws %2 vs %3")
                              .arg(j)
                              .arg(explicitDraws)
                              .arg(variance)));
      SNN_COMPARE_NEAR(sum(j) / n, mean(j), z * std::sqrt(variance / n));
    }
  }

  void readNoiseUnderIrDropIsFirstOrder() {
    // With wire resistance the one-draw-per-column variance uses each cell's attenuation; an
    // explicit Monte Carlo (noisy conductances, folded again every sample) agrees to first order.
    CrossbarSpec s = spec(6, 4);
    const Eigen::MatrixXd g = randomMatrix(6, 4, 100.0, 500.0, 10);
    s.conductances = rowMajor(g);
    s.array.rWire = 5.0;
    s.array.rSense = 50.0;
    s.device.params["read_noise"] = ValueSpec::constant(0.1);
    CrossbarArray xb(s, 1);
    const Eigen::VectorXd v = randomVector(6, 0.05, 0.2, 11);
    const CrossbarTile& tile = xb.tiles().front();
    const Eigen::VectorXd formula = tile.noiseVariance(v);
    std::mt19937_64 rng(12);
    std::normal_distribution<double> normal(0.0, 1.0);
    const int n = 4000;
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(4), sq = Eigen::VectorXd::Zero(4);
    for (int k = 0; k < n; ++k) {
      Eigen::MatrixXd noisy = g;
      for (Eigen::Index i = 0; i < 6; ++i)
        for (Eigen::Index j = 0; j < 4; ++j) noisy(i, j) += 0.1 * g(i, j) * normal(rng);
      const Eigen::VectorXd y = IrDropSolver::fold(noisy, {5.0, 0.0, 50.0}) * v;
      sum += y;
      sq += y.cwiseProduct(y);
    }
    for (Eigen::Index j = 0; j < 4; ++j) {
      const double mc = (sq(j) - sum(j) * sum(j) / n) / (n - 1);
      QVERIFY2(
          std::abs(mc - formula(j)) <= 0.1 * formula(j),
          qPrintable(
              QString("column %1: Monte Carlo %2, formula %3").arg(j).arg(mc).arg(formula(j))));
    }
    QVERIFY((tile.attenuation().array() < 1.0).all());  // the IR drop is there
  }

  void sameSeedSameReads() {
    CrossbarSpec s = spec(8, 8);
    s.device.preset = "rram_taox";
    s.device.params["read_noise"] = ValueSpec::constant(0.05);
    s.faults.stuckOffRate = 0.1;
    s.array.adcBits = 6;
    const Eigen::MatrixXd w = randomMatrix(8, 4, -1, 1, 13);
    const Eigen::VectorXd v = randomVector(8, 0, 0.2, 14);
    auto run = [&](uint64_t seed) {
      CrossbarArray xb(s, seed);
      xb.programWeights(w);
      Eigen::MatrixXd reads(8, 5);
      for (int k = 0; k < 5; ++k) reads.col(k) = read(xb, v);
      return reads;
    };
    QVERIFY(run(1) == run(1));
    QVERIFY(run(1) != run(2));
  }

  void pulsesMoveWeightsAndAreCounted() {
    CrossbarSpec s = spec(3, 4);
    s.device.params["levels"] = ValueSpec::constant(11);  // steps of 10 µS
    s.array.rWire = 1.0;
    s.programming.mode = ProgrammingMode::Direct;
    CrossbarArray xb(s, 1);
    xb.programWeights(Eigen::MatrixXd::Constant(3, 2, 0.0));
    // Push-pull: G- is at G_min already, so all 3 pulses SET G+.
    const PulseCounts c = xb.pulseWeight(1, 0, 3);
    QCOMPARE(c.set, uint64_t(3));
    QCOMPARE(c.reset, uint64_t(0));
    SNN_COMPARE_NEAR(xb.readConductances()(1, 0), 30.0, 1e-9);
    QCOMPARE(xb.readConductances()(1, 1), 0.0);
    QCOMPARE(xb.counters().updatePulses.total(), uint64_t(3));
    QVERIFY(xb.stale());
    // First-order update now, exact after refold(): both close to a fresh fold.
    const Eigen::VectorXd v = Eigen::VectorXd::Constant(3, 0.2);
    const Eigen::VectorXd firstOrder = read(xb, v);
    xb.refold();
    const Eigen::VectorXd exact = read(xb, v);
    const Eigen::MatrixXd fresh = IrDropSolver::fold(xb.readConductances(), {1.0, 0.0, 0.0});
    QVERIFY((exact - fresh * v).cwiseAbs().maxCoeff() < 1e-12);
    QVERIFY((firstOrder - exact).cwiseAbs().maxCoeff() < 1e-3 * exact.cwiseAbs().maxCoeff());
    // Set-only: a decrease pulses G- up instead.
    CrossbarSpec one = s;
    one.mapping.updatePolicy = UpdatePolicy::SetOnly;
    CrossbarArray pcmLike(one, 1);
    pcmLike.pulseWeight(0, 1, -2);
    SNN_COMPARE_NEAR(pcmLike.readConductances()(0, 3), 20.0, 1e-9);
    QVERIFY(pcmLike.weights()(0, 1) < 0.0);
  }

  // Every push-pull pulse moves a weight one level step, up or down (by hand on a linear
  // device with steps of 10 µS): the device pulled down goes to G_min first, then the other one
  // is pushed up. Sending each pulse to both devices moved a programmed weight 2 steps down
  // (G+ RESET, G- SET) but 1 step up (G- cannot RESET below G_min).
  void pushPullPulsesMoveOneStepEitherWay() {
    CrossbarSpec s = spec(1, 2);
    s.device.params["levels"] = ValueSpec::constant(11);
    s.programming.mode = ProgrammingMode::Direct;
    s.mapping.wMax = 1.0;  // 10 µS per 0.1
    CrossbarArray xb(s, 1);
    xb.programWeights(Eigen::MatrixXd::Constant(1, 1, 0.5));
    SNN_COMPARE_NEAR(xb.weightAt(0, 0), 0.5, 1e-12);
    xb.pulseWeight(0, 0, 1);
    SNN_COMPARE_NEAR(xb.weightAt(0, 0), 0.6, 1e-12);
    xb.pulseWeight(0, 0, -1);
    SNN_COMPARE_NEAR(xb.weightAt(0, 0), 0.5, 1e-12);
    const PulseCounts across = xb.pulseWeight(0, 0, -7);  // G+ 5 RESETs to G_min, G- 2 SETs
    QCOMPARE(across.reset, uint64_t(5));
    QCOMPARE(across.set, uint64_t(2));
    SNN_COMPARE_NEAR(xb.weightAt(0, 0), -0.2, 1e-12);
    SNN_COMPARE_NEAR(xb.readConductances()(0, 0), 0.0, 1e-12);
    xb.pulseWeight(0, 0, 3);  // G- down 2 to G_min, then G+ up 1
    SNN_COMPARE_NEAR(xb.weightAt(0, 0), 0.1, 1e-12);
    SNN_COMPARE_NEAR(xb.readConductances()(0, 1), 0.0, 1e-12);
  }

  void driftLowersPcmConductancesWithTime() {
    CrossbarSpec s = spec(4, 4);
    s.device.preset = "pcm";
    s.conductances.assign(16, 12.5);
    CrossbarArray now(s, 1);
    s.programming.tInference = 3600.0;
    CrossbarArray later(s, 1);
    const double nu = now.devices().driftExponents()(2, 3);
    QVERIFY(nu >= 0.0 && nu < 0.2);
    SNN_COMPARE_NEAR(later.readConductances()(2, 3), 12.5 * std::pow(3620.0 / 20.0, -nu), 1e-12);
    QCOMPARE(now.readConductances()(2, 3), 12.5);
  }

  void liveChangesApplyOrAskForARebuild() {
    CrossbarSpec s = spec(6, 6);
    s.conductances = rowMajor(randomMatrix(6, 6, 10, 90, 15));
    CrossbarArray xb(s, 1);
    CrossbarSpec next = s;
    next.array.rWire = 2.0;
    next.array.adcBits = 8;
    QVERIFY(xb.applyLive(next));
    CrossbarArray fresh(next, 1);
    const Eigen::VectorXd v = randomVector(6, 0, 0.2, 16);
    QVERIFY(read(xb, v) == read(fresh, v));
    CrossbarSpec structural = next;
    structural.device.params["levels"] = ValueSpec::constant(8);
    QVERIFY(!xb.applyLive(structural));
    QCOMPARE(xb.spec().array.adcBits, int64_t(8));  // unchanged by the refused one
  }

  void nodeVoltagesOfTheLastRead() {
    CrossbarSpec s = spec(5, 6);
    s.conductances = rowMajor(randomMatrix(5, 6, 100, 900, 17));
    s.array.rWire = 2.0;
    s.array.rSource = 10.0;
    CrossbarArray xb(s, 1);
    const Eigen::VectorXd v = randomVector(5, 0, 0.2, 18);
    const Eigen::VectorXd out = read(xb, v);
    const NodeVoltages n = xb.lastReadNodeVoltages(0);
    QVERIFY((n.outputs - out).cwiseAbs().maxCoeff() < 1e-10);
    QVERIFY((n.row.array() <= v.maxCoeff()).all() && (n.column.array() >= 0).all());
  }

  // Spike reads with read noise take SpikeReader (single precision, one row block of arrays at
  // a time). Its noiseless currents and noise variance against the tiles' double path (the
  // folded E and CrossbarTile::noiseVariance), under IR drop on a 2 x 2 grid of arrays: within
  // a few float roundings (1e-6 of the largest current, 1e-5 of the largest variance), which is
  // also below a thousandth of the smallest noise deviation and of an 8-bit ADC step.
  void floatSpikeReadsStayWithinTheirBound() {
    const CrossbarArray xb(noisyTiledSpec(), 1);
    SpikeReader reader;
    reader.pack(xb.tiles(), 12);
    QVERIFY(reader.active());
    QCOMPARE(reader.blocks(), Eigen::Index(2));
    const float v = 0.2f;
    const std::vector<std::vector<int32_t>> rowSets = {
        {0}, {1, 4, 9}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}};
    for (const std::vector<int32_t>& rows : rowSets) {
      Eigen::VectorXd mean = Eigen::VectorXd::Zero(12), variance = Eigen::VectorXd::Zero(12);
      for (const CrossbarTile& t : xb.tiles()) {
        if (t.row0() != 10) continue;  // the second row block
        Eigen::VectorXd volts = Eigen::VectorXd::Zero(t.rows());
        for (int32_t r : rows) volts(r) = v;
        mean.segment(t.col0(), t.cols()) = t.effective() * volts;
        variance.segment(t.col0(), t.cols()) = t.noiseVariance(volts);
      }
      Eigen::VectorXf m(12), var(12);
      reader.meanAndVariance(1, rows, v, m, var);
      const double meanError = (m.cast<double>() - mean).cwiseAbs().maxCoeff();
      const double varianceError = (var.cast<double>() - variance).cwiseAbs().maxCoeff();
      QVERIFY2(meanError <= 1e-6 * mean.cwiseAbs().maxCoeff(),
               qPrintable(QString::number(meanError)));
      QVERIFY(varianceError <= 1e-5 * variance.maxCoeff());
      QVERIFY(meanError <= 1e-3 * variance.cwiseSqrt().minCoeff());
      const double adcStep = 10 * 100.0 * v / 255.0;  // 10 rows at G_max 100 µS
      QVERIFY(meanError <= 1e-3 * adcStep);
    }
  }

  // Through CrossbarArray::readSpikes (the float path): the sampled mean and variance of each
  // column against the model's formula, summed over the two row blocks' arrays.
  void noisySpikeReadsHaveTheFormulasStatistics() {
    CrossbarArray xb(noisyTiledSpec(), 2);
    const std::vector<int32_t> spikes = {1, 4, 12, 19};
    const double v = xb.spec().array.vRead;
    Eigen::VectorXd mean = Eigen::VectorXd::Zero(12), variance = Eigen::VectorXd::Zero(12);
    for (const CrossbarTile& t : xb.tiles()) {
      Eigen::VectorXd volts = Eigen::VectorXd::Zero(t.rows());
      for (int32_t r : spikes)
        if (r >= t.row0() && r < t.row0() + t.rows()) volts(r - t.row0()) = v;
      mean.segment(t.col0(), t.cols()) += t.effective() * volts;
      variance.segment(t.col0(), t.cols()) += t.noiseVariance(volts);
    }
    const int n = 20000;
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(12), sq = Eigen::VectorXd::Zero(12), x(12);
    for (int k = 0; k < n; ++k) {
      xb.readSpikes(spikes, x);
      sum += x;
      sq += x.cwiseProduct(x);
    }
    const double z = bonferroniSigmas(2 * 12);
    for (Eigen::Index j = 0; j < 12; ++j) {
      const double sampled = (sq(j) - sum(j) * sum(j) / n) / (n - 1);
      QVERIFY2(std::abs(sampled - variance(j)) <= z * variance(j) * std::sqrt(2.0 / (n - 1)),
               qPrintable(QString("column %1: %2 vs %3").arg(j).arg(sampled).arg(variance(j))));
      SNN_COMPARE_NEAR(sum(j) / n, mean(j), z * std::sqrt(variance(j) / n));
    }
  }

  // A pulse updates the packed copy as it updates the array (CrossbarTile::updateCell): the same
  // reads, to the bit, as packing the updated arrays afresh.
  void packedCopyFollowsPulses() {
    const CrossbarArray xb(noisyTiledSpec(), 1);
    std::vector<CrossbarTile> tiles = xb.tiles();
    SpikeReader updated;
    updated.pack(tiles, 12);
    const struct {
      Eigen::Index row, col;
      double g, sigma;
    } cells[] = {{3, 2, 55.0, 2.0}, {12, 9, 7.5, 0.4}, {19, 11, 99.0, 5.0}};
    for (const auto& c : cells) {
      for (CrossbarTile& t : tiles)
        if (c.row >= t.row0() && c.row < t.row0() + t.rows() && c.col >= t.col0() &&
            c.col < t.col0() + t.cols()) {
          t.updateCell(c.row, c.col, c.g, c.sigma);
          updated.updateCell(t, c.row, c.col);
        }
    }
    SpikeReader fresh;
    fresh.pack(tiles, 12);
    for (Eigen::Index b = 0; b < 2; ++b) {
      const std::vector<int32_t> rows = {0, 2, 3, 7, 9};
      Eigen::VectorXf m1(12), v1(12), m2(12), v2(12);
      updated.meanAndVariance(b, rows, 0.2f, m1, v1);
      fresh.meanAndVariance(b, rows, 0.2f, m2, v2);
      QVERIFY(m1 == m2);
      QVERIFY(v1 == v2);
    }
  }

  // Why an array whose rows got no spike may be skipped: zero volts give exactly zero current
  // and zero noise variance, and every ADC reads zero as its zero code, clipping or not.
  void idleArraysReadExactlyZero() {
    const CrossbarArray xb(noisyTiledSpec(), 1);
    for (const CrossbarTile& t : xb.tiles()) {
      const Eigen::VectorXd zero = Eigen::VectorXd::Zero(t.rows());
      QVERIFY((t.effective() * zero).isZero(0.0));
      QVERIFY(t.noiseVariance(zero).isZero(0.0));
    }
    for (bool clip : {true, false}) {
      const Adc adc(8, 51.0, clip);
      Eigen::VectorXd d = Eigen::VectorXd::Zero(4);
      Eigen::VectorXf f = Eigen::VectorXf::Zero(4);
      adc.convertAll(d);
      adc.toCodes(f);
      QVERIFY(d.isZero(0.0) && f.isZero(0.0));
      QCOMPARE(adc.convert(0.0), 0.0);
    }
  }

  void badCallsThrowClearly() {
    CrossbarArray xb(spec(4, 4), 1);
    Eigen::VectorXd out(4);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, xb.read(Eigen::VectorXd::Zero(3), out));
    const std::vector<int32_t> spikes = {7};
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, xb.readSpikes(spikes, out));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, xb.programWeights(Eigen::MatrixXd::Zero(4, 4)));
    CrossbarSpec single = spec(2, 2);
    single.mapping.differential = false;
    CrossbarArray one(single, 1);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             one.programWeights(-Eigen::MatrixXd::Ones(2, 2)));
  }
};

QTEST_GUILESS_MAIN(TestCrossbarArray)
#include "tst_crossbararray.moc"
