// An encoder population fed by a dataset during an ordinary run: samples follow each other at
// the documented steps, the input is silent between them, the spikes follow the images (Poisson
// rate within 3 sigma of intensity x rate_max, latency spikes at t_max (1 - intensity)), and a
// feed that does not fit its population is refused with the reason.
#include <QTest>
#include <cmath>

#include "TestSupport.h"
#include "data/Dataset.h"

using namespace snn;

namespace {

Project fed(const std::string& model, const std::string& params, int64_t size,
            const std::string& feed) {
  return test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [{"id": "pixels", "model": ")" +
                     model + R"(", "size": )" + std::to_string(size) + R"(, "params": {)" + params +
                     R"(}, "feed": )" + feed + R"(}],
    "projections": [], "monitors": [{"type": "spikes", "target": "pixels"}]},
    "experiment": {"dt": 0.1, "duration": 100, "seed": 4}})");
}

}  // namespace

class TestDatasetFeed : public QObject {
  Q_OBJECT
 private slots:
  void samplesFollowTheSchedule();
  void poissonRateFollowsTheImage();
  void latencyFollowsTheImage();
  void misfitIsRefused();
  void roundTrip();
};

void TestDatasetFeed::samplesFollowTheSchedule() {
  const Project p =
      fed("poisson", R"("rate_max": 200)", 64,
          R"({"dataset": "digits", "split": "test", "present_ms": 10, "rest_ms": 5, "first": 3})");
  CompileResult c = compile(p);
  QVERIFY2(c.ok(), joinDiagnostics(c.diagnostics).c_str());
  Simulator sim(std::move(c.network));
  std::vector<FeedEvent> events;
  std::vector<int32_t> counts;
  for (int64_t done = 0; done < 450; done += 7) {  // chunks of 7 steps: events fall inside chunks
    const SimulationChunk chunk = sim.run(std::min<int64_t>(7, 450 - done));
    events.insert(events.end(), chunk.feedEvents.begin(), chunk.feedEvents.end());
    counts.insert(counts.end(), chunk.countsPerStep[0].begin(), chunk.countsPerStep[0].end());
  }
  const DatasetSplit digits = loadDigits();
  // 450 steps: samples 3, 4, 5 at steps 0, 150, 300; silence at 100, 250, 400.
  QCOMPARE(events.size(), size_t(6));
  for (int k = 0; k < 3; ++k) {
    QCOMPARE(events[2 * k].step, int64_t(150 * k));
    QCOMPARE(events[2 * k].sample, int64_t(3 + k));
    QCOMPARE(events[2 * k].label, int(digits.test.labels[static_cast<size_t>(3 + k)]));
    QCOMPARE(events[2 * k + 1].step, int64_t(150 * k + 100));
    QCOMPARE(events[2 * k + 1].sample, int64_t(-1));
    for (int64_t s = 150 * k + 100; s < 150 * (k + 1); ++s)
      QCOMPARE(counts[static_cast<size_t>(s)], 0);
  }
  sim.reset();  // starts over at sample 3
  QCOMPARE(sim.run(1).feedEvents.front().sample, int64_t(3));
}

void TestDatasetFeed::poissonRateFollowsTheImage() {
  // One sample shown for 2 s: each pixel fires at intensity x rate_max.
  const Project p = fed(
      "poisson", R"("rate_max": 100)", 64,
      R"({"dataset": "digits", "split": "train", "present_ms": 2000, "rest_ms": 0, "first": 10})");
  const test::RunResult r = test::run(p, 2000);
  const Dataset train = loadDigits().train;
  double expected = 0, variance = 0;
  for (int i = 0; i < 64; ++i) {
    const double q = train.images(10, i) * 100 * 0.1 / 1000;  // per step
    expected += 20000 * q;
    variance += 20000 * q * (1 - q);
  }
  QVERIFY(expected > 1000);
  QVERIFY2(std::abs(r.totals[0] - expected) < 3 * std::sqrt(variance),
           qPrintable(QString("%1 spikes, expected %2").arg(r.totals[0]).arg(expected)));
  // Dark pixels never fire.
  for (const auto& [step, n] : r.spikes.at("pixels")) QVERIFY(train.images(10, n) > 0);
}

void TestDatasetFeed::latencyFollowsTheImage() {
  const Project p = fed("latency", R"("t_max": 20, "threshold": 0.01)", 64,
                        R"({"dataset": "digits", "present_ms": 30, "rest_ms": 10})");
  const test::RunResult r = test::run(p, 80);  // two samples: 0 and 1
  const Dataset test = loadDigits().test;
  std::vector<int> seen(64, 0);
  for (const auto& [step, n] : r.spikes.at("pixels")) {
    const int sample = step < 400 ? 0 : 1;
    const double x = test.images(sample, n);
    QVERIFY(x > 0.01);
    SNN_COMPARE_NEAR(step - 400 * sample, std::llround(20 * (1 - x) / 0.1), 0);
    ++seen[static_cast<size_t>(n)];
  }
  int bright = 0;
  for (int n = 0; n < 64; ++n) bright += (test.images(0, n) > 0.01) + (test.images(1, n) > 0.01);
  QCOMPARE(static_cast<int>(r.spikes.at("pixels").size()), bright);  // one spike per bright pixel
}

void TestDatasetFeed::misfitIsRefused() {
  const auto wrongSize = compile(fed("poisson", "", 100, R"({"dataset": "digits"})"));
  QVERIFY(!wrongSize.ok());
  QCOMPARE(wrongSize.diagnostics.front().field, std::string("feed.dataset"));
  QVERIFY(QString::fromStdString(wrongSize.diagnostics.front().message)
              .contains("64 pixels (8 x 8) but the population has 100"));
  const auto notEncoder = compile(fed("lif", "", 64, R"({"dataset": "digits"})"));
  QVERIFY(!notEncoder.ok());
  QCOMPARE(notEncoder.diagnostics.front().field, std::string("feed"));
  const auto missing = compile(fed("poisson", "", 64, R"({"dataset": "/nonexistent/folder"})"));
  QVERIFY(!missing.ok());
  QVERIFY(QString::fromStdString(missing.diagnostics.front().message).contains("does not exist"));
  const auto badSplit =
      compile(fed("poisson", "", 64, R"({"dataset": "digits", "split": "validation"})"));
  QCOMPARE(badSplit.diagnostics.front().field, std::string("feed.split"));
}

void TestDatasetFeed::roundTrip() {
  const Project p =
      fed("direct_current", R"("gain": 2)", 64,
          R"({"dataset": "digits", "split": "train", "present_ms": 25, "rest_ms": 0, "first": 7})");
  QVERIFY(p.network.populations[0].feed.has_value());
  QCOMPARE(parseProject(serializeProject(p)).project, p);
}

QTEST_GUILESS_MAIN(TestDatasetFeed)
#include "tst_datasetfeed.moc"
