// The arithmetic of a dataset feed's schedule at the edges of int64: a presentation plus rest
// whose step count does not fit is refused naming the field (it used to wrap to a negative
// period and index the Poisson calendar out of bounds); a `first` sample near INT64_MAX shows
// sample (first + k) mod n (it used to overflow into a negative index); ms -> steps conversions
// of spike times, switch times and latencies beyond any run mean "never" instead of undefined
// behaviour. The expected sample indices are worked out here in unsigned 64-bit arithmetic (first +
// k < 2^64), independently of the engine's modular formula.
#include <QTest>
#include <limits>

#include "TestSupport.h"
#include "data/Dataset.h"
#include "learning/TrainerRegistry.h"
#include "model/NumberText.h"
#include "model/StepCount.h"

using namespace snn;

namespace {

Project fed(const std::string& model, const std::string& feed, double duration = 5) {
  return test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [{"id": "pixels", "model": ")" +
                     model + R"(", "size": 64, "params": {}, "feed": )" + feed + R"(},
                    {"id": "out", "model": "lif", "size": 2}],
    "projections": [{"id": "in", "pre": "pixels", "post": "out", "connector": "all_to_all",
                     "weight": 0.1}],
    "monitors": [{"type": "spikes", "target": "out"}]},
    "experiment": {"dt": 0.1, "duration": )" +
                     formatNumber(duration) + R"(, "seed": 4}})");
}

std::string feed(const std::string& presentMs, const std::string& restMs,
                 const std::string& first = "0") {
  return R"({"dataset": "digits", "split": "test", "present_ms": )" + presentMs +
         R"(, "rest_ms": )" + restMs + R"(, "first": )" + first + "}";
}

bool names(const std::vector<Diagnostic>& diagnostics, const std::string& field) {
  for (const Diagnostic& d : diagnostics)
    if (d.objectId == "pixels" && d.field == field) return true;
  return false;
}

}  // namespace

class TestFeedArithmetic : public QObject {
  Q_OBJECT
 private slots:
  void stepConversionIsChecked();
  void unrepresentablePeriodIsRefused_data();
  void unrepresentablePeriodIsRefused();
  void firstNearInt64MaxWraps_data();
  void firstNearInt64MaxWraps();
  void firstBeyondItsRangeIsRefused();
  void timesBeyondAnyRunNeverCome();
  void trainingScheduleIsChecked();
};

void TestFeedArithmetic::stepConversionIsChecked() {
  QCOMPARE(stepsIn(350, 0.1).value(), int64_t(3500));
  QCOMPARE(stepsIn(0.25, 0.1).value(), int64_t(3));  // half away from zero, as std::llround
  QVERIFY(!stepsIn(1e30, 0.1));
  QVERIFY(!stepsIn(std::numeric_limits<double>::quiet_NaN(), 0.1));
  QVERIFY(!stepsIn(-1, 0.1));
  QVERIFY(!stepsIn(std::numeric_limits<double>::infinity(), 0.1));
  QCOMPARE(stepsOrNever(1e300, 0.1).value(), kNeverStep);
  QVERIFY(!stepsOrNever(std::numeric_limits<double>::quiet_NaN(), 0.1));
  QCOMPARE(addSteps(kNeverStep - 1, 5), kNeverStep);
  QCOMPARE(formatNumber(1e308), std::string("1e+308"));
}

void TestFeedArithmetic::unrepresentablePeriodIsRefused_data() {
  QTest::addColumn<QString>("model");
  QTest::addColumn<QString>("present");
  QTest::addColumn<QString>("rest");
  QTest::addColumn<QString>("field");
  for (const char* model : {"poisson", "latency", "direct_current"}) {
    // Each fits an int64 in steps alone; their sum does not.
    QTest::newRow((std::string(model) + ": sum overflows").c_str()) << model << "5e17"
                                                                    << "5e17"
                                                                    << "feed.present_ms";
    QTest::newRow((std::string(model) + ": present beyond int64").c_str()) << model << "1e30"
                                                                           << "0"
                                                                           << "feed.present_ms";
    QTest::newRow((std::string(model) + ": rest beyond int64").c_str()) << model << "10"
                                                                        << "1e300"
                                                                        << "feed.rest_ms";
  }
}

void TestFeedArithmetic::unrepresentablePeriodIsRefused() {
  QFETCH(QString, model);
  QFETCH(QString, present);
  QFETCH(QString, rest);
  QFETCH(QString, field);
  const Project p = fed(model.toStdString(), feed(present.toStdString(), rest.toStdString()));
  const CompileResult c = compile(p);
  QVERIFY2(!c.ok(), "an unrepresentable feed period compiled");
  QVERIFY2(names(c.diagnostics, field.toStdString()), joinDiagnostics(c.diagnostics).c_str());
  // The message says what the limit is, in a readable number.
  QVERIFY2(joinDiagnostics(c.diagnostics).size() < 400, joinDiagnostics(c.diagnostics).c_str());
}

void TestFeedArithmetic::firstNearInt64MaxWraps_data() {
  QTest::addColumn<QString>("model");
  QTest::addColumn<qint64>("first");
  // The schema's largest first sample (1e15) and the one before it: the index wraps with the
  // dataset's size, without overflow.
  const qint64 max = 1'000'000'000'000'000;
  for (const char* model : {"poisson", "latency", "direct_current"}) {
    QTest::newRow((std::string(model) + ": largest first").c_str()) << model << max;
    QTest::newRow((std::string(model) + ": largest first - 1").c_str()) << model << (max - 1);
  }
}

void TestFeedArithmetic::firstNearInt64MaxWraps() {
  QFETCH(QString, model);
  QFETCH(qint64, first);
  // 1 ms samples, 1 ms rest: 3 samples in 5 ms.
  const Project p = fed(model.toStdString(), feed("1", "1", std::to_string(first)), 5);
  CompileResult c = compile(p);
  QVERIFY2(c.ok(), joinDiagnostics(c.diagnostics).c_str());
  Simulator sim(std::move(c.network));
  const SimulationChunk chunk = sim.run(50);
  const DatasetSplit digits = loadDigits();
  const auto n = static_cast<uint64_t>(digits.test.size());
  std::vector<int64_t> shown;
  for (const FeedEvent& e : chunk.feedEvents)
    if (e.sample >= 0) {
      shown.push_back(e.sample);
      QCOMPARE(e.label, int(digits.test.labels[static_cast<size_t>(e.sample)]));
    }
  QCOMPARE(shown.size(), size_t(3));
  for (size_t k = 0; k < shown.size(); ++k)
    QCOMPARE(shown[k], static_cast<int64_t>((static_cast<uint64_t>(first) + k) % n));
}

void TestFeedArithmetic::firstBeyondItsRangeIsRefused() {
  // INT64_MAX as a first sample (once a heap read out of bounds) is refused by the schema's
  // range, naming the field; the conversion from the file's number saturates on the way.
  for (const qint64 first : {std::numeric_limits<qint64>::max(), qint64(1'000'000'000'000'001)}) {
    const Project p = fed("poisson", feed("1", "1", std::to_string(first)), 5);
    const CompileResult c = compile(p);
    QVERIFY2(!c.ok(), "a first sample beyond the schema's range compiled");
    QVERIFY2(names(c.diagnostics, "feed.first"), joinDiagnostics(c.diagnostics).c_str());
    QVERIFY2(joinDiagnostics(c.diagnostics).find("-9.2") == std::string::npos,
             joinDiagnostics(c.diagnostics).c_str());
  }
}

void TestFeedArithmetic::timesBeyondAnyRunNeverCome() {
  // A latency of up to 1e300 ms, a spike at 1e300 ms and a current switch at 1e300 ms: no such
  // spike and no switch during the run, and no float -> int overflow on the way (UBSan checks the
  // latter).
  const Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [
      {"id": "lat", "model": "latency", "size": 64, "params": {"t_max": 1e300},
       "feed": {"dataset": "digits", "present_ms": 2, "rest_ms": 0}},
      {"id": "src", "model": "spike_source", "size": 1, "params": {"spike_times": [[1e300]]}},
      {"id": "step", "model": "current_step", "size": 1,
       "params": {"times": [0, 1e300], "amplitudes": [0, 5]}},
      {"id": "n", "model": "lif", "size": 1}],
    "projections": [{"id": "drive", "pre": "step", "post": "n", "connector": "one_to_one",
                     "weight": 1}],
    "monitors": [{"type": "spikes", "target": "lat"}, {"type": "spikes", "target": "src"},
                 {"type": "spikes", "target": "n"}]},
    "experiment": {"dt": 0.1, "duration": 10, "seed": 1}})");
  const CompileResult c = compile(p);
  QVERIFY2(c.ok(), joinDiagnostics(c.diagnostics).c_str());
  const test::RunResult r = test::run(p);
  for (const char* population : {"src", "n"})
    QVERIFY2(r.spikes.count(population) == 0 || r.spikes.at(population).empty(), population);
  // Only full-intensity pixels (latency t_max * 0) fire, at the start of each 20-step sample.
  QVERIFY(r.spikes.count("lat"));
  for (const auto& [step, neuron] : r.spikes.at("lat")) QCOMPARE(step % 20, int64_t(0));
}

void TestFeedArithmetic::trainingScheduleIsChecked() {
  // The STDP protocol's times become steps the same way: a presentation no schedule can count
  // is refused naming the field (it was an overflowing llround); counts and a normalisation
  // period beyond any run saturate.
  Project p = loadProject(test::source("resources/examples/stdp_digits.snnwb.json"));
  p.training->params["presentation"] = ValueSpec::constant(1e300);
  const TrainerEntry& stdp = *TrainerRegistry::instance().find("stdp");
  try {
    stdp.create(p, loadDigits(), {.threads = 1, .trainLimit = 2, .testLimit = 2});
    QFAIL("a presentation of 1e300 ms was accepted");
  } catch (const SpecError& e) {
    QCOMPARE(e.diagnostics().at(0).field, std::string("params.presentation"));
  }
  p.training->params["presentation"] = ValueSpec::constant(5.0);
  p.training->params["min_spikes"] = ValueSpec::constant(1e300);
  p.training->params["max_boosts"] = ValueSpec::constant(1.0);
  p.training->params["label_samples"] = ValueSpec::constant(1e300);
  for (ProjectionSpec& proj : p.network.projections)
    if (proj.plasticity) proj.plasticity->params["norm_every"] = ValueSpec::constant(1e300);
  auto trainer = stdp.create(p, loadDigits(), {.threads = 1, .trainLimit = 2, .testLimit = 2});
  QCOMPARE(trainer->trainEpoch(1, {}).trainSamples, int64_t(2));
}

QTEST_GUILESS_MAIN(TestFeedArithmetic)
#include "tst_feedarithmetic.moc"
