// The canvas driven like a user would, offscreen: drop a model from the palette, drag from an
// output port to an input port, drag nodes, rubber-band select, delete, copy and paste; every
// edit lands in the document as one undo step and undo restores the project and the items.
#include <QMimeData>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

#include "TestSupport.h"
#include "canvas/ModelPalette.h"
#include "canvas/NetworkScene.h"
#include "canvas/NetworkView.h"
#include "canvas/PopulationItem.h"
#include "canvas/PortItem.h"
#include "canvas/ProjectionItem.h"
#include "commands/ChangeField.h"
#include "document/NetworkDocument.h"
#include "document/ProjectDiagnostics.h"

using namespace snn;
using namespace snn::gui;

namespace {

// Two unconnected populations: a Poisson source and a LIF population.
Project twoPopulations() {
  Project p = loadProject(test::source("resources/examples/first_network.snnwb.json"));
  p.network.projections.clear();
  return p;
}

struct Canvas {
  NetworkDocument doc;
  ProjectDiagnostics diagnostics{&doc};
  NetworkScene scene{&doc, &diagnostics};
  NetworkView view{&scene};

  explicit Canvas(Project project) {
    doc.replaceProject(std::move(project), {});
    view.resize(1000, 700);
    view.show();
    view.centerOn(300, 150);
  }
  QPoint at(const QPointF& scenePos) const { return view.mapFromScene(scenePos); }
  QPoint portOf(const std::string& id, PortItem::Kind kind) const {
    PopulationItem* item = scene.populationItem(id);
    return at((kind == PortItem::Kind::In ? item->inPort() : item->outPort())->scenePos());
  }
  QPoint centreOf(const std::string& id) const {
    return at(scene.populationItem(id)->sceneBoundingRect().center());
  }
};

void drag(QWidget* viewport, QPoint from, QPoint to, Qt::KeyboardModifiers mods = {}) {
  QTest::mousePress(viewport, Qt::LeftButton, mods, from);
  for (int i = 1; i <= 5; ++i) QTest::mouseMove(viewport, from + (to - from) * i / 5);
  QTest::mouseRelease(viewport, Qt::LeftButton, mods, to);
}

}  // namespace

class TestCanvas : public QObject {
  Q_OBJECT

 private slots:
  void dropFromPaletteAddsAPopulationWhereDropped() {
    Canvas c(twoPopulations());
    QVERIFY(QTest::qWaitForWindowExposed(&c.view));
    ModelPalette palette;
    const auto items = palette.findItems("Izhikevich", Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    std::unique_ptr<QMimeData> mime(palette.mimeData({items.first()}));
    QVERIFY(mime && mime->hasFormat(ModelPalette::kMimeType));

    const QPoint dropAt(500, 450);
    const QPointF scenePos = c.view.mapToScene(dropAt);
    QDragEnterEvent enter(dropAt, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(c.view.viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(dropAt, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(c.view.viewport(), &move);
    QDropEvent drop(dropAt, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(c.view.viewport(), &drop);

    const PopulationSpec* added = c.doc.project().network.findPopulation("izhikevich");
    QVERIFY(added);
    QCOMPARE(added->model, std::string("izhikevich"));
    PopulationItem* item = c.scene.populationItem("izhikevich");
    QVERIFY(item && item->isSelected());
    QVERIFY((item->sceneBoundingRect().center() - scenePos).manhattanLength() < 8);
    c.doc.undoStack()->undo();
    QVERIFY(!c.doc.project().network.findPopulation("izhikevich"));
    QVERIFY(!c.scene.populationItem("izhikevich"));
  }

  void dragFromOutPortToInPortConnects() {
    Canvas c(twoPopulations());
    QVERIFY(QTest::qWaitForWindowExposed(&c.view));
    const Project before = c.doc.project();
    drag(c.view.viewport(), c.portOf("input", PortItem::Kind::Out),
         c.portOf("neurons", PortItem::Kind::In));
    QCOMPARE(c.doc.project().network.projections.size(), size_t{1});
    const ProjectionSpec& p = c.doc.project().network.projections[0];
    QCOMPARE(p.pre, std::string("input"));
    QCOMPARE(p.post, std::string("neurons"));
    QCOMPARE(p.connector.type, ConnectorSpec::Type::AllToAll);
    ProjectionItem* edge = c.scene.projectionItem(p.id);
    QVERIFY(edge && edge->isVisible());
    QCOMPARE(c.doc.undoStack()->count(), 1);
    c.doc.undoStack()->undo();
    QVERIFY(c.doc.project() == before);
    QVERIFY(!c.scene.projectionItem(p.id));
  }

  void connectionDroppedOnNothingOrOnASourceCreatesNothing() {
    Canvas c(twoPopulations());
    QVERIFY(QTest::qWaitForWindowExposed(&c.view));
    drag(c.view.viewport(), c.portOf("neurons", PortItem::Kind::Out), QPoint(950, 650));
    drag(c.view.viewport(), c.portOf("neurons", PortItem::Kind::Out), c.centreOf("input"));
    QVERIFY(c.doc.project().network.projections.empty());  // a source takes no input
    QCOMPARE(c.doc.undoStack()->count(), 0);
  }

  void draggingANodeMovesItInOneUndoStep() {
    Canvas c(twoPopulations());
    QVERIFY(QTest::qWaitForWindowExposed(&c.view));
    const NodePosition start = c.doc.project().layout.at("neurons");
    const QPoint from = c.centreOf("neurons");
    drag(c.view.viewport(), from, from + QPoint(100, 60));
    const double zoom = c.view.zoom();
    const NodePosition end = c.doc.project().layout.at("neurons");
    SNN_COMPARE_NEAR(end.x - start.x, 100 / zoom, 1.0);
    SNN_COMPARE_NEAR(end.y - start.y, 60 / zoom, 1.0);
    QCOMPARE(c.scene.populationItem("neurons")->pos(), QPointF(end.x, end.y));
    QCOMPARE(c.doc.undoStack()->count(), 1);  // five mouse moves, one step
    c.doc.undoStack()->undo();
    QCOMPARE(c.doc.project().layout.at("neurons"), start);
    QCOMPARE(c.scene.populationItem("neurons")->pos(), QPointF(start.x, start.y));
  }

  void rubberBandSelectsThenDeleteKeyRemovesAndUndoRestores() {
    Project p = loadProject(test::source("resources/examples/first_network.snnwb.json"));
    Canvas c(p);
    p = c.doc.project();  // as opened: the document gives every node its colour
    QVERIFY(QTest::qWaitForWindowActive(&c.view));
    // From empty canvas above-left of both nodes to below-right of both.
    const QRectF both = c.scene.populationItem("input")->sceneBoundingRect() |
                        c.scene.populationItem("neurons")->sceneBoundingRect();
    drag(c.view.viewport(), c.at(both.topLeft() - QPointF(30, 30)),
         c.at(both.bottomRight() + QPointF(30, 30)));
    QCOMPARE(c.scene.selectedPopulations(), (std::vector<std::string>{"input", "neurons"}));

    c.view.setFocus();
    QTest::keyClick(&c.view, Qt::Key_Delete);
    QVERIFY(c.doc.project().network.populations.empty());
    QVERIFY(c.doc.project().network.projections.empty());
    QVERIFY(c.scene.items().isEmpty());
    QCOMPARE(c.doc.undoStack()->count(), 1);

    c.doc.undoStack()->undo();
    QVERIFY(c.doc.project() == p);
    QVERIFY(c.scene.populationItem("input") && c.scene.populationItem("neurons"));
    ProjectionItem* edge = c.scene.projectionItem("input_neurons");
    QVERIFY(edge && edge->isVisible());
  }

  void edgeLabelGivesTheWeightInItsTargetsUnit() {
    // lif takes synaptic current (nA); multi_spike_if adds arriving weights straight to v (mV).
    Project p = loadProject(test::source("resources/examples/first_network.snnwb.json"));
    Canvas lif(p);
    QVERIFY2(lif.scene.projectionItem("input_neurons")->label().endsWith(" nA"),
             qPrintable(lif.scene.projectionItem("input_neurons")->label()));
    PopulationSpec* post = p.network.findPopulation("neurons");
    post->model = "multi_spike_if";
    post->params.clear();
    Canvas msif(p);
    QVERIFY2(msif.scene.projectionItem("input_neurons")->label().endsWith(" mV"),
             qPrintable(msif.scene.projectionItem("input_neurons")->label()));
  }

  void copyPasteDuplicatesWithFreshIds() {
    Project p = loadProject(test::source("resources/examples/first_network.snnwb.json"));
    Canvas c(p);
    p = c.doc.project();  // as opened: the document gives every node its colour
    QVERIFY(QTest::qWaitForWindowExposed(&c.view));
    c.view.selectAllAction()->trigger();
    c.view.copyAction()->trigger();
    QVERIFY(c.view.pasteAction()->isEnabled());
    c.view.pasteAction()->trigger();
    const NetworkSpec& net = c.doc.project().network;
    QCOMPARE(net.populations.size(), size_t{4});
    const ProjectionSpec* copy = net.findProjection("input_neurons_2");
    QVERIFY(copy);
    QCOMPARE(copy->pre, std::string("input_2"));
    QCOMPARE(copy->post, std::string("neurons_2"));
    QCOMPARE(c.doc.project().layout.at("neurons_2").x, p.layout.at("neurons").x + 40);
    QCOMPARE(c.scene.selectedPopulations(), (std::vector<std::string>{"input_2", "neurons_2"}));
    c.doc.undoStack()->undo();
    QVERIFY(c.doc.project() == p);
  }

  void diagnosticsMarkTheOffendingNode() {
    Canvas c(twoPopulations());
    QVERIFY(c.scene.populationItem("neurons")->problems().isEmpty());
    c.doc.undoStack()->push(new ChangeField(&c.doc, ObjectKind::Population, "neurons",
                                            "params.tau_m", ValueSpec::constant(-5)));
    c.diagnostics.refreshNow();
    const QStringList problems = c.scene.populationItem("neurons")->problems();
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems[0].startsWith("params.tau_m: must be > 0"), qPrintable(problems[0]));
    QVERIFY(c.scene.populationItem("neurons")->toolTip().contains("tau_m"));
    QVERIFY(c.scene.populationItem("input")->problems().isEmpty());
    c.doc.undoStack()->undo();
    c.diagnostics.refreshNow();
    QVERIFY(c.scene.populationItem("neurons")->problems().isEmpty());
  }

  void destroyingTheSceneWithASelectionIsQuiet() {
    NetworkDocument doc;
    doc.replaceProject(twoPopulations(), {});
    ProjectDiagnostics diagnostics(&doc);
    auto scene = std::make_unique<NetworkScene>(&doc, &diagnostics);
    scene->selectObject("neurons");
    int calls = 0;
    QObject listener;
    // A listener would ask the scene what is selected, reading destroyed members.
    connect(scene.get(), &QGraphicsScene::selectionChanged, &listener, [&] { ++calls; });
    scene.reset();
    QCOMPARE(calls, 0);
  }

  void wheelZoomsAndFitShowsTheNetwork() {
    Canvas c(twoPopulations());
    QVERIFY(QTest::qWaitForWindowExposed(&c.view));
    const double before = c.view.zoom();
    QWheelEvent wheel(QPointF(500, 350), c.view.viewport()->mapToGlobal(QPointF(500, 350)), {},
                      QPoint(0, 240), Qt::NoButton, {}, Qt::NoScrollPhase, false);
    QApplication::sendEvent(c.view.viewport(), &wheel);
    SNN_COMPARE_NEAR(c.view.zoom(), before * 1.15 * 1.15, 1e-9);
    c.view.fitAction()->trigger();
    const QRect shown = c.view.mapFromScene(c.scene.networkRect()).boundingRect();
    QVERIFY(c.view.viewport()->rect().contains(shown));
  }
};

QTEST_MAIN(TestCanvas)
#include "tst_canvas.moc"
