// STDP as a projection's plasticity rule: the window against the rule's analytic exponentials
// and bounds for every weight dependence, bit-identical learning whatever the thread count, the
// closed-form rest against step-by-step simulation, and the "plasticity" block of the project
// file (round trip, diagnostics for bad input).
#include <QTest>
#include <cmath>

#include "TestSupport.h"
#include "io/ProjectJson.h"
#include "learning/LearnedWeights.h"
#include "plasticity/StdpRule.h"
#include "project/ProjectValidator.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

using namespace snn;

namespace {

// One presynaptic spike at tPre and one postsynaptic spike forced by a strong kick at tKick,
// through a plastic synapse of initial weight w0 (weights bounded to [0.2, 2.2], so R = 2).
std::string pairProject(double tPre, double tKick, double w0, const std::string& dependence,
                        double aPlus, double aMinus) {
  char text[2048];
  std::snprintf(text, sizeof text, R"({"format": "snn-workbench", "version": 1,
    "network": {"populations": [
      {"id": "pre", "model": "spike_source", "size": 1, "params": {"spike_times": [[%g]]}},
      {"id": "kick", "model": "spike_source", "size": 1, "params": {"spike_times": [[%g]]}},
      {"id": "post", "model": "lif", "size": 1, "params": {"t_ref": 2, "tau_syn_exc": 0}}],
     "projections": [
      {"id": "syn", "pre": "pre", "post": "post", "connector": "all_to_all", "weight": %g,
       "plasticity": {"rule": "stdp", "params": {"tau_plus": 16.8, "tau_minus": 33.7,
         "a_plus": %g, "a_minus": %g, "w_min": 0.2, "w_max": 2.2,
         "weight_dependence": "%s", "mu_plus": 0.4, "mu_minus": 0.7}}},
      {"id": "force", "pre": "kick", "post": "post", "connector": "all_to_all", "weight": 1000}],
     "monitors": [{"type": "spikes", "target": "pre"}, {"type": "spikes", "target": "post"}]},
    "experiment": {"dt": 0.1, "duration": 300, "seed": 1}})",
                tPre, tKick, w0, aPlus, aMinus, dependence.c_str());
  return text;
}

// Bi & Poo-like window from Song et al. with the weight dependence of StdpRule's comment,
// written out independently of the implementation.
double expectedChange(double dtMs, double w0, const std::string& dependence, double aPlus,
                      double aMinus) {
  const double lo = 0.2, hi = 2.2, range = hi - lo, u = (w0 - lo) / range;
  double change;
  if (dtMs >= 0) {
    const double f = dependence == "additive"         ? 1.0
                     : dependence == "multiplicative" ? 1.0 - u
                                                      : std::pow(1.0 - u, 0.4);
    change = aPlus * range * std::exp(-dtMs / 16.8) * f;
  } else {
    const double f = dependence == "additive"         ? 1.0
                     : dependence == "multiplicative" ? u
                                                      : std::pow(u, 0.7);
    change = -aMinus * range * std::exp(dtMs / 33.7) * f;
  }
  return std::clamp(w0 + change, lo, hi) - w0;
}

Project dense(int inputs, int outputs, double normTotal) {
  // Poisson inputs onto adaptive-threshold neurons with lateral inhibition, every population
  // larger than one block of 256 so that 2 and 3 threads split them differently.
  char text[4096];
  std::snprintf(text, sizeof text, R"({"format": "snn-workbench", "version": 1,
    "network": {"populations": [
      {"id": "in", "model": "poisson", "size": %d, "params": {"rate": 40}},
      {"id": "exc", "model": "adaptive_lif", "size": %d,
       "params": {"tau_m": 20, "v_rest": -65, "v_reset": -65, "v_thresh": -55, "t_ref": 2,
                  "tau_syn_exc": 2, "theta_plus": 0.5, "tau_theta": 200}},
      {"id": "inh", "model": "lif", "size": %d, "params": {"tau_m": 10, "v_thresh": -60}}],
     "projections": [
      {"id": "learn", "pre": "in", "post": "exc", "connector": "all_to_all",
       "weight": {"uniform": [0.0, 0.05]},
       "plasticity": {"rule": "stdp", "params": {"a_plus": 0.02, "a_minus": 0.021, "w_max": 0.1,
         "weight_dependence": "multiplicative", "norm_total": %g, "norm_every": 20}}},
      {"id": "ei", "pre": "exc", "post": "inh", "connector": "one_to_one", "weight": 20},
      {"id": "ie", "pre": "inh", "post": "exc", "receptor": "inh",
       "connector": {"type": "random", "p": 0.05}, "weight": -0.02,
       "plasticity": {"rule": "stdp", "params": {"w_min": -0.1, "w_max": 0, "interaction": "nearest"}}}],
     "monitors": [{"type": "spikes", "target": "exc"}]},
    "experiment": {"dt": 0.1, "duration": 100, "seed": 7}})",
                inputs, outputs, outputs, normTotal);
  return test::parse(text);
}

std::unique_ptr<Simulator> simulator(const Project& p, int threads) {
  CompileResult r = compile(p, {.threads = threads});
  if (!r.ok()) qWarning("%s", joinDiagnostics(r.diagnostics).c_str());
  return r.ok() ? std::make_unique<Simulator>(std::move(r.network)) : nullptr;
}

bool hasDiagnostic(const std::vector<Diagnostic>& ds, const std::string& object,
                   const std::string& field, const std::string& words) {
  for (const Diagnostic& d : ds)
    if (d.objectId == object && d.field == field && d.message.find(words) != std::string::npos)
      return true;
  return false;
}

}  // namespace

class TestPlasticity : public QObject {
  Q_OBJECT
 private slots:
  void window_data();
  void window();
  void bounds_data();
  void bounds();
  void deterministicAcrossThreads();
  void restInClosedFormMatchesSimulation();
  void normalisation();
  void learnedWeightsCompileBack_data();
  void learnedWeightsCompileBack();
  void roundTrip();
  void badInput_data();
  void badInput();
};

void TestPlasticity::window_data() {
  QTest::addColumn<QString>("dependence");
  QTest::addColumn<double>("deltaT");  // t_post - t_pre, ms
  for (const char* d : {"additive", "multiplicative", "power_law"})
    for (double dt : {-60.0, -20.0, -3.0, 0.0, 3.0, 20.0, 60.0})
      QTest::newRow(qPrintable(QString("%1 dt=%2").arg(d).arg(dt))) << QString(d) << dt;
}

void TestPlasticity::window() {
  // Checked against the analytic window of a single pair: a_plus R exp(-dt/tau_plus) f+(w) for
  // pre before post, -a_minus R exp(dt/tau_minus) f-(w) for post before pre.
  QFETCH(QString, dependence);
  QFETCH(double, deltaT);
  const double w0 = 0.7, aPlus = 0.01, aMinus = 0.012;
  // The kick at step k makes the post neuron fire at step k + 1 (input is visible next step).
  const double tPost = 100.0, tPre = tPost - deltaT;
  auto sim = simulator(
      test::parse(pairProject(tPre, tPost - 0.1, w0, dependence.toStdString(), aPlus, aMinus)), 1);
  QVERIFY(sim);
  const SimulationChunk c = sim->run(3000);
  QCOMPARE(c.spikes[0].steps.size(), size_t(1));
  QCOMPARE(c.spikes[2].steps.size(), size_t(1));
  const double measured = double(c.spikes[2].steps[0] - c.spikes[0].steps[0]) * 0.1;
  SNN_COMPARE_NEAR(measured, deltaT, 1e-9);
  const double dw = sim->network().projections[0].synapses.weight[0] - float(w0);
  const double expected = expectedChange(deltaT, w0, dependence.toStdString(), aPlus, aMinus);
  QVERIFY(expected != 0.0);
  SNN_COMPARE_NEAR(dw, expected, 2e-6 * std::abs(expected) + 2e-7);
}

void TestPlasticity::bounds_data() {
  QTest::addColumn<QString>("dependence");
  QTest::addColumn<double>("w0");
  QTest::addColumn<double>("deltaT");
  QTest::addColumn<double>("expected");
  // Additive changes are clipped at the bounds; soft bounds approach them without crossing.
  QTest::newRow("additive up") << "additive" << 2.15 << 2.0 << 2.2;
  QTest::newRow("additive down") << "additive" << 0.25 << -2.0 << 0.2;
  QTest::newRow("multiplicative up") << "multiplicative" << 2.15 << 2.0 << -1.0;
  QTest::newRow("power_law down") << "power_law" << 0.25 << -2.0 << -1.0;
}

void TestPlasticity::bounds() {
  QFETCH(QString, dependence);
  QFETCH(double, w0);
  QFETCH(double, deltaT);
  QFETCH(double, expected);
  // Steps of 0.5 (a quarter of the range) overshoot an additive bound by far.
  auto sim = simulator(
      test::parse(pairProject(100.0 - deltaT, 99.9, w0, dependence.toStdString(), 0.25, 0.25)), 1);
  QVERIFY(sim);
  sim->run(3000);
  const float w = sim->network().projections[0].synapses.weight[0];
  QVERIFY(w >= 0.2f && w <= 2.2f);
  if (expected >= 0) {
    QCOMPARE(float(w), float(expected));
  } else {  // soft bound: moved towards the bound, by the analytic amount, without reaching it
    const double e = w0 + expectedChange(deltaT, w0, dependence.toStdString(), 0.25, 0.25);
    QVERIFY(w != 0.2f && w != 2.2f);
    SNN_COMPARE_NEAR(w, e, 1e-5);
  }
}

void TestPlasticity::deterministicAcrossThreads() {
  // Same project, same seed: the same spikes and bit-identical weights with 1, 2 and 3 threads.
  const Project p = dense(600, 600, 15);
  std::vector<float> reference, referenceInh;
  std::vector<int32_t> referenceSpikes;
  for (int threads : {1, 2, 3}) {
    auto sim = simulator(p, threads);
    QVERIFY(sim);
    const SimulationChunk c = sim->run(1000);
    const auto& w = sim->network().projections[0].synapses.weight;
    const auto& wi = sim->network().projections[2].synapses.weight;
    if (threads == 1) {
      reference = w;
      referenceInh = wi;
      referenceSpikes = c.spikes[1].neurons;
      QVERIFY2(referenceSpikes.size() > 500,
               qPrintable(QString::number(
                   referenceSpikes.size())));  // enough activity for learning to matter
      QVERIFY(w != sim->network().projections[0].plasticity->initialWeights());
      continue;
    }
    QCOMPARE(c.spikes[1].neurons, referenceSpikes);
    QVERIFY2(w == reference, qPrintable(QString("weights differ with %1 threads").arg(threads)));
    QVERIFY2(wi == referenceInh,
             qPrintable(QString("inhibitory weights differ with %1 threads").arg(threads)));
  }
}

void TestPlasticity::restInClosedFormMatchesSimulation() {
  // After activity and 30 ms for the input in flight to settle, 900 silent steps advanced in closed
  // form (skipSilence) against the same steps simulated one by one: membrane, currents, thresholds
  // and weights (a normalisation is due on the way) agree to float rounding.
  Project p = dense(300, 300, 15);
  auto a = simulator(p, 1), b = simulator(p, 1);
  QVERIFY(a && b);
  for (Simulator* s : {a.get(), b.get()}) {
    s->run(400);
    s->setParameter("in", "rate", ValueSpec::constant(0.0));
    s->run(300);  // the input in flight settles
  }
  a->run(900);
  b->skipSilence(900);
  QCOMPARE(a->currentStep(), b->currentStep());
  QCOMPARE(a->totalSpikes(), b->totalSpikes());
  for (const char* var : {"v", "i_exc", "i_inh", "theta"}) {
    const auto x = std::as_const(*a->network().populations[1].group).state(var);
    const auto y = std::as_const(*b->network().populations[1].group).state(var);
    for (size_t i = 0; i < x.size(); ++i)
      SNN_COMPARE_NEAR(y[i], x[i], 1e-4 * std::abs(x[i]) + 1e-5);
  }
  const auto& wa = a->network().projections[0].synapses.weight;
  const auto& wb = b->network().projections[0].synapses.weight;
  for (size_t k = 0; k < wa.size(); k += 97) SNN_COMPARE_NEAR(wb[k], wa[k], 1e-6);
  // And both go on the same way: the next input gives the same spikes.
  for (Simulator* s : {a.get(), b.get()}) s->setParameter("in", "rate", ValueSpec::constant(40.0));
  QCOMPARE(a->run(300).spikeCount(1), b->run(300).spikeCount(1));
}

void TestPlasticity::normalisation() {
  // Diehl & Cook's normalisation: every target's incoming weights sum to norm_total when the
  // network is built and after every period, while learning changes them in between.
  auto sim = simulator(dense(300, 300, 15), 1);
  QVERIFY(sim);
  auto sums = [&sim]() {
    const SynapseMatrix& m = sim->network().projections[0].synapses;
    std::vector<double> s(size_t(m.postSize), 0.0);
    for (size_t k = 0; k < m.weight.size(); ++k) s[size_t(m.target[k])] += m.weight[k];
    return s;
  };
  for (double s : sums()) SNN_COMPARE_NEAR(s, 15, 1e-3);
  sim->run(150);  // 15 ms: between normalisations, STDP moves the sums
  double moved = 0;
  for (double s : sums()) moved = std::max(moved, std::abs(s - 15));
  QVERIFY(moved > 1e-2);
  sim->run(50);  // ends at 20 ms, when a normalisation is due
  for (double s : sums()) SNN_COMPARE_NEAR(s, 15, 1e-3);
  // Switched off, plasticity leaves the weights alone; reset() brings back the initial ones.
  const std::vector<float> frozen = sim->network().projections[0].synapses.weight;
  sim->setPlasticityEnabled(false);
  QVERIFY(sim->run(300).spikeCount(1) > 0);
  QVERIFY(sim->network().projections[0].synapses.weight == frozen);
  sim->reset();
  QVERIFY(sim->network().projections[0].synapses.weight ==
          sim->network().projections[0].plasticity->initialWeights());
}

void TestPlasticity::learnedWeightsCompileBack_data() {
  QTest::addColumn<QString>("connector");
  QTest::newRow("all_to_all") << R"("all_to_all")";
  QTest::newRow("one_to_one") << R"("one_to_one")";
  QTest::newRow("random") << R"({"type": "random", "p": 0.3})";
  QTest::newRow("fixed_in_degree") << R"({"type": "fixed_in_degree", "n": 20})";
  QTest::newRow("from_list")
      << R"({"type": "from_list", "list": [[5, 1], [2, 7, 0.3], [5, 0, 0.1, 0], [0, 0]]})";
}

void TestPlasticity::learnedWeightsCompileBack() {
  // Learned weights written into the spec (storeLearnedWeights) compile back to the same
  // synapses with the same weights, whatever the connector.
  QFETCH(QString, connector);
  Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {"populations": [
      {"id": "in", "model": "poisson", "size": 40, "params": {"rate": 80}},
      {"id": "out", "model": "lif", "size": 40, "params": {"v_thresh": -62}}],
     "projections": [{"id": "p", "pre": "in", "post": "out", "connector": )" +
                          connector.toStdString() + R"(,
       "weight": {"uniform": [0.5, 1.0]}, "plasticity": {"rule": "stdp", "params": {"w_max": 2, "a_plus": 0.05}}}]},
     "experiment": {"dt": 0.1, "seed": 4}})");
  auto sim = simulator(p, 1);
  QVERIFY(sim);
  sim->run(2000);
  const SynapseMatrix& learned = sim->network().projections[0].synapses;
  QVERIFY(learned.weight != sim->network().projections[0].plasticity->initialWeights());
  storeLearnedWeights(p.network.projections[0], learned);
  QVERIFY2(validateProject(p).empty(), joinDiagnostics(validateProject(p)).c_str());
  const Project reread = parseProject(serializeProject(p)).project;
  auto again = simulator(reread, 2);
  QVERIFY(again);
  const SynapseMatrix& m = again->network().projections[0].synapses;
  QCOMPARE(m.rowStart, learned.rowStart);
  QCOMPARE(m.target, learned.target);
  QCOMPARE(m.weight, learned.weight);
}

void TestPlasticity::roundTrip() {
  for (const char* example : {"stdp_digits", "stdp_fashion"}) {
    const Project original =
        loadProject(test::source(std::string("resources/examples/") + example + ".snnwb.json"));
    QVERIFY(original.network.projections[0].plasticity.has_value());
    const std::string text = serializeProject(original);
    ProjectParseResult again = parseProject(text);
    QVERIFY2(again.ok(), joinDiagnostics(again.diagnostics).c_str());
    QVERIFY(again.project == original);
    QCOMPARE(serializeProject(again.project), text);
  }
  // Only the parameters a project sets are written, in schema order.
  const Project p = dense(10, 10, 1.0);
  const std::string text = serializeProject(p);
  QVERIFY(text.find(R"("plasticity": {)") != std::string::npos);
  QVERIFY(text.find("tau_plus") == std::string::npos);
  QVERIFY(text.find(R"("a_plus": 0.02,)") < text.find(R"("weight_dependence": "multiplicative")"));
  QVERIFY(parseProject(text).project == p);
}

void TestPlasticity::badInput_data() {
  QTest::addColumn<QString>("plasticity");
  QTest::addColumn<QString>("field");
  QTest::addColumn<QString>("words");
  QTest::newRow("unknown rule") << R"({"rule": "bcm"})"
                                << "plasticity.rule"
                                << "unknown plasticity rule 'bcm'";
  QTest::newRow("unknown param") << R"({"params": {"tau": 5}})"
                                 << "plasticity.params.tau"
                                 << "known: tau_plus";
  QTest::newRow("unknown key") << R"({"rule": "stdp", "eta": 1})"
                               << "plasticity.eta"
                               << "unknown field";
  QTest::newRow("negative tau") << R"({"params": {"tau_minus": -5}})"
                                << "plasticity.params.tau_minus"
                                << "must be > 0";
  QTest::newRow("bad dependence") << R"({"params": {"weight_dependence": "hebbian"}})"
                                  << "plasticity.params.weight_dependence"
                                  << "must be one of additive";
  QTest::newRow("string for number") << R"({"params": {"a_plus": "big"}})"
                                     << "plasticity.params.a_plus"
                                     << "expected a number";
  QTest::newRow("array") << R"({"params": {"a_plus": [0.1, 0.2]}})"
                         << "plasticity.params.a_plus"
                         << "single number";
  QTest::newRow("bounds") << R"({"params": {"w_min": 1, "w_max": 1}})"
                          << "plasticity.params.w_max"
                          << "greater than w_min";
  QTest::newRow("not an object") << R"("stdp")"
                                 << "plasticity"
                                 << "expected an object";
  QTest::newRow("delay") << R"({"rule": "stdp"}, "delay": 1.5)"
                         << "delay"
                         << "must be 0 on a plastic projection";
}

void TestPlasticity::badInput() {
  QFETCH(QString, plasticity);
  QFETCH(QString, field);
  QFETCH(QString, words);
  const std::string text = R"({"format": "snn-workbench", "version": 1, "network": {"populations": [
      {"id": "a", "model": "poisson", "size": 3}, {"id": "b", "model": "lif", "size": 2}],
     "projections": [{"id": "ab", "pre": "a", "post": "b", "connector": "all_to_all", "weight": 0.1,
                      "plasticity": )" +
                           plasticity.toStdString() + "}]}}";
  ProjectParseResult r = parseProject(text);
  std::vector<Diagnostic> ds = r.diagnostics;
  if (ds.empty()) ds = validateProject(r.project);
  QVERIFY2(hasDiagnostic(ds, "ab", field.toStdString(), words.toStdString()),
           joinDiagnostics(ds).c_str());
}

QTEST_GUILESS_MAIN(TestPlasticity)
#include "tst_plasticity.moc"
