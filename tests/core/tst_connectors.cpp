// Connectors against their definitions, statistically where they are random: counts within 3
// sigma of the binomial expectation, exact in-degrees, no self-connections when excluded,
// weight and delay distributions with the right moments and bounds, and reproducible streams.
#include <QTest>
#include <cmath>
#include <set>

#include "TestSupport.h"

using namespace snn;

namespace {

// Two populations a (pre) and b (post) and one projection with the given connector/weight/delay.
Project network(int64_t pre, int64_t post, const std::string& connector,
                const std::string& weight = "1", const std::string& delay = "0", bool self = false,
                uint64_t seed = 7) {
  const std::string postId = self ? "a" : "b";
  return test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [{"id": "a", "model": "lif", "size": )" +
                     std::to_string(pre) + R"(},
                    {"id": "b", "model": "lif", "size": )" +
                     std::to_string(post) + R"(}],
    "projections": [{"id": "p", "pre": "a", "post": ")" +
                     postId + R"(", "connector": )" + connector + R"(, "weight": )" + weight +
                     R"(, "delay": )" + delay + R"(}]},
    "experiment": {"dt": 0.1, "duration": 1, "seed": )" +
                     std::to_string(seed) + "}}");
}

SynapseMatrix build(const Project& p) {
  CompileResult r = compile(p);
  if (!r.ok()) {
    qWarning("%s", joinDiagnostics(r.diagnostics).c_str());
    return {};
  }
  return std::move(r.network->projections.front().synapses);
}

}  // namespace

class TestConnectors : public QObject {
  Q_OBJECT
 private slots:
  void randomCountIsBinomial();
  void randomExcludesSelf();
  void randomExtremes();
  void fixedInDegreeIsExactAndDistinct();
  void fixedInDegreeSourcesAreUniform();
  void allToAllAndOneToOne();
  void fromListKeepsWeightsAndDelays();
  void weightArrayIsRowMajor();
  void weightDistributions();
  void delayDistribution();
  void streamsAreReproducible();
  void rowsAreSortedAndSplitPerThread();
};

void TestConnectors::randomCountIsBinomial() {
  const double p = 0.05, n = 800.0 * 600.0;
  const SynapseMatrix m = build(network(800, 600, R"({"type": "random", "p": 0.05})"));
  const double mean = n * p, sd = std::sqrt(n * p * (1 - p));
  QVERIFY2(
      std::abs(m.synapseCount() - mean) < 3 * sd,
      qPrintable(
          QString("%1 synapses, expected %2 +- %3").arg(m.synapseCount()).arg(mean).arg(3 * sd)));
  // Each target's in-degree is Binomial(800, p): the spread across targets matches.
  std::vector<int> indeg(600, 0);
  for (int32_t t : m.target) ++indeg[static_cast<size_t>(t)];
  double var = 0;
  for (int d : indeg) var += (d - 800 * p) * (d - 800 * p);
  var /= 600;
  const double expected =
      800 * p * (1 - p);  // 38; the sample variance of 600 targets is within 20 %
  QVERIFY2(std::abs(var - expected) < 0.2 * expected,
           qPrintable(QString("in-degree variance %1").arg(var)));
}

void TestConnectors::randomExcludesSelf() {
  const SynapseMatrix m = build(
      network(300, 300, R"({"type": "random", "p": 0.5, "allow_self": false})", "1", "0", true));
  for (int32_t i = 0; i < m.preSize; ++i)
    for (int64_t k = m.rowStart[i]; k < m.rowStart[i + 1]; ++k) QVERIFY(m.target[k] != i);
  const double n = 300.0 * 299.0;
  QVERIFY(std::abs(m.synapseCount() - 0.5 * n) < 3 * std::sqrt(n * 0.25));
}

void TestConnectors::randomExtremes() {
  QCOMPARE(build(network(50, 40, R"({"type": "random", "p": 1})")).synapseCount(), int64_t(2000));
  QCOMPARE(build(network(50, 40, R"({"type": "random", "p": 0})")).synapseCount(), int64_t(0));
}

void TestConnectors::fixedInDegreeIsExactAndDistinct() {
  for (int n : {1, 20, 250, 299}) {  // Floyd's sampling for few, selection sampling for many
    const SynapseMatrix m = build(network(
        300, 300,
        R"({"type": "fixed_in_degree", "n": )" + std::to_string(n) + R"(, "allow_self": false})",
        "1", "0", true));
    std::vector<std::set<int32_t>> sources(300);
    for (int32_t i = 0; i < m.preSize; ++i)
      for (int64_t k = m.rowStart[i]; k < m.rowStart[i + 1]; ++k) {
        QVERIFY(m.target[k] != i);
        QVERIFY2(sources[static_cast<size_t>(m.target[k])].insert(i).second, "a source used twice");
      }
    for (const auto& s : sources) QCOMPARE(static_cast<int>(s.size()), n);
  }
}

void TestConnectors::fixedInDegreeSourcesAreUniform() {
  // 2000 targets x 10 sources among 100: each source is used ~Binomial(2000, 0.1) times; the
  // chi-square statistic over sources stays within 5 sigma of its mean (df = 99).
  const SynapseMatrix m = build(network(100, 2000, R"({"type": "fixed_in_degree", "n": 10})"));
  const double expected = 200;
  double chi2 = 0;
  for (int32_t i = 0; i < 100; ++i) {
    const double c = static_cast<double>(m.rowStart[i + 1] - m.rowStart[i]);
    chi2 += (c - expected) * (c - expected) / expected;
  }
  // Without replacement per target the variance is 0.9 of the multinomial one: E[chi2] ~ 89.
  QVERIFY2(std::abs(chi2 - 89) < 5 * std::sqrt(2 * 99.0), qPrintable(QString("chi2 %1").arg(chi2)));
}

void TestConnectors::allToAllAndOneToOne() {
  QCOMPARE(build(network(30, 20, R"("all_to_all")")).synapseCount(), int64_t(600));
  QCOMPARE(build(network(30, 30, R"({"type": "all_to_all", "allow_self": false})", "1", "0", true))
               .synapseCount(),
           int64_t(870));
  const SynapseMatrix m = build(network(25, 25, R"("one_to_one")"));
  QCOMPARE(m.synapseCount(), int64_t(25));
  for (int32_t i = 0; i < 25; ++i) QCOMPARE(m.target[static_cast<size_t>(m.rowStart[i])], i);
}

void TestConnectors::fromListKeepsWeightsAndDelays() {
  const SynapseMatrix m = build(network(
      5, 5,
      R"({"type": "from_list", "list": [[3, 4, 0.5, 2.0], [0, 2, -1.5, 0.3], [3, 1, 0.25, 1.0], [0, 2, 7]]})"));
  QCOMPARE(m.synapseCount(), int64_t(4));
  // Row 0: targets 2, 2 (a multapse, list order kept); row 3: targets 1, 4 (sorted).
  QCOMPARE(m.target, (std::vector<int32_t>{2, 2, 1, 4}));
  QCOMPARE(m.weight, (std::vector<float>{-1.5f, 7.0f, 0.25f, 0.5f}));
  // Delays in steps of 0.1 ms; the entry without a delay takes the projection's (0).
  QCOMPARE(m.delay, (std::vector<uint16_t>{3, 0, 10, 20}));
}

void TestConnectors::weightArrayIsRowMajor() {
  const SynapseMatrix m = build(network(2, 3, R"("all_to_all")", "[0, 1, 2, 10, 11, 12]"));
  for (int32_t i = 0; i < 2; ++i)
    for (int64_t k = m.rowStart[i]; k < m.rowStart[i + 1]; ++k)
      QCOMPARE(m.weight[static_cast<size_t>(k)], static_cast<float>(10 * i + m.target[k]));
}

void TestConnectors::weightDistributions() {
  const SynapseMatrix n = build(network(200, 200, R"("all_to_all")", R"({"normal": [0.5, 0.1]})"));
  double mean = 0, var = 0;
  for (float w : n.weight) mean += w;
  mean /= n.weight.size();
  for (float w : n.weight) var += (w - mean) * (w - mean);
  var /= n.weight.size() - 1;
  QVERIFY(std::abs(mean - 0.5) < 3 * 0.1 / std::sqrt(40000.0));
  QVERIFY(std::abs(std::sqrt(var) - 0.1) < 0.005);
  const SynapseMatrix u = build(network(200, 200, R"("all_to_all")", R"({"uniform": [-1, 2]})"));
  double umean = 0;
  for (float w : u.weight) {
    QVERIFY(w >= -1 && w <= 2);
    umean += w;
  }
  umean /= u.weight.size();
  QVERIFY(std::abs(umean - 0.5) < 3 * std::sqrt(0.75 / 40000.0));  // variance (3^2)/12
}

void TestConnectors::delayDistribution() {
  const SynapseMatrix m =
      build(network(100, 100, R"("all_to_all")", "1", R"({"uniform": [1, 3]})"));
  QCOMPARE(m.delay.size(), size_t(10000));
  std::vector<int> histogram(40, 0);
  for (uint16_t d : m.delay) {
    QVERIFY(d >= 10 && d <= 30);  // steps of 0.1 ms
    ++histogram[d];
  }
  // Rounding to the nearest step: the end bins get half the mass of inner bins.
  QVERIFY(histogram[10] < histogram[20] && histogram[30] < histogram[20]);
}

void TestConnectors::streamsAreReproducible() {
  const std::string c = R"({"type": "random", "p": 0.1})";
  const SynapseMatrix a = build(network(200, 200, c, R"({"uniform": [0, 1]})", "0", false, 1));
  const SynapseMatrix b = build(network(200, 200, c, R"({"uniform": [0, 1]})", "0", false, 1));
  const SynapseMatrix other = build(network(200, 200, c, R"({"uniform": [0, 1]})", "0", false, 2));
  QCOMPARE(a.target, b.target);
  QCOMPARE(a.weight, b.weight);
  QVERIFY(a.target != other.target);
  // Changing the weight distribution does not rewire: connectivity has its own stream.
  const SynapseMatrix rewired = build(network(200, 200, c, R"({"normal": [0, 1]})", "0", false, 1));
  QCOMPARE(rewired.target, a.target);
}

void TestConnectors::rowsAreSortedAndSplitPerThread() {
  CompileOptions options;
  options.threads = 3;
  CompileResult r = compile(network(500, 1000, R"({"type": "random", "p": 0.2})"), options);
  QVERIFY(r.ok());
  const auto& proj = r.network->projections.front();
  const auto& bounds = r.network->populations[1].bounds;
  const SynapseMatrix& m = proj.synapses;
  QCOMPARE(m.partitionCount(), 3);
  for (int32_t i = 0; i < m.preSize; ++i) {
    QVERIFY(std::is_sorted(m.target.begin() + m.rowStart[i], m.target.begin() + m.rowStart[i + 1]));
    for (int part = 0; part < 3; ++part)
      for (int64_t k = m.partBegin(i, part); k < m.partEnd(i, part); ++k)
        QVERIFY(m.target[k] >= bounds[part] && m.target[k] < bounds[part + 1]);
    QCOMPARE(m.partBegin(i, 0), m.rowStart[i]);
    QCOMPARE(m.partEnd(i, 2), m.rowStart[i + 1]);
  }
}

QTEST_GUILESS_MAIN(TestConnectors)
#include "tst_connectors.moc"
