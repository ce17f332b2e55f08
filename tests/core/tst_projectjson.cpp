// The project file: the DESIGN.md example loads as written, and every example round-trips
// through serialize -> parse unchanged.
#include <QTest>

#include "TestSupport.h"
#include "io/ProjectJson.h"
#include "project/ProjectValidator.h"

using namespace snn;

class TestProjectJson : public QObject {
  Q_OBJECT
 private slots:
  void designExampleLoads();
  void roundTrip_data();
  void roundTrip();
};

void TestProjectJson::designExampleLoads() {
  // Verbatim from DESIGN.md, "Project file".
  const char* text = R"({ "format": "snn-workbench", "version": 1,
  "network": {
    "populations": [
      {"id": "exc", "model": "lif", "size": 3200,
       "params": {"tau_m": 20, "cm": 1.0, "v_rest": -49, "v_reset": -60, "v_thresh": -50,
                  "t_ref": 5, "tau_syn_exc": 5, "tau_syn_inh": 10},
       "init": {"v": {"uniform": [-60, -50]}}},
      {"id": "pixels", "model": "poisson", "size": 784, "params": {"rate_max": 63.75}} ],
    "projections": [
      {"id": "ee", "pre": "exc", "post": "exc", "receptor": "exc",
       "connector": {"type": "random", "p": 0.02}, "weight": 0.081, "delay": 0} ],
    "monitors": [ {"type": "spikes", "target": "exc"},
                  {"type": "state", "target": "exc", "variable": "v", "neurons": [0, 1, 2]} ] },
  "experiment": {"dt": 0.1, "duration": 1000, "seed": 1},
  "layout": {"exc": {"x": 120, "y": 80}} })";
  ProjectParseResult r = parseProject(text);
  QVERIFY2(r.ok(), joinDiagnostics(r.diagnostics).c_str());
  QVERIFY2(validateProject(r.project).empty(), joinDiagnostics(validateProject(r.project)).c_str());
  QCOMPARE(r.project.network.populations.size(), size_t(2));
  QCOMPARE(r.project.network.populations[0].size, int64_t(3200));
  QCOMPARE(std::get<ValueSpec>(r.project.network.populations[0].params.at("v_rest")).scalar, -49.0);
  QCOMPARE(r.project.network.populations[0].init.at("v"), ValueSpec::uniform(-60, -50));
  QCOMPARE(r.project.network.projections[0].connector.p, 0.02);
  QCOMPARE(r.project.network.monitors[1].neurons, (std::vector<int64_t>{0, 1, 2}));
  QCOMPARE(r.project.layout.at("exc").x, 120.0);
}

void TestProjectJson::roundTrip_data() {
  QTest::addColumn<QString>("file");
  for (const char* f : {"cuba", "single_lif", "izhikevich_zoo", "hh_action_potential"})
    QTest::newRow(f) << QString::fromStdString(
        test::source(std::string("resources/examples/") + f + ".snnwb.json"));
}

void TestProjectJson::roundTrip() {
  QFETCH(QString, file);
  const Project original = loadProject(file.toStdString());
  const std::string text = serializeProject(original);
  ProjectParseResult again = parseProject(text);
  QVERIFY2(again.ok(), joinDiagnostics(again.diagnostics).c_str());
  QVERIFY(again.project == original);
  QCOMPARE(serializeProject(again.project), text);  // stable text: a second save changes nothing
}

QTEST_GUILESS_MAIN(TestProjectJson)
#include "tst_projectjson.moc"
