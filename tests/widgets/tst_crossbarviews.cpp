// Crossbars in the window: the node on the canvas and in the palette, its inspector page, and
// the Crossbar dock's views — each checked against the document or against the crossbar as the
// compiler programs it (an independent path: compile() and CrossbarArray, not the dock's code).
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>
#include <numeric>

#include "TestSupport.h"
#include "canvas/CrossbarItem.h"
#include "canvas/ModelPalette.h"
#include "canvas/NetworkScene.h"
#include "canvas/NetworkView.h"
#include "commands/ChangeField.h"
#include "commands/CrossbarCommands.h"
#include "crossbar/ConductanceHistogram.h"
#include "crossbar/CrossbarMapPlot.h"
#include "crossbar/CrossbarPanel.h"
#include "crossbar/SweepPanel.h"
#include "crossbar/TwinRunPanel.h"
#include "document/NetworkDocument.h"
#include "document/ProjectDiagnostics.h"
#include "inspector/CrossbarEditor.h"
#include "inspector/SchemaField.h"
#include "io/ProjectJson.h"
#include "model/CrossbarSchema.h"
#include "project/FieldPath.h"
#include "project/ProjectEvaluation.h"
#include "sim/Compiler.h"

using namespace snn;
using namespace snn::gui;

namespace {

// 12 Poisson inputs to 5 LIF neurons; the projection on crossbar xb1 (12 x 10) when `onCrossbar`.
Project smallNetwork(bool onCrossbar, double rWire = 5.0) {
  std::string json = R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [{"id": "in", "model": "poisson", "size": 12, "params": {"rate": 50}},
                    {"id": "out", "model": "lif", "size": 5}],
    "projections": [{"id": "p", "pre": "in", "post": "out", "connector": {"type": "all_to_all"},
                     "weight": {"uniform": [-0.5, 1.0]})";
  if (onCrossbar) {
    json += R"(, "crossbar": "xb1"}],
    "crossbars": [{"id": "xb1", "rows": 12, "cols": 10,
                   "device": {"preset": "rram_taox", "levels": 8, "step_d2d": 0.1},
                   "array": {"r_wire": )" +
            std::to_string(rWire) + R"(, "r_source": 20, "r_sense": 20},
                   "faults": {"stuck_off_rate": 0.05}}]},)";
  } else {
    json += R"(}]},)";
  }
  json += R"( "experiment": {"dt": 0.1, "duration": 100, "seed": 3},
    "layout": {"in": {"x": 0, "y": 0}, "out": {"x": 400, "y": 0}}})";
  return test::parse(json);
}

// The crossbar as compiling programs it: what the dock must show.
Eigen::MatrixXd programmedConductances(const Project& project, const std::string& projection) {
  CompileResult r = compile(project);
  if (!r.ok()) throw std::runtime_error(r.diagnostics.front().toString());
  for (CompiledProjection& p : r.network->projections)
    if (p.id == projection && p.crossbar) return p.crossbar->array().readConductances();
  throw std::runtime_error("no crossbar carries " + projection);
}

bool waitForSnapshots(CrossbarPanel& panel) {
  QSignalSpy shown(&panel, &CrossbarPanel::snapshotsShown);
  panel.refreshNow();
  return shown.wait(15000);
}

}  // namespace

class TestCrossbarViews : public QObject {
  Q_OBJECT

 private slots:
  void paletteAddsCrossbarUnderTheProjection() {
    NetworkDocument doc;
    doc.replaceProject(smallNetwork(false), {});
    ProjectDiagnostics diagnostics(&doc);
    NetworkScene scene(&doc, &diagnostics);
    NetworkView view(&scene);
    view.addPopulationAt(QString::fromLatin1(ModelPalette::kCrossbarEntry), QPointF(200, 300));
    QCOMPARE(doc.project().network.crossbars.size(), size_t(1));
    const CrossbarSpec& xb = doc.project().network.crossbars.front();
    QCOMPARE(xb.rows, int64_t(12));
    QCOMPARE(xb.cols, int64_t(10));  // differential pairs: 2 columns per target
    QCOMPARE(xb.device.preset, std::string("rram_taox"));
    QCOMPARE(doc.project().network.projections.front().crossbar, xb.id);
    auto* item = dynamic_cast<CrossbarItem*>(scene.nodeItem(xb.id));
    QVERIFY(item);
    QCOMPARE(item->carried(), std::string("p"));
    // Between the populations it joins: x midway between "in" (0) and "out" (400).
    QCOMPARE(item->pos().x(), 200.0);
    QVERIFY(diagnostics.about(ObjectKind::Crossbar, xb.id).empty());
    doc.undoStack()->undo();  // one step takes it all back
    QVERIFY(doc.project().network.crossbars.empty());
    QVERIFY(doc.project().network.projections.front().crossbar.empty());
    QVERIFY(!scene.nodeItem(xb.id));
  }

  void crossbarFollowsThePopulationsItJoins() {
    NetworkDocument doc;
    Project project = smallNetwork(true);
    project.layout.erase("xb1");
    doc.replaceProject(project, {});
    ProjectDiagnostics diagnostics(&doc);
    NetworkScene scene(&doc, &diagnostics);
    const QPointF before = scene.nodeItem("xb1")->pos();
    doc.setNodePositions({{"out", NodePosition{800, 0}}});
    QCOMPARE(scene.nodeItem("xb1")->pos().x(), before.x() + 200.0);
  }

  void inspectorShowsEveryFieldAndPresetIsOneStep() {
    NetworkDocument doc;
    doc.replaceProject(smallNetwork(true), {});
    CrossbarEditor editor(&doc, "xb1");
    for (const CrossbarFieldInfo& f : crossbarFields())
      if (f.path() != "device.preset") QVERIFY2(editor.schemaField(f.path()), f.path().c_str());
    QCOMPARE(editor.presetBox()->currentData().toString(), QString("rram_taox"));
    QCOMPARE(editor.schemaField("device.levels")->lineEdit()->text(), QString("8"));
    // A field edit through the inspector is a ChangeField.
    editor.schemaField("array.r_wire")->valueEdited(ParamValue(ValueSpec::constant(7.5)), 0);
    QCOMPARE(doc.project().network.crossbars[0].array.rWire, 7.5);
    // Choosing PCM sets the preset and drops the overrides, in one undo step.
    const int before = doc.undoStack()->count();
    const int pcm = editor.presetBox()->findData("pcm");
    editor.presetBox()->setCurrentIndex(pcm);
    Q_EMIT editor.presetBox()->activated(pcm);
    const CrossbarSpec& xb = doc.project().network.crossbars[0];
    QCOMPARE(xb.device.preset, std::string("pcm"));
    QVERIFY(xb.device.params.empty());
    QCOMPARE(doc.undoStack()->count(), before + 1);
    doc.undoStack()->undo();
    QCOMPARE(doc.project().network.crossbars[0].device.preset, std::string("rram_taox"));
    QCOMPARE(doc.project().network.crossbars[0].device.params.size(), size_t(2));
  }

  void inspectorChoosesTheProjection() {
    NetworkDocument doc;
    doc.replaceProject(smallNetwork(true), {});
    CrossbarEditor editor(&doc, "xb1");
    QComboBox* box = editor.projectionBox();
    QCOMPARE(box->currentData().toString(), QString("p"));
    box->setCurrentIndex(0);
    Q_EMIT box->activated(0);  // (none)
    QVERIFY(doc.project().network.projections[0].crossbar.empty());
    doc.undoStack()->undo();
    QCOMPARE(doc.project().network.projections[0].crossbar, std::string("xb1"));
  }

  void heatMapHoldsTheProgrammedConductances() {
    NetworkDocument doc;
    doc.replaceProject(smallNetwork(true), {});
    CrossbarPanel panel(&doc);
    QVERIFY(waitForSnapshots(panel));
    const Eigen::MatrixXd g = programmedConductances(doc.project(), "p");
    QCPColorMapData* data = panel.conductanceMap()->colorMap()->data();
    QCOMPARE(data->keySize(), int(g.cols()));
    QCOMPARE(data->valueSize(), int(g.rows()));
    QVERIFY(g.maxCoeff() > g.minCoeff());  // something to see
    for (int r = 0; r < g.rows(); ++r)
      for (int c = 0; c < g.cols(); ++c) QCOMPARE(data->cell(c, r), g(r, c));
    // The histogram counts every device once; a line per target level.
    const QVector<double> counts = panel.histogram()->counts();
    QCOMPARE(std::accumulate(counts.begin(), counts.end(), 0.0), double(g.size()));
    QCOMPARE(panel.histogram()->levelLines(), 8);
    // Log counts (the panel's check box): the same bins on a logarithmic axis that shows a bin of
    // one device; off again, linear from 0.
    auto* logCounts = panel.findChild<QCheckBox*>("histogramLogScale");
    QVERIFY(logCounts);
    logCounts->setChecked(true);
    QVERIFY(panel.histogram()->logScale());
    QCOMPARE(panel.histogram()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(panel.histogram()->yAxis->range().lower > 0.0);
    QVERIFY(panel.histogram()->yAxis->range().lower < 1.0);
    QCOMPARE(panel.histogram()->counts(), counts);
    logCounts->setChecked(false);
    QCOMPARE(panel.histogram()->yAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(panel.histogram()->yAxis->range().lower, 0.0);
    // Faults from the stuck-off rate are marked where the devices are stuck.
    const CrossbarSnapshot* s = panel.shown();
    QVERIFY(s);
    int off = 0;
    for (Eigen::Index k = 0; k < s->faults.size(); ++k)
      off += s->faults(k) == static_cast<uint8_t>(DeviceFault::StuckOff);
    QCOMPARE(panel.conductanceMap()->stuckOffMarks().size(), off);
  }

  void clickingACellMakesItStuckAndUndoFreesIt() {
    NetworkDocument doc;
    doc.replaceProject(smallNetwork(true), {});
    CrossbarPanel panel(&doc);
    panel.resize(900, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(waitForSnapshots(panel));
    CrossbarMapPlot* map = panel.conductanceMap();
    map->replot();
    const QPoint at(static_cast<int>(map->xAxis->coordToPixel(3)),
                    static_cast<int>(map->yAxis->coordToPixel(2)));
    QCOMPARE(map->cellAt(at), std::make_pair(int64_t(2), int64_t(3)));
    QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, at);
    const auto& cells = [&doc]() -> const std::vector<CrossbarStuckCell>& {
      return doc.project().network.crossbars[0].stuckCells;
    };
    QCOMPARE(cells().size(), size_t(1));
    QCOMPARE(cells()[0], (CrossbarStuckCell{2, 3, true}));
    QVERIFY(waitForSnapshots(panel));
    QVERIFY(map->stuckOnMarks().contains(QPointF(2, 3)));
    QCOMPARE(panel.shown()->conductances(2, 3), panel.shown()->gMax);  // stuck at its G_max
    QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, at);        // a marked cell: freed
    QVERIFY(cells().empty());
    doc.undoStack()->undo();
    QCOMPARE(cells().size(), size_t(1));
    doc.undoStack()->undo();
    QVERIFY(cells().empty());
    // Shift-click: stuck OFF.
    QTest::mouseClick(map, Qt::LeftButton, Qt::ShiftModifier, at);
    QCOMPARE(cells()[0], (CrossbarStuckCell{2, 3, false}));
  }

  void voltageMapShowsTheIrDrop() {
    for (double rWire : {0.0, 20.0}) {
      NetworkDocument doc;
      Project project = smallNetwork(true, rWire);
      project.network.crossbars[0].array.rSource = 0.0;
      doc.replaceProject(project, {});
      CrossbarPanel panel(&doc);
      QVERIFY(waitForSnapshots(panel));
      QCPColorMapData* v = panel.voltageMap()->colorMap()->data();
      const double vRead = project.network.crossbars[0].array.vRead;
      // Every row driven at v_read: with no wire and no driver resistance each cell sees v_read;
      // with wires the voltage sags along the row, away from the driver.
      QCOMPARE(v->cell(0, 0) <= vRead + 1e-12, true);
      if (rWire == 0.0) {
        QVERIFY(std::abs(v->cell(9, 11) - vRead) < 1e-12);
      } else {
        QVERIFY(v->cell(9, 0) < v->cell(0, 0));
        QVERIFY(v->cell(9, 0) < vRead * 0.9999);
      }
    }
  }

  void exampleOpensWithItsCrossbarDrawn() {
    NetworkDocument doc;
    doc.replaceProject(loadProject(test::source("resources/examples/crossbar_digits.snnwb.json")),
                       {});
    ProjectDiagnostics diagnostics(&doc);
    NetworkScene scene(&doc, &diagnostics);
    auto* item = dynamic_cast<CrossbarItem*>(scene.nodeItem("xb1"));
    QVERIFY(item);
    QCOMPARE(item->carried(), std::string("pixels_hidden"));
    QVERIFY(item->pos().x() > scene.nodeItem("pixels")->pos().x());
    QVERIFY(item->pos().x() < scene.nodeItem("hidden")->pos().x());
    QVERIFY(diagnostics.about(ObjectKind::Crossbar, "xb1").empty());
  }

  void twinRunOfAnIdealDeviceHasNoDifference() {
    // An ideal device with (nearly) continuous levels, written directly, no wires: the crossbar
    // computes the same products as the ideal synapses, so both twins spike alike.
    Project project = smallNetwork(true, 0.0);
    CrossbarSpec& xb = project.network.crossbars[0];
    xb.device = CrossbarDeviceSpec{"ideal", {{"levels", ValueSpec::constant(1e6)}}};
    xb.array = CrossbarArraySpec{};
    xb.faults = CrossbarFaultSpec{};
    xb.programming.mode = ProgrammingMode::Direct;
    project.network.populations[0].params["rate"] = ValueSpec::constant(200);
    NetworkDocument doc;
    doc.replaceProject(project, {});
    TwinRunPanel panel(&doc);
    QSignalSpy done(&panel, &TwinRunPanel::finished);
    panel.start(1000);
    QVERIFY(done.wait(20000));
    QVERIFY(panel.result());
    const TwinPopulation& out = panel.result()->populations.at(0);
    QCOMPARE(out.id, std::string("out"));
    QVERIFY(out.ideal.size() > 20);  // the comparison has spikes to compare
    QCOMPARE(panel.result()->differences(), size_t(0));
    QCOMPARE(panel.markedIdeal() + panel.markedCrossbar(), 0);

    // Two levels and a stuck column: the twins part, and the rasters mark where.
    xb.device.params["levels"] = ValueSpec::constant(2);
    xb.stuckCells = {{0, 0, true}, {1, 0, true}, {2, 0, true}, {3, 0, true}};
    doc.replaceProject(project, {});
    panel.start(1000);
    QVERIFY(done.wait(20000));
    const TwinPopulation& parted = panel.result()->populations.at(0);
    QVERIFY(panel.result()->differences() > 0);
    QCOMPARE(panel.markedIdeal(), int(parted.onlyIdeal.size()));
    QCOMPARE(panel.markedCrossbar(), int(parted.onlyCrossbar.size()));
    // The difference is exactly the spikes one run has and the other has not.
    for (size_t k = 0; k < parted.onlyCrossbar.size(); ++k) {
      bool inIdeal = false;
      for (size_t i = 0; i < parted.ideal.size(); ++i)
        inIdeal |= parted.ideal.steps[i] == parted.onlyCrossbar.steps[k] &&
                   parted.ideal.neurons[i] == parted.onlyCrossbar.neurons[k];
      QVERIFY(!inIdeal);
    }
  }

  void differenceMatchesSpikesWithinTheWindow() {
    // Neuron 0: ideal at steps 10, 20; crossbar at 11 and 40. Neuron 1: both at 5.
    const TwinSpikes ideal{{5, 10, 20}, {1, 0, 0}};
    const TwinSpikes crossbar{{5, 11, 40}, {1, 0, 0}};
    QCOMPARE(spikesOnlyIn(ideal, crossbar, 0).size(), size_t(2));  // 10 and 20
    const TwinSpikes onlyIdeal = spikesOnlyIn(ideal, crossbar, 2);
    QCOMPARE(onlyIdeal.size(), size_t(1));
    QCOMPARE(onlyIdeal.steps[0], int64_t(20));
    const TwinSpikes onlyCrossbar = spikesOnlyIn(crossbar, ideal, 2);
    QCOMPARE(onlyCrossbar.size(), size_t(1));
    QCOMPARE(onlyCrossbar.steps[0], int64_t(40));
    // One to one: two spikes of `a` near one spike of `b` leave one unmatched.
    QCOMPARE(spikesOnlyIn(TwinSpikes{{10, 11}, {0, 0}}, TwinSpikes{{10}, {0}}, 3).size(),
             size_t(1));
  }

  void twinRunCancels() {
    NetworkDocument doc;
    doc.replaceProject(smallNetwork(true), {});
    TwinRunPanel panel(&doc);
    QSignalSpy done(&panel, &TwinRunPanel::finished);
    panel.cancel();
    panel.start(2000000);  // far longer than the test waits
    QVERIFY(panel.running());
    panel.cancel();
    QVERIFY(done.wait(20000));
    QVERIFY(panel.result() && panel.result()->cancelled);
    QVERIFY(panel.result()->steps < 2000000);
  }

  void sweepPlotsTheAccuracyOfEachValue() {
    // The surrogate digits network on crossbars; each point must equal an evaluation of the
    // project with the field set to that value, made here without the panel.
    Project project = loadProject(test::source("resources/examples/surrogate_digits.snnwb.json"));
    for (ProjectionSpec& p : project.network.projections) p.weight = ValueSpec::uniform(-0.3, 0.3);
    CrossbarSpec xb;
    xb.id = "xb1";
    xb.rows = 100;
    xb.cols = 20;
    xb.device.preset = "rram_taox";
    project.network.crossbars.push_back(xb);
    project.network.projections[1].crossbar = "xb1";
    NetworkDocument doc;
    doc.replaceProject(project, {});
    SweepPanel panel(&doc);
    QSignalSpy done(&panel, &SweepPanel::finished);
    panel.start("xb1", "device.levels", {2, 64}, 30);
    QVERIFY(done.wait(20000));
    QCOMPARE(panel.points().size(), size_t(2));
    const DatasetSplit data = loadDataset("digits");
    for (const SweepPoint& point : panel.points()) {
      Project p = project;
      setFieldFromText(p, "crossbars.xb1.device.levels", std::to_string(int(point.value)));
      EvaluationOptions options;
      options.testLimit = 30;
      QCOMPARE(point.accuracy, evaluateProject(p, data, options).accuracy);
      QCOMPARE(point.samples, int64_t(30));
    }
    QCOMPARE(panel.plot()->graph(0)->dataCount(), 2);
    QCOMPARE(panel.plot()->graph(0)->data()->at(0)->value, panel.points()[0].accuracy * 100.0);
  }

  // The README's pictures, saved only when SNNWB_SHOTS names a folder.
  void pictures() {
    const QString shots = qEnvironmentVariable("SNNWB_SHOTS");
    if (shots.isEmpty()) QSKIP("set SNNWB_SHOTS to a folder to save the crossbar pictures");
    NetworkDocument doc;
    doc.replaceProject(loadProject(test::source("resources/examples/crossbar_digits.snnwb.json")),
                       {});
    CrossbarPanel views(&doc);
    views.resize(1100, 640);
    views.show();
    QVERIFY(waitForSnapshots(views));
    for (QCustomPlot* plot : views.findChildren<QCustomPlot*>()) plot->replot();
    QVERIFY(views.grab().save(shots + "/crossbar_views.png"));
    TwinRunPanel twin(&doc);
    twin.resize(1100, 420);
    twin.show();
    QSignalSpy twinDone(&twin, &TwinRunPanel::finished);
    twin.start();
    QVERIFY(twinDone.wait(60000));
    for (QCustomPlot* plot : twin.findChildren<QCustomPlot*>()) plot->replot();
    QVERIFY(twin.grab().save(shots + "/crossbar_twin.png"));
    NetworkDocument trained;
    trained.replaceProject(
        loadProject(test::source("resources/examples/crossbar_surrogate_digits.snnwb.json")), {});
    SweepPanel sweep(&trained);
    sweep.resize(700, 460);
    sweep.show();
    QSignalSpy sweepDone(&sweep, &SweepPanel::finished);
    sweep.start("xb1", "device.levels", {2, 3, 4, 6, 8, 16, 32, 64}, 0);
    QVERIFY(sweepDone.wait(60000));
    for (QCustomPlot* plot : sweep.findChildren<QCustomPlot*>()) plot->replot();
    QVERIFY(sweep.grab().save(shots + "/crossbar_sweep.png"));
  }
};

QTEST_MAIN(TestCrossbarViews)
#include "tst_crossbarviews.moc"
