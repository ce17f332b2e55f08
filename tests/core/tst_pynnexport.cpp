// PyNN export (core/io/PynnExporter): the script names PyNN's standard cell types with the
// workbench's parameters under PyNN's names (IF_curr_exp: cm, tau_m, v_rest, v_reset, v_thresh,
// tau_refrac, tau_syn_E, tau_syn_I, i_offset; the same units), the matching connectors, weights
// split by sign onto PyNN's receptors, and refuses by name what PyNN cannot express. That the
// script gives the same spikes on PyNN's brian2 backend is bench/pynn_check.py's job (it needs
// Python; these tests do not).
#include <QRegularExpression>
#include <QTest>

#include "TestSupport.h"
#include "io/PynnExporter.h"

using namespace snn;

namespace {

Project project(const std::string& populations, const std::string& projections) {
  return test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [)" +
                     populations + R"(], "projections": [)" + projections + R"(]},
    "experiment": {"dt": 0.1, "duration": 50, "seed": 9}})");
}

const std::string kLif = R"({"id": "lif", "model": "lif", "size": 3,
  "params": {"tau_m": 15, "cm": 0.25, "v_rest": -60, "v_reset": -62, "v_thresh": -50,
             "t_ref": 2, "tau_syn_exc": 4, "tau_syn_inh": 8, "i_offset": 0.1}})";
const std::string kSource = R"({"id": "src", "model": "spike_source", "size": 2,
  "params": {"spike_times": [[1, 2.5], [3.25]]}})";

QString script(const Project& p) {
  return QString::fromStdString(exportPynn(p).script);
}

}  // namespace

class TestPynnExport : public QObject {
  Q_OBJECT

 private slots:
  void lifBecomesIfCurrExpWithPynnNames() {
    const QString s = script(project(kLif, ""));
    QVERIFY2(s.contains("populations[\"lif\"] = sim.Population(3, sim.IF_curr_exp(cm=0.25, "
                        "tau_m=15.0, v_rest=-60.0, v_reset=-62.0, v_thresh=-50.0, "
                        "tau_refrac=2.0, tau_syn_E=4.0, tau_syn_I=8.0, i_offset=0.1), "
                        "label=\"lif\")"),
             qPrintable(s));
    // PyNN starts v at -65 mV; the workbench at v_rest.
    QVERIFY(s.contains("populations[\"lif\"].initialize(v=-60.0)"));
    QVERIFY(s.contains("sim.setup(timestep=DT, min_delay=DT)"));
    QVERIFY(s.contains("SEED = 9"));
    QVERIFY(s.startsWith("#!/usr/bin/python3"));
  }

  void drawnParametersAreWrittenAsDrawn() {
    const Project p = project(R"({"id": "lif", "model": "lif", "size": 4,
      "params": {"v_thresh": {"uniform": [-55, -50]}}, "init": {"v": {"uniform": [-70, -60]}}})",
                              "");
    const QString s = script(p);
    QVERIFY2(s.contains(QRegularExpression("v_thresh=\\[-5\\d[.\\d]*, -5")), qPrintable(s));
    QVERIFY(s.contains(QRegularExpression("initialize\\(v=\\[-6")));
    QVERIFY(!s.contains("RandomDistribution(\"uniform\""));
  }

  void sourcesAndCurrents() {
    const QString s = script(project(kSource + "," + kLif + R"(,
      {"id": "poisson", "model": "poisson", "size": 5, "params": {"rate": 20}},
      {"id": "steps", "model": "current_step", "params": {"times": [10, 20], "amplitudes": [0.5, 0]}})",
                                     R"({"id": "drive", "pre": "steps", "post": "lif",
                                         "connector": {"type": "all_to_all"}, "weight": 2})"));
    QVERIFY(
        s.contains("sim.SpikeSourceArray(spike_times=[Sequence([on_grid(1.0), "
                   "on_grid(2.5)]), Sequence([on_grid(3.25)])])"));
    QVERIFY(s.contains("sim.SpikeSourcePoisson(rate=20.0)"));
    // The current reaches each target times its total gain (2).
    QVERIFY2(s.contains("sim.StepCurrentSource(times=[on_grid(10.0), on_grid(20.0)], "
                        "amplitudes=[1.0, 0.0]).inject_into(populations[\"lif\"])  # drive"),
             qPrintable(s));
  }

  void connectorsMatch_data() {
    QTest::addColumn<QString>("connector");
    QTest::addColumn<QString>("expected");
    QTest::newRow("all_to_all") << R"({"type": "all_to_all"})"
                                << "sim.AllToAllConnector()";
    QTest::newRow("one_to_one") << R"({"type": "one_to_one"})"
                                << "sim.OneToOneConnector()";
    QTest::newRow("random") << R"({"type": "random", "p": 0.25})"
                            << "sim.FixedProbabilityConnector(0.25, rng=rng)";
    QTest::newRow("fixed_in_degree") << R"({"type": "fixed_in_degree", "n": 2})"
                                     << "sim.FixedNumberPreConnector(2, rng=rng)";
    QTest::newRow("from_list") << R"({"type": "from_list", "list": [[0, 1, 0.5, 2], [1, 2]]})"
                               << "sim.FromListConnector([(0, 1, 0.5, 2.0), (1, 2, 0.75, 1.5)], "
                                  "column_names=[\"weight\", \"delay\"])";
  }
  void connectorsMatch() {
    QFETCH(QString, connector);
    QFETCH(QString, expected);
    const std::string src =
        R"({"id": "a", "model": "lif", "size": 3, "params": {"tau_syn_exc": 4}})";
    const QString s = script(project(
        src + "," + kLif, R"({"id": "p", "pre": "a", "post": "lif", "connector": )" +
                              connector.toStdString() + R"(, "weight": 0.75, "delay": 1.5})"));
    QVERIFY2(s.contains("sim.Projection(populations[\"a\"], populations[\"lif\"], " + expected),
             qPrintable(s));
    if (!expected.contains("FromList"))
      QVERIFY(
          s.contains("sim.StaticSynapse(weight=0.75, delay=1.5), receptor_type=\"excitatory\""));
  }

  // Signed per-synapse weights on a target whose receptors decay alike: two projections.
  void signedWeightsSplitByReceptor() {
    const std::string target = R"({"id": "t", "model": "lif", "size": 2,
      "params": {"tau_syn_exc": 5, "tau_syn_inh": 5}})";
    const QString s = script(project(kSource + "," + target,
                                     R"({"id": "w", "pre": "src", "post": "t",
                                         "weight": [0.5, -0.25, -1, 2]})"));
    QVERIFY2(s.contains("sim.FromListConnector([(0, 0, 0.5, 0.0), (1, 1, 2.0, 0.0)], "
                        "column_names=[\"weight\", \"delay\"]), sim.StaticSynapse(), "
                        "receptor_type=\"excitatory\", label=\"w_exc\")"),
             qPrintable(s));
    QVERIFY(
        s.contains("sim.FromListConnector([(0, 1, -0.25, 0.0), (1, 0, -1.0, 0.0)], "
                   "column_names=[\"weight\", \"delay\"]), sim.StaticSynapse(), "
                   "receptor_type=\"inhibitory\", label=\"w_inh\")"));
  }

  void floatWeightsAreWrittenAsSimulated() {
    const QString s = script(project(kSource + "," + kLif,
                                     R"({"id": "w", "pre": "src", "post": "lif", "weight": 0.9})"));
    QVERIFY2(s.contains("weight=0.8999999761581421"), qPrintable(s));  // float32(0.9)
  }

  void refusalsAreNamed_data() {
    QTest::addColumn<QString>("populations");
    QTest::addColumn<QString>("projections");
    QTest::addColumn<QString>("expected");
    QTest::newRow("if") << R"({"id": "x", "model": "if"})"
                        << ""
                        << "population 'x': model 'if' has no PyNN standard cell";
    QTest::newRow("hh") << R"({"id": "x", "model": "hh"})"
                        << ""
                        << "Traub & Miles";
    QTest::newRow("subtract") << R"({"id": "x", "model": "lif", "params": {"reset": "subtract"}})"
                              << ""
                              << "population 'x': reset by subtraction";
    QTest::newRow("one-step synapse")
        << R"({"id": "x", "model": "lif", "params": {"tau_syn_exc": 0}})"
        << ""
        << "population 'x': tau_syn_exc 0";
    QTest::newRow("feed")
        << R"({"id": "x", "model": "poisson", "size": 64, "feed": {"dataset": "digits"}})"
        << ""
        << "population 'x': dataset feeds";
    QTest::newRow("negative on exc, taus differ")
        << QString::fromStdString(kSource + "," + kLif)
        << R"({"id": "p", "pre": "src", "post": "lif", "weight": -0.5})"
        << "projection 'p': negative weights on the excitatory receptor";
    QTest::newRow("plasticity")
        << QString::fromStdString(kSource + "," + kLif)
        << R"({"id": "p", "pre": "src", "post": "lif", "weight": 0.5, "plasticity": {"rule": "stdp"}})"
        << "projection 'p': plasticity is not exported";
    QTest::newRow("izhikevich with spikes")
        << QString::fromStdString(kSource + R"(, {"id": "z", "model": "izhikevich"})")
        << R"({"id": "p", "pre": "src", "post": "z", "weight": 0.5})"
        << "population 'z': receives spikes";
  }
  void refusalsAreNamed() {
    QFETCH(QString, populations);
    QFETCH(QString, projections);
    QFETCH(QString, expected);
    try {
      exportPynn(project(populations.toStdString(), projections.toStdString()));
      QFAIL("must be refused");
    } catch (const PynnExportError& e) {
      QVERIFY2(QString(e.what()).contains(expected), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestPynnExport)
#include "tst_pynnexport.moc"
