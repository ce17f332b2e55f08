// The analysis tools (core/analysis): the f-I curve's closed form (LIF and IF, from
// NeuronGroup::steadyStateRate) against the simulator's measured rates; spike statistics against
// hand-counted trains and the Poisson process (CV 1, mean ISI 1/rate); the generic sweep against
// a Poisson source's own rate; refusals naming the object and field.
#include <QtTest>
#include <cmath>

#include "TestSupport.h"
#include "analysis/FiCurve.h"
#include "analysis/ParameterSweep.h"
#include "analysis/SpikeStatistics.h"

using namespace snn;

namespace {

Project onePopulation(const std::string& model, const std::string& params) {
  return test::parse(R"({"format": "snn-workbench", "version": 1, "network": {"populations": [
      {"id": "cell", "model": ")" +
                     model + R"(", "size": 1, "params": )" + params + R"(}]},
      "experiment": {"dt": 0.1, "duration": 1000, "seed": 3}})");
}

Project poissonOnly(double rate, int64_t size) {
  return test::parse(R"({"format": "snn-workbench", "version": 1, "network": {"populations": [
      {"id": "input", "model": "poisson", "size": )" +
                     std::to_string(size) + R"(, "params": {"rate": )" + std::to_string(rate) +
                     R"(}}]},
      "experiment": {"dt": 0.1, "duration": 1000, "seed": 5}})");
}

}  // namespace

class TestAnalysis : public QObject {
  Q_OBJECT

 private slots:
  void fiCurveMatchesTheClosedForm_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("params");
    QTest::newRow("lif") << "lif"
                         << R"({"tau_m": 20, "cm": 1, "v_rest": -65, "v_reset": -65,
                               "v_thresh": -50, "t_ref": 2})";
    QTest::newRow("lif no refractory") << "lif"
                                       << R"({"tau_m": 10, "cm": 0.5, "v_rest": -70,
                                             "v_reset": -60, "v_thresh": -55, "t_ref": 0})";
    QTest::newRow("if") << "if"
                        << R"({"cm": 1, "v_reset": -65, "v_thresh": -50, "t_ref": 2})";
  }

  void fiCurveMatchesTheClosedForm() {
    QFETCH(QString, model);
    QFETCH(QString, params);
    const Project p = onePopulation(model.toStdString(), params.toStdString());
    const std::vector<double> currents = linearRange(0.0, 2.0, 21);
    const AnalysisOptions options{.durationMs = 2000.0, .skipMs = 100.0};
    const FiCurve curve = measureFiCurve(p, "cell", currents, options);
    QVERIFY(curve.hasClosedForm);
    QCOMPARE(curve.points.size(), currents.size());
    const double dt = 0.1, seconds = 1.9;
    int firing = 0;
    for (const FiPoint& point : curve.points) {
      // The simulator sees threshold at whole steps: each period is at most one step longer
      // than the closed form's (and the refractory count rounds down to steps), and the count
      // over the window is off by at most one spike.
      const double closed = point.closedFormHz;
      if (closed == 0.0) {
        QCOMPARE(point.measuredHz, 0.0);
        continue;
      }
      ++firing;
      const double period = 1000.0 / closed;
      const double slowest = 1000.0 / (period + 2 * dt), fastest = 1000.0 / (period - 2 * dt);
      const double slack = 1.0 / seconds;
      if (point.measuredHz < slowest - slack || point.measuredHz > fastest + slack)
        QFAIL(qPrintable(QString("I = %1 nA: measured %2 Hz, closed form %3 Hz")
                             .arg(point.currentNa)
                             .arg(point.measuredHz)
                             .arg(closed)));
    }
    QVERIFY(firing >= 10);  // the sweep reaches well past the rheobase
  }

  void izhikevichHasANumericCurveThatRises() {
    const Project p = onePopulation("izhikevich", R"({"preset": "regular_spiking"})");
    const FiCurve curve = measureFiCurve(p, "cell", linearRange(0.0, 0.02, 5), {});
    QVERIFY(!curve.hasClosedForm);
    QVERIFY(std::isnan(curve.points.front().closedFormHz));
    QCOMPARE(curve.points.front().measuredHz, 0.0);
    QVERIFY(curve.points.back().measuredHz > curve.points[2].measuredHz);
  }

  void fiCurveRefusesASource() {
    try {
      measureFiCurve(poissonOnly(10, 1), "input", {1.0}, {});
      QFAIL("a source has no f-I curve");
    } catch (const SpecError& e) {
      QCOMPARE(e.diagnostics().front().objectId, std::string("input"));
    }
  }

  void statisticsOfHandMadeTrains() {
    // Neuron 0 fires at 10, 20, 40 ms (ISIs 10, 20); neuron 1 once; neuron 2 never.
    const PopulationSpikes s{
        .id = "p", .size = 3, .timesMs = {10, 15, 20, 40}, .neurons = {0, 1, 0, 0}};
    const auto stats = spikeStatistics({s}, {.fromMs = 0, .toMs = 100, .binMs = 5, .maxIsiMs = 50});
    QCOMPARE(stats.size(), size_t{1});
    const PopulationStatistics& st = stats.front();
    QCOMPARE(st.spikes, int64_t{4});
    QCOMPARE(st.neuronsFiring, int64_t{2});
    QCOMPARE(st.intervals, int64_t{2});
    SNN_COMPARE_NEAR(st.rateHz, 4.0 / 3.0 / 0.1, 1e-12);
    SNN_COMPARE_NEAR(st.meanIsiMs, 15.0, 1e-12);
    SNN_COMPARE_NEAR(st.cvIsi, std::sqrt(50.0) / 15.0, 1e-12);  // sample sd of {10, 20}
    QCOMPARE(st.isiHistogram.size(), size_t{10});
    QCOMPARE(st.isiHistogram[2], int64_t{1});
    QCOMPARE(st.isiHistogram[4], int64_t{1});
  }

  void poissonTrainsHaveCvOne() {
    // A Poisson process: ISIs exponential, mean 1/rate, CV 1 (the dt grid and the one-spike-
    // per-step limit shorten it by about rate*dt/2 = 0.1 %).
    const auto spikes = recordSpikes(poissonOnly(20.0, 200), 5000.0, {});
    const auto stats = spikeStatistics(spikes, {.toMs = 5000.0, .binMs = 5, .maxIsiMs = 500});
    const PopulationStatistics& st = stats.front();
    SNN_COMPARE_NEAR(st.rateHz, 20.0, 0.5);  // 20000 spikes: sd 0.14 Hz
    SNN_COMPARE_NEAR(st.meanIsiMs, 50.0, 1.5);
    SNN_COMPARE_NEAR(st.cvIsi, 1.0, 0.03);
  }

  void regularFiringHasCvNearZero() {
    Project p = onePopulation("lif", R"({"i_offset": 1.0, "t_ref": 2})");
    const auto stats = spikeStatistics(recordSpikes(p, 1000.0, {}), {.fromMs = 100, .toMs = 1000});
    QVERIFY(stats.front().intervals > 10);
    QVERIFY(stats.front().cvIsi < 0.01);
  }

  void sweepOfASourceRateMeasuresThatRate() {
    const Project p = poissonOnly(5.0, 400);
    const SweepResult r = runSweep(p,
                                   {.kind = ObjectKind::Population,
                                    .id = "input",
                                    .field = "params.rate",
                                    .values = {10.0, 40.0},
                                    .measure = "input"},
                                   {.durationMs = 1000.0, .skipMs = 0.0});
    QCOMPARE(r.unit, std::string("Hz"));
    QCOMPARE(r.points.size(), size_t{2});
    SNN_COMPARE_NEAR(r.points[0].rateHz, 10.0, 1.0);  // 4000 spikes: sd 0.16 Hz
    SNN_COMPARE_NEAR(r.points[1].rateHz, 40.0, 2.0);
  }

  void sweepRefusesAValueTheSchemaRefuses() {
    const Project p = onePopulation("lif", "{}");
    try {
      runSweep(p,
               {.kind = ObjectKind::Population,
                .id = "cell",
                .field = "params.tau_m",
                .values = {10.0, -1.0},
                .measure = "cell"},
               {.durationMs = 50.0, .skipMs = 0.0});
      QFAIL("tau_m = -1 was swept");
    } catch (const SpecError& e) {
      QCOMPARE(e.diagnostics().front().objectId, std::string("cell"));
      QCOMPARE(e.diagnostics().front().field, std::string("params.tau_m"));
    }
  }

  void sweepStopsWhenCancelled() {
    const Project p = poissonOnly(5.0, 10);
    int calls = 0;
    AnalysisOptions options{.durationMs = 500.0, .skipMs = 0.0};
    options.cancelled = [&] { return ++calls > 3; };
    QVERIFY_THROWS_EXCEPTION(AnalysisCancelled, runSweep(p,
                                                         {.kind = ObjectKind::Population,
                                                          .id = "input",
                                                          .field = "params.rate",
                                                          .values = linearRange(1, 10, 10),
                                                          .measure = "input"},
                                                         options));
  }

  void fieldPathsSplitAtTheObjectId() {
    const Project p = poissonOnly(5.0, 1);
    const auto [object, field] = splitFieldPath(p, "input.params.rate");
    QCOMPARE(object.first, ObjectKind::Population);
    QCOMPARE(object.second, std::string("input"));
    QCOMPARE(field, std::string("params.rate"));
    QCOMPARE(splitFieldPath(p, "experiment.dt").second, std::string("dt"));
    QVERIFY_THROWS_EXCEPTION(SpecError, splitFieldPath(p, "nothing.params.rate"));
  }
};

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
