// A run in the window that diverges stops with the problem on the session's error path: a
// non-leaky IF population drifting without bound (as in tst_divergence) ends the run, the
// session goes idle, and compileFailed carries a diagnostic naming the population and the step,
// which the Problems panel and the canvas show.
#include <QSignalSpy>
#include <QtTest>

#include "TestSupport.h"
#include "document/NetworkDocument.h"
#include "session/SimulationSession.h"

using namespace snn;
using namespace snn::gui;

class TestSessionDivergence : public QObject {
  Q_OBJECT
 private slots:
  void divergedRunStopsWithTheProblem() {
    NetworkDocument doc;
    doc.replaceProject(test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
      "populations": [{"id": "drift", "model": "if", "size": 10,
                       "params": {"i_offset": -10000}, "init": {"v": -65}}],
      "projections": [], "monitors": []},
      "experiment": {"dt": 0.1, "duration": 1000, "seed": 1}})"),
                       {});
    SimulationSession session(&doc);
    QSignalSpy failed(&session, &SimulationSession::compileFailed);
    session.setSpeed(0);
    session.run();
    QVERIFY(QTest::qWaitFor([&] { return failed.count() > 0; }, 20000));
    const auto diagnostics = failed.at(0).at(0).value<std::vector<Diagnostic>>();
    QCOMPARE(diagnostics.size(), size_t(1));
    QCOMPARE(diagnostics[0].objectId, std::string("drift"));
    QVERIFY2(diagnostics[0].message.find("by step 999 ") != std::string::npos,
             diagnostics[0].message.c_str());
    QVERIFY(QTest::qWaitFor([&] { return session.state() == RunState::Idle; }, 20000));
  }
};

QTEST_MAIN(TestSessionDivergence)
#include "tst_sessiondivergence.moc"
