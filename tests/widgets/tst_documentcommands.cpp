// Every undo command on the document alone (no scene): redo changes the project as intended,
// undo gives back exactly the project before, redo again exactly the project after.
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>
#include <functional>

#include "TestSupport.h"
#include "commands/AddRemovePopulation.h"
#include "commands/AddRemoveProjection.h"
#include "commands/ChangeField.h"
#include "commands/ChangePopulation.h"
#include "commands/ChangeProjection.h"
#include "commands/CompoundEdits.h"
#include "commands/MoveNodes.h"
#include "commands/PasteObjects.h"
#include "commands/RenameObject.h"
#include "document/NetworkDocument.h"
#include "document/ProjectFragment.h"

using namespace snn;
using namespace snn::gui;

namespace {

Project cuba() {
  return loadProject(test::source("resources/examples/cuba.snnwb.json"));
}

struct Edit {
  const char* name;
  std::function<void(NetworkDocument&)> apply;
  std::function<bool(const Project&)> done;  // what the edit must have achieved
};

const std::vector<Edit>& edits() {
  static const std::vector<Edit> table = {
      {"add population",
       [](NetworkDocument& d) {
         d.undoStack()->push(
             new AddPopulation(&d, defaultPopulation(d.project(), "poisson"), {10, 20}));
       },
       [](const Project& p) {
         const PopulationSpec* s = p.network.findPopulation("poisson");
         return s && s->size == 100 && p.layout.at("poisson") == NodePosition{10, 20};
       }},
      {"remove population with its projections and monitors",
       [](NetworkDocument& d) { deleteObjects(d, {"inh"}, {}); },
       [](const Project& p) {
         return !p.network.findPopulation("inh") && p.network.projections.size() == 1 &&
                p.network.monitors.size() == 3 && !p.layout.count("inh");
       }},
      {"add projection",
       [](NetworkDocument& d) {
         d.undoStack()->push(new AddProjection(&d, defaultProjection(d.project(), "inh", "exc")));
       },
       [](const Project& p) {
         const ProjectionSpec* s = p.network.findProjection("inh_exc_2");
         return s && s->pre == "inh" && s->connector.type == ConnectorSpec::Type::AllToAll;
       }},
      {"remove projection",
       [](NetworkDocument& d) { d.undoStack()->push(new RemoveProjection(&d, "exc_inh")); },
       [](const Project& p) {
         return !p.network.findProjection("exc_inh") && p.network.projections.size() == 3;
       }},
      {"move nodes",
       [](NetworkDocument& d) {
         d.undoStack()->push(
             new MoveNodes(&d, {{"exc", NodePosition{120, 80}}}, {{"exc", {300, 300}}}, 0));
       },
       [](const Project& p) {
         return p.layout.at("exc") == NodePosition{300, 300};
       }},
      {"change parameter",
       [](NetworkDocument& d) {
         d.undoStack()->push(new ChangeField(&d, ObjectKind::Population, "exc", "params.tau_m",
                                             ValueSpec::constant(12)));
       },
       [](const Project& p) {
         return std::get<ValueSpec>(p.network.findPopulation("exc")->params.at("tau_m")).scalar ==
                12;
       }},
      {"reset parameter to default",
       [](NetworkDocument& d) {
         d.undoStack()->push(
             new ChangeField(&d, ObjectKind::Population, "exc", "params.t_ref", std::nullopt));
       },
       [](const Project& p) { return !p.network.findPopulation("exc")->params.count("t_ref"); }},
      {"rename population",
       [](NetworkDocument& d) { d.undoStack()->push(new RenameObject(&d, "exc", "pyramidal")); },
       [](const Project& p) {
         return p.network.findPopulation("pyramidal") && !p.network.findPopulation("exc") &&
                p.network.findProjection("exc_inh")->pre == "pyramidal" &&
                p.network.monitors[0].target == "pyramidal" && p.layout.count("pyramidal");
       }},
      {"paste",
       [](NetworkDocument& d) {
         const Project fragment = copyFragment(d.project(), {"exc", "inh"}, {});
         d.undoStack()->push(new PasteObjects(&d, prepareForPaste(d.project(), fragment, 40, 40)));
       },
       [](const Project& p) {
         return p.network.populations.size() == 4 && p.network.projections.size() == 8 &&
                p.network.findProjection("exc_inh_2")->pre == "exc_2" &&
                p.layout.at("inh_2") == NodePosition{460, 120} && p.network.monitors.size() == 10;
       }},
      {"change population size",
       [](NetworkDocument& d) {
         PopulationSpec s = *d.project().network.findPopulation("inh");
         s.size = 1000;
         d.undoStack()->push(new ChangePopulation(&d, s, "size"));
       },
       [](const Project& p) { return p.network.findPopulation("inh")->size == 1000; }},
      {"change projection connector",
       [](NetworkDocument& d) {
         ProjectionSpec s = *d.project().network.findProjection("exc_exc");
         s.connector.p = 0.1;
         s.weight = ValueSpec::normal(0.08, 0.01);
         d.undoStack()->push(new ChangeProjection(&d, s, "connector"));
       },
       [](const Project& p) {
         const ProjectionSpec* s = p.network.findProjection("exc_exc");
         return s->connector.p == 0.1 && s->weight.kind == ValueSpec::Kind::Normal;
       }},
      {"change experiment",
       [](NetworkDocument& d) {
         d.undoStack()->push(
             new ChangeField(&d, ObjectKind::Experiment, {}, "dt", ValueSpec::constant(0.05)));
       },
       [](const Project& p) { return p.experiment.dt == 0.05; }},
  };
  return table;
}

}  // namespace

class TestDocumentCommands : public QObject {
  Q_OBJECT

 private slots:
  void roundTrip_data() {
    QTest::addColumn<int>("edit");
    for (size_t i = 0; i < edits().size(); ++i)
      QTest::newRow(edits()[i].name) << static_cast<int>(i);
  }

  void roundTrip() {
    QFETCH(int, edit);
    NetworkDocument doc;
    doc.replaceProject(cuba(), "cuba.snnwb.json");
    const Project before = doc.project();
    QVERIFY(!doc.isModified());

    edits()[static_cast<size_t>(edit)].apply(doc);
    const Project after = doc.project();
    QVERIFY(after != before);
    QVERIFY(edits()[static_cast<size_t>(edit)].done(after));
    QVERIFY(doc.isModified());
    QCOMPARE(doc.undoStack()->count(), 1);  // one undo step, macro or not

    doc.undoStack()->undo();
    QVERIFY(doc.project() == before);
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QVERIFY(doc.project() == after);
  }

  void renameProjectionRoundTrip() {
    NetworkDocument doc;
    doc.replaceProject(cuba(), {});
    const Project before = doc.project();
    doc.undoStack()->push(new RenameObject(&doc, "inh_inh", "ii"));
    QVERIFY(doc.project().network.findProjection("ii"));
    QCOMPARE(doc.project().network.findProjection("ii")->pre, std::string("inh"));
    doc.undoStack()->undo();
    QVERIFY(doc.project() == before);
  }

  void renameRefusesTakenOrBadIds() {
    NetworkDocument doc;
    doc.replaceProject(cuba(), {});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RenameObject(&doc, "exc", "inh"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RenameObject(&doc, "exc", "exc_inh"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RenameObject(&doc, "exc", "two words"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RenameObject(&doc, "exc", ""));
  }

  void moveMergesWhileDragging() {
    NetworkDocument doc;
    doc.replaceProject(cuba(), {});
    const Project before = doc.project();
    const MoveNodes::Positions from{{"exc", NodePosition{120, 80}}, {"inh", std::nullopt}};
    for (int step = 1; step <= 5; ++step)
      doc.undoStack()->push(
          new MoveNodes(&doc, from, {{"exc", {120.0 + step, 80}}, {"inh", {0, double(step)}}}, 7));
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.project().layout.at("exc"), (NodePosition{125, 80}));
    // A new drag is a new step.
    doc.undoStack()->push(
        new MoveNodes(&doc, {{"exc", NodePosition{125, 80}}}, {{"exc", {0, 0}}}, 8));
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    Project expected = before;
    expected.layout.erase("inh");  // 'from' said inh had no layout entry before the drag
    QVERIFY(doc.project() == expected);
  }

  void dragBackToStartLeavesNothingToUndo() {
    NetworkDocument doc;
    doc.replaceProject(cuba(), {});
    const MoveNodes::Positions from{{"exc", NodePosition{120, 80}}};
    doc.undoStack()->push(new MoveNodes(&doc, from, {{"exc", {200, 80}}}, 3));
    doc.undoStack()->push(new MoveNodes(&doc, from, {{"exc", {120, 80}}}, 3));
    QCOMPARE(doc.undoStack()->count(), 0);
  }

  void sliderGestureMergesIntoOneStep() {
    NetworkDocument doc;
    doc.replaceProject(cuba(), {});
    for (double v : {11.0, 12.0, 13.0})
      doc.undoStack()->push(new ChangeField(&doc, ObjectKind::Population, "exc", "params.tau_m",
                                            ValueSpec::constant(v), 42));
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undoStack()->push(new ChangeField(&doc, ObjectKind::Population, "exc", "params.tau_m",
                                          ValueSpec::constant(14), 43));
    doc.undoStack()->push(new ChangeField(&doc, ObjectKind::Population, "exc", "params.tau_m",
                                          ValueSpec::constant(15)));
    doc.undoStack()->push(new ChangeField(&doc, ObjectKind::Population, "exc", "params.tau_m",
                                          ValueSpec::constant(16)));
    QCOMPARE(doc.undoStack()->count(), 4);  // other gestures and typed values stay separate
    while (doc.undoStack()->canUndo()) doc.undoStack()->undo();
    QCOMPARE(
        std::get<ValueSpec>(doc.project().network.findPopulation("exc")->params.at("tau_m")).scalar,
        20.0);
  }

  void deleteEmitsProjectionsBeforeThePopulation() {
    NetworkDocument doc;
    doc.replaceProject(cuba(), {});
    QSignalSpy spy(&doc, &NetworkDocument::changed);
    deleteObjects(doc, {"inh"}, {});
    QCOMPARE(spy.count(), 4);
    std::vector<ChangeEvent> events;
    for (const auto& args : spy) events.push_back(args.at(0).value<ChangeEvent>());
    QVERIFY(events.back().is(ChangeEvent::Type::ObjectRemoved, ObjectKind::Population));
    QVERIFY(events.front().is(ChangeEvent::Type::ObjectRemoved, ObjectKind::Projection));
  }

  void replaceProjectClearsHistory() {
    NetworkDocument doc;
    doc.replaceProject(cuba(), "a.snnwb.json");
    doc.undoStack()->push(new RemoveProjection(&doc, "exc_inh"));
    QVERIFY(doc.isModified());
    QSignalSpy modified(&doc, &NetworkDocument::modifiedChanged);
    doc.replaceProject(Project{}, {});
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isModified());
    QCOMPARE(modified.count(), 1);
    QCOMPARE(doc.displayName(), QString("Untitled"));
  }
};

QTEST_MAIN(TestDocumentCommands)
#include "tst_documentcommands.moc"
