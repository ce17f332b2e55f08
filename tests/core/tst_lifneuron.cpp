// Integrate-and-fire models against closed forms: the LIF f-I curve (time to charge from v_reset
// to v_thresh towards v_inf = v_rest + I tau_m / cm, plus t_ref), the post-synaptic potential of
// an exponential current synapse (the difference of two exponentials, and its limits), the
// non-leaky IF's linear rate under reset by subtraction, and the adaptive threshold's steps.
#include <QTest>
#include <cmath>
#include <utility>

#include "TestSupport.h"

using namespace snn;

namespace {

std::string num(double v) {
  std::ostringstream s;
  s.precision(17);
  s << v;
  return s.str();
}

// One neuron of `model` with `params` (a JSON object body) and a trace of v.
Project singleNeuron(const std::string& model, const std::string& params, double dt,
                     double duration, const std::string& extraPops = "",
                     const std::string& projections = "") {
  return test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [)" +
                     extraPops + R"({"id": "n", "model": ")" + model + R"(", "size": 1,
      "params": {)" + params +
                     R"(}}],
    "projections": [)" +
                     projections + R"(],
    "monitors": [{"type": "spikes", "target": "n"},
                 {"type": "state", "target": "n", "variable": "v", "neurons": [0]}]},
    "experiment": {"dt": )" +
                     num(dt) + R"(, "duration": )" + num(duration) + R"(, "seed": 1}})");
}

}  // namespace

class TestLifNeuron : public QObject {
  Q_OBJECT
 private slots:
  void fiCurveMatchesClosedForm_data();
  void fiCurveMatchesClosedForm();
  void subthresholdSettlesAtVInf();
  void postSynapticPotential_data();
  void postSynapticPotential();
  void refractoryPeriodIsExact();
  void longRefractoryPeriodHolds_data();
  void longRefractoryPeriodHolds();
  void ifSubtractionRateIsLinear_data();
  void ifSubtractionRateIsLinear();
  void adaptiveThresholdSteps();
  void silenceInClosedFormMatchesSteps_data();
  void silenceInClosedFormMatchesSteps();
};

void TestLifNeuron::fiCurveMatchesClosedForm_data() {
  QTest::addColumn<double>("current");
  QTest::addColumn<double>("dt");
  for (double dt : {0.1, 0.01})
    for (double i : {0.8, 1.0, 1.5, 3.0})
      QTest::newRow(qPrintable(QString("I=%1 nA dt=%2 ms").arg(i).arg(dt))) << i << dt;
}

void TestLifNeuron::fiCurveMatchesClosedForm() {
  QFETCH(double, current);
  QFETCH(double, dt);
  const double tauM = 20, cm = 1, vRest = -65, vReset = -70, vThresh = -50, tRef = 2;
  const Project p = singleNeuron(
      "lif",
      R"("tau_m": 20, "cm": 1, "v_rest": -65, "v_reset": -70, "v_thresh": -50, "t_ref": 2, "i_offset": )" +
          num(current),
      dt, 1000);
  const auto spikes = test::spikeTimes(test::run(p), "n", 0);
  QVERIFY(spikes.size() > 5);
  // Closed form: v(t) = v_inf + (v_reset - v_inf) exp(-t/tau_m) reaches v_thresh after
  // tau_m ln((v_inf - v_reset) / (v_inf - v_thresh)).
  const double vInf = vRest + current * tauM / cm;
  const double period = tRef + tauM * std::log((vInf - vReset) / (vInf - vThresh));
  // Every inter-spike interval: the threshold is checked once per step, so an interval is the
  // closed form rounded to whole steps (within one dt).
  for (size_t k = 1; k < spikes.size(); ++k)
    SNN_COMPARE_NEAR(spikes[k] - spikes[k - 1], period, dt + 1e-9);
}

void TestLifNeuron::subthresholdSettlesAtVInf() {
  // 0.7 nA through 20 MOhm: v_inf = -65 + 14 = -51 mV, below threshold; exact integration holds
  // it there without drift.
  const Project p = singleNeuron(
      "lif", R"("tau_m": 20, "cm": 1, "v_rest": -65, "v_thresh": -50, "i_offset": 0.7)", 0.1, 500);
  const test::RunResult r = test::run(p);
  QVERIFY(test::spikeTimes(r, "n", 0).empty());
  const auto& v = r.traces.at("n.v").at(0);
  for (const auto& [t, value] : v)  // v(t) = v_inf + (v_rest - v_inf) exp(-t / tau_m)
    SNN_COMPARE_NEAR(value, -51.0 - 14.0 * std::exp(-t / 20.0), 2e-4);
}

void TestLifNeuron::postSynapticPotential_data() {
  QTest::addColumn<QString>("receptor");
  QTest::addColumn<double>("weight");
  QTest::addColumn<double>("tauSyn");
  QTest::newRow("excitatory, tau_syn 5 ms") << "exc" << 0.5 << 5.0;
  QTest::newRow("inhibitory, tau_syn 10 ms") << "inh" << -0.3 << 10.0;
  QTest::newRow("tau_syn = tau_m (alpha-function limit)") << "exc" << 0.5 << 20.0;
  QTest::newRow("tau_syn 0: a one-step pulse") << "exc" << 0.5 << 0.0;
}

void TestLifNeuron::postSynapticPotential() {
  QFETCH(QString, receptor);
  QFETCH(double, weight);
  QFETCH(double, tauSyn);
  const double dt = 0.1, tauM = 20, cm = 1, vRest = -65, spikeAt = 10;
  const std::string tau = receptor == "exc" ? "tau_syn_exc" : "tau_syn_inh";
  const Project p = singleNeuron(
      "lif",
      R"("tau_m": 20, "cm": 1, "v_rest": -65, "v_thresh": 0, ")" + tau + R"(": )" + num(tauSyn), dt,
      100,
      R"({"id": "src", "model": "spike_source", "size": 1, "params": {"spike_times": [[10]]}},)",
      R"({"id": "syn", "pre": "src", "post": "n", "receptor": ")" + receptor.toStdString() +
          R"(", "connector": "one_to_one", "weight": )" + num(weight) + "}");
  // Keep the run: a reference into a temporary RunResult would dangle.
  const test::RunResult r = test::run(p);
  const auto& v = r.traces.at("n.v").at(0);
  // The spike of step s adds its weight after that step's update, so the current flows from
  // t0 = s*dt + dt on (Brian2's order); the analytic PSP is then exact at every sample.
  const double t0 = spikeAt + dt;
  double peak = 0;
  for (const auto& [t, value] : v) {
    const double s = t - t0;
    double expected = vRest;
    if (s > 0) {
      if (tauSyn == 0)  // charge w*dt delivered during the first step, then leak
        expected += weight * tauM / cm * (1 - std::exp(-dt / tauM)) * std::exp(-(s - dt) / tauM) *
                    (s >= dt);
      if (tauSyn == 0 && s < dt) expected = vRest + weight * tauM / cm * (1 - std::exp(-s / tauM));
      if (tauSyn == tauM) expected += weight / cm * s * std::exp(-s / tauM);
      if (tauSyn > 0 && tauSyn != tauM)
        expected += weight / cm * tauSyn * tauM / (tauM - tauSyn) *
                    (std::exp(-s / tauM) - std::exp(-s / tauSyn));
    }
    SNN_COMPARE_NEAR(value, expected, 2e-5);
    peak = std::max(peak, std::abs(value - vRest));
  }
  QVERIFY(peak > 0.01);  // the PSP is there at all
}

void TestLifNeuron::refractoryPeriodIsExact() {
  // A current so strong that the first free update crosses threshold: spikes come exactly t_ref
  // apart (Brian2: a spike at step n, integration again from step n + t_ref/dt).
  const Project p = singleNeuron("lif", R"("t_ref": 3, "i_offset": 1000)", 0.1, 50);
  const auto spikes = test::spikeTimes(test::run(p), "n", 0);
  QVERIFY(spikes.size() > 10);
  for (size_t k = 1; k < spikes.size(); ++k) SNN_COMPARE_NEAR(spikes[k] - spikes[k - 1], 3.0, 1e-9);
}

void TestLifNeuron::longRefractoryPeriodHolds_data() {
  QTest::addColumn<QString>("model");
  QTest::addColumn<double>("tRef");
  for (const char* model : {"lif", "if", "adaptive_lif"})
    for (double tRef : {1e9, 1e300, 2147483647 * 0.1})
      QTest::newRow(qPrintable(QString("%1 t_ref=%2 ms").arg(model).arg(tRef))) << model << tRef;
}

void TestLifNeuron::longRefractoryPeriodHolds() {
  // t_ref = 1e9 ms is 10^10 steps of 0.1 ms, beyond int32: the converted period used to wrap
  // negative and switch refractoriness off (32 spikes in 100 ms). A period longer than the run
  // holds for the whole run: one spike, then v stays at v_reset.
  QFETCH(QString, model);
  QFETCH(double, tRef);
  const Project p =
      singleNeuron(model.toStdString(),
                   R"("v_reset": -70, "t_ref": )" + num(tRef) + R"(, "i_offset": 1000)", 0.1, 100);
  const test::RunResult r = test::run(p);
  QCOMPARE(test::spikeTimes(r, "n", 0).size(), size_t(1));
  const auto& v = r.traces.at("n.v").at(0);
  QCOMPARE(v.back().second, -70.0);
}

void TestLifNeuron::ifSubtractionRateIsLinear_data() {
  QTest::addColumn<double>("current");
  for (double i : {0.05, 0.123, 0.5, 1.7}) QTest::newRow(qPrintable(QString("I=%1").arg(i))) << i;
}

void TestLifNeuron::ifSubtractionRateIsLinear() {
  QFETCH(double, current);
  // Non-leaky, reset by subtraction: no charge is lost, so over T the count is
  // floor(I T / (cm theta)) exactly (theta = v_thresh - v_reset = 1 mV, cm = 1 nF).
  const double T = 1000;
  const Project p = singleNeuron(
      "if",
      R"("cm": 1, "v_thresh": 1, "v_reset": 0, "reset": "subtract", "i_offset": )" + num(current),
      0.1, T);
  const auto spikes = test::spikeTimes(test::run(p), "n", 0);
  const double expected = std::floor(current * T / 1.0);
  QVERIFY2(std::abs(static_cast<double>(spikes.size()) - expected) <= 1,
           qPrintable(QString("%1 spikes, expected %2").arg(spikes.size()).arg(expected)));
}

void TestLifNeuron::adaptiveThresholdSteps() {
  // Diehl & Cook's neuron with tau_theta far longer than the run: theta grows by theta_plus at
  // every spike and never decays, so the intervals grow monotonically.
  const Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [{"id": "n", "model": "adaptive_lif", "size": 1,
      "params": {"i_offset": 1.0, "theta_plus": 0.5, "tau_theta": 1e9}}],
    "projections": [],
    "monitors": [{"type": "spikes", "target": "n"},
                 {"type": "state", "target": "n", "variable": "theta", "neurons": [0]}]},
    "experiment": {"dt": 0.1, "duration": 300, "seed": 1}})");
  const test::RunResult r = test::run(p);
  const auto spikes = test::spikeTimes(r, "n", 0);
  QVERIFY(spikes.size() >= 4);
  for (size_t k = 2; k < spikes.size(); ++k)
    QVERIFY(spikes[k] - spikes[k - 1] > spikes[k - 1] - spikes[k - 2]);
  const double finalTheta = r.traces.at("n.theta").at(0).back().second;
  SNN_COMPARE_NEAR(finalTheta, 0.5 * spikes.size(), 1e-3);
}

void TestLifNeuron::silenceInClosedFormMatchesSteps_data() {
  QTest::addColumn<QString>("model");
  QTest::addColumn<int>("steps");
  for (const char* model : {"lif", "if", "adaptive_lif"})
    for (int steps : {20, 49, 50, 51, 300})
      QTest::newRow(qPrintable(QString("%1, %2 steps").arg(model).arg(steps))) << model << steps;
}

void TestLifNeuron::silenceInClosedFormMatchesSteps() {
  // Neurons that fired at t = 10 ms are refractory for t_ref = 5 ms (50 steps); a silent
  // interval jumped over in closed form (Simulator::skipSilence) must end in the state that
  // stepping through it gives, whether the refractory period ends inside it, at its end, or
  // after it.
  QFETCH(QString, model);
  QFETCH(int, steps);
  // Started above threshold, every neuron fires in the first step; no sources, so that
  // skipSilence really takes the closed form rather than falling back to stepping.
  const std::string params =
      model == "if" ? R"("v_thresh": 1, "v_reset": 0, "t_ref": 5)" : R"("t_ref": 5)";
  const std::string v0 = model == "if" ? "[2, 1.5, 3]" : "[-40, -45, -30]";
  // The remaining synaptic current must not carry a neuron back to threshold (skipSilence's
  // precondition): a non-leaky membrane keeps all of its charge (i_exc tau_syn / cm).
  const std::string i0 = model == "if" ? "[0.01, 0.02, 0.05]" : "[0.5, 1, 2]";
  const Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [{"id": "n", "model": ")" +
                                model.toStdString() + R"(", "size": 3, "params": {)" + params +
                                R"(}, "init": {"v": )" + v0 + R"(, "i_exc": )" + i0 + R"(}}],
    "projections": []},
    "experiment": {"dt": 0.1, "duration": 100, "seed": 1}})");
  CompileResult a = compile(p), b = compile(p);
  QVERIFY(a.ok() && b.ok());
  QVERIFY(b.network->populations[0].group->canDecayFreely());
  Simulator stepped(std::move(a.network)), skipped(std::move(b.network));
  for (Simulator* s : {&stepped, &skipped}) QCOMPARE(s->run(1).spikeCount(0), int64_t(3));  // fired
  stepped.run(steps);
  skipped.skipSilence(steps);
  for (const char* var : {"v", "i_exc", "theta"}) {
    if (!stepped.network().populations[0].group->hasState(var)) continue;
    const auto x = std::as_const(*stepped.network().populations[0].group).state(var);
    const auto y = std::as_const(*skipped.network().populations[0].group).state(var);
    for (size_t i = 0; i < x.size(); ++i)
      SNN_COMPARE_NEAR(y[i], x[i], 1e-9 * std::abs(x[i]) + 1e-12);
  }
  for (Simulator* s : {&stepped, &skipped})
    s->setParameter("n", "i_offset", ValueSpec::constant(2.0));
  // And both go on alike: driven again, they fire at the same steps.
  const SimulationChunk x = stepped.run(300), y = skipped.run(300);
  QVERIFY(x.spikeCount(0) > 3);
  QCOMPARE(x.countsPerStep[0], y.countsPerStep[0]);
}

QTEST_GUILESS_MAIN(TestLifNeuron)
#include "tst_lifneuron.moc"
