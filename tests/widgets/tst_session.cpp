// SimulationSession: chunks stream from the worker thread; pause and stop take effect within the
// chunks already on their way (the 100 ms of the issue is measured by bench/gui_responsiveness,
// not asserted here: a loaded machine stretches it); parameter edits reach the running
// network; structural edits recompile; the thread shuts down cleanly mid-run.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

#include "TestSupport.h"
#include "commands/AddRemovePopulation.h"
#include "commands/ChangeField.h"
#include "commands/ChangeProjection.h"
#include "commands/CompoundEdits.h"
#include "document/NetworkDocument.h"
#include "session/SimulationSession.h"

using namespace snn;
using namespace snn::gui;

namespace {

Project example(const char* name) {
  return loadProject(test::source(std::string("resources/examples/") + name));
}

// Waits (processing events) until the session reports `state`; false after `timeoutMs`.
bool waitForState(SimulationSession& session, RunState state, int timeoutMs = 20000) {
  QElapsedTimer t;
  t.start();
  while (session.state() != state && t.elapsed() < timeoutMs)
    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
  return session.state() == state;
}

int64_t spikesOf(const ChunkPtr& chunk, const std::string& population) {
  for (size_t p = 0; p < chunk->populations.size(); ++p)
    if (chunk->populations[p] == population) return chunk->spikeCount(p);
  return -1;
}

// The default network running continuously as fast as possible, with spies on its runs and
// chunks.
struct LiveRun {
  NetworkDocument doc;
  SimulationSession session{&doc};
  QSignalSpy started{&session, &SimulationSession::runStarted};
  QSignalSpy chunks{&session, &SimulationSession::chunkReady};

  LiveRun() {
    doc.replaceProject(example("first_network.snnwb.json"), {});
    session.setSpeed(0);
    session.setContinuous(true);
    session.run();
  }
  bool flowing() {
    return QTest::qWaitFor([this] { return chunks.count() >= 3; }, 20000);
  }
  int64_t spikes(int chunk, const std::string& population) const {
    return spikesOf(chunks.at(chunk).at(0).value<ChunkPtr>(), population);
  }
  int64_t lastSpikes(const std::string& population) const {
    return spikes(static_cast<int>(chunks.count()) - 1, population);
  }
  // Chunks already under way may still have spikes: waits for a silent one, then for five
  // more, and says whether all of those were silent.
  bool fallsSilent(const std::string& population) {
    if (!QTest::qWaitFor([&] { return lastSpikes(population) == 0; }, 20000)) return false;
    const int from = static_cast<int>(chunks.count()) - 1;
    if (!QTest::qWaitFor([&] { return chunks.count() >= from + 6; }, 20000)) return false;
    for (int i = from; i < chunks.count(); ++i)
      if (spikes(i, population) != 0) return false;
    return true;
  }
};

}  // namespace

class TestSession : public QObject {
  Q_OBJECT

 private slots:
  void runStreamsConsecutiveChunksThenStopsWithinAChunk() {
    NetworkDocument doc;
    doc.replaceProject(example("cuba.snnwb.json"), {});
    SimulationSession session(&doc);
    session.setSpeed(0);  // as fast as possible: the hardest case for stopping
    session.setContinuous(true);
    QSignalSpy chunks(&session, &SimulationSession::chunkReady);
    QSignalSpy started(&session, &SimulationSession::runStarted);
    session.run();
    QTRY_VERIFY_WITH_TIMEOUT(chunks.count() >= 10, 20000);
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).value<RunLayoutPtr>()->populations.size(), size_t{2});

    int64_t next = 0;
    for (const auto& args : chunks) {
      const auto chunk = args.at(0).value<ChunkPtr>();
      QCOMPARE(chunk->firstStep, next);  // no step lost or repeated between chunks
      QVERIFY(chunk->stepCount > 0);
      next = chunk->firstStep + chunk->stepCount;
    }

    // Within the chunks already on their way: the worker computes a chunk only while fewer than
    // two wait for the GUI (SimulationWorker::tick's back-pressure), so at most two arrive after
    // the stop. Counted in chunks, not milliseconds, which a loaded machine stretches (a 100 ms
    // bound failed at 102 ms beside two compilers); bench/gui_responsiveness measures the time.
    const int beforeStop = chunks.count();
    QElapsedTimer clock;
    clock.start();
    session.stop();
    QVERIFY(waitForState(session, RunState::Idle));
    qInfo("stop took %lld ms", static_cast<long long>(clock.elapsed()));
    QVERIFY2(chunks.count() - beforeStop <= 2,
             qPrintable(QString("%1 chunks after stop").arg(chunks.count() - beforeStop)));
    const int atStop = chunks.count();
    QTest::qWait(200);
    QCOMPARE(chunks.count(), atStop);  // nothing after the stop
  }

  void pauseWithinAChunkThenResume() {
    NetworkDocument doc;
    doc.replaceProject(example("cuba.snnwb.json"), {});
    SimulationSession session(&doc);
    session.setSpeed(0);
    session.setContinuous(true);
    QSignalSpy chunks(&session, &SimulationSession::chunkReady);
    session.run();
    QTRY_VERIFY_WITH_TIMEOUT(chunks.count() >= 5, 20000);
    const int beforePause = chunks.count();
    QElapsedTimer clock;
    clock.start();
    session.pause();
    QVERIFY(waitForState(session, RunState::Paused));
    qInfo("pause took %lld ms", static_cast<long long>(clock.elapsed()));
    QVERIFY(chunks.count() - beforePause <= 2);  // the chunks already on their way
    const int atPause = chunks.count();
    const double simulated = session.simulatedMs();
    QTest::qWait(150);
    QCOMPARE(chunks.count(), atPause);
    session.run();
    QTRY_VERIFY_WITH_TIMEOUT(chunks.count() > atPause, 20000);
    QVERIFY(session.simulatedMs() > simulated);  // continued, not started over
  }

  void parameterEditReachesTheRunningNetwork() {
    LiveRun run;
    QVERIFY(run.flowing());
    QVERIFY(run.lastSpikes("input") > 0);
    run.doc.undoStack()->push(new ChangeField(&run.doc, ObjectKind::Population, "input",
                                              "params.rate", ValueSpec::constant(0)));
    QVERIFY(run.fallsSilent("input"));
    QCOMPARE(run.started.count(), 1);  // applied live, no recompile
    QCOMPARE(run.session.state(), RunState::Running);
    run.doc.undoStack()->undo();  // back to 20 Hz
    QTRY_VERIFY_WITH_TIMEOUT(run.lastSpikes("input") > 0, 20000);
  }

  void weightEditReachesTheRunningNetworkWithoutRecompiling() {
    LiveRun run;
    QVERIFY(run.flowing());
    QVERIFY(run.lastSpikes("neurons") > 0);
    auto edit = [&run](auto change) {
      ProjectionSpec p = *run.doc.project().network.findProjection("input_neurons");
      change(p);
      run.doc.undoStack()->push(new ChangeProjection(&run.doc, p, "edit"));
    };
    edit([](ProjectionSpec& p) { p.weight = ValueSpec::constant(0.0); });
    QVERIFY(run.fallsSilent("neurons"));
    QCOMPARE(run.started.count(), 1);  // applied live, no recompile
    QCOMPARE(run.session.state(), RunState::Running);
    run.doc.undoStack()->undo();  // back to 0.2 nA
    QTRY_VERIFY_WITH_TIMEOUT(run.lastSpikes("neurons") > 0, 20000);
    QCOMPARE(run.started.count(), 1);

    // Anything else about a projection rewires it: a recompile.
    edit([](ProjectionSpec& p) { p.delay = ValueSpec::constant(2.0); });
    QTRY_COMPARE_WITH_TIMEOUT(run.started.count(), 2, 20000);
  }

  // Whatever edits the field, its schema decides: live fields reach the running network, the
  // training set-up is not part of a run, structural fields recompile.
  void fieldSchemaDecidesLiveOrRecompile() {
    LiveRun run;
    QVERIFY(run.flowing());
    auto push = [&run](ObjectKind kind, const std::string& id, const std::string& field,
                       ParamValue v) {
      run.doc.undoStack()->push(new ChangeField(&run.doc, kind, id, field, std::move(v)));
    };
    push(ObjectKind::Experiment, "", "duration", ValueSpec::constant(5000));  // live
    TrainingSpec training;
    training.method = "stdp";
    run.doc.setTraining(training);  // not run
    const int before = static_cast<int>(run.chunks.count());
    QVERIFY(QTest::qWaitFor([&] { return run.chunks.count() > before + 3; }, 20000));
    QCOMPARE(run.started.count(), 1);
    push(ObjectKind::Experiment, "", "dt", ValueSpec::constant(0.05));  // structural
    QTRY_COMPARE_WITH_TIMEOUT(run.started.count(), 2, 20000);
    QCOMPARE(run.started.last().at(0).value<RunLayoutPtr>()->dt, 0.05);
  }

  void structuralEditRecompilesAndRunsOn() {
    LiveRun run;
    QVERIFY(run.flowing());
    run.doc.undoStack()->push(
        new AddPopulation(&run.doc, defaultPopulation(run.doc.project(), "lif"), {0, 0}));
    QTRY_COMPARE_WITH_TIMEOUT(run.started.count(), 2, 20000);
    const auto layout = run.started.last().at(0).value<RunLayoutPtr>();
    QVERIFY(layout->find("lif") != nullptr);
    QVERIFY(waitForState(run.session, RunState::Running));
    QTRY_VERIFY_WITH_TIMEOUT(run.chunks.last().at(0).value<ChunkPtr>()->populations.size() == 3,
                             20000);
  }

  void runEndsAtTheExperimentDuration() {
    NetworkDocument doc;
    Project p = example("first_network.snnwb.json");
    p.experiment.duration = 250;
    doc.replaceProject(p, {});
    SimulationSession session(&doc);
    session.setSpeed(0);
    session.run();
    QVERIFY(waitForState(session, RunState::Finished));
    QCOMPARE(session.simulatedMs(), 250.0);
  }

  void stepFromIdleCompilesAndAdvancesOneMillisecond() {
    NetworkDocument doc;
    doc.replaceProject(example("first_network.snnwb.json"), {});
    SimulationSession session(&doc);
    QSignalSpy chunks(&session, &SimulationSession::chunkReady);
    session.step();
    QTRY_COMPARE_WITH_TIMEOUT(chunks.count(), 1, 20000);
    QVERIFY(waitForState(session, RunState::Paused));
    QCOMPARE(chunks.at(0).at(0).value<ChunkPtr>()->stepCount, int64_t{10});
    session.step();
    QTRY_COMPARE_WITH_TIMEOUT(chunks.count(), 2, 20000);
    QCOMPARE(chunks.at(1).at(0).value<ChunkPtr>()->firstStep, int64_t{10});
  }

  void probesTraceTheChosenNeurons() {
    NetworkDocument doc;
    doc.replaceProject(example("first_network.snnwb.json"), {});
    SimulationSession session(&doc);
    QSignalSpy chunks(&session, &SimulationSession::chunkReady);
    session.step();
    QTRY_COMPARE_WITH_TIMEOUT(chunks.count(), 1, 20000);
    // No probe chosen: the neurons the project traces.
    QCOMPARE(session.probes(),
             (std::vector<Probe>{{"neurons", 0}, {"neurons", 1}, {"neurons", 2}}));
    session.setProbes({{"neurons", 42}, {"input", 0}});  // a source has no membrane: dropped
    session.step();
    QTRY_COMPARE_WITH_TIMEOUT(chunks.count(), 2, 20000);
    QCOMPARE(session.probes(), (std::vector<Probe>{{"neurons", 42}}));
    const auto chunk = chunks.at(1).at(0).value<ChunkPtr>();
    QCOMPARE(chunk->states.size(), size_t{1});
    QCOMPARE(chunk->states[0].neurons, (std::vector<int32_t>{42}));
    QCOMPARE(chunk->states[0].sampleSteps.size(), size_t{10});
  }

  void compileFailureReportsDiagnostics() {
    NetworkDocument doc;
    Project p = example("first_network.snnwb.json");
    p.network.populations[1].params["tau_m"] = ValueSpec::constant(-5);
    doc.replaceProject(p, {});
    SimulationSession session(&doc);
    QSignalSpy failed(&session, &SimulationSession::compileFailed);
    session.run();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    const auto diagnostics = failed.at(0).at(0).value<std::vector<Diagnostic>>();
    QCOMPARE(diagnostics.front().objectId, std::string("neurons"));
    QCOMPARE(diagnostics.front().field, std::string("params.tau_m"));
    QVERIFY(waitForState(session, RunState::Idle));
  }

  void destroyingMidRunShutsTheThreadDown() {
    NetworkDocument doc;
    doc.replaceProject(example("cuba.snnwb.json"), {});
    auto session = std::make_unique<SimulationSession>(&doc);
    session->setSpeed(0);
    session->setContinuous(true);
    QSignalSpy chunks(session.get(), &SimulationSession::chunkReady);
    session->run();
    QTRY_VERIFY_WITH_TIMEOUT(chunks.count() >= 2, 20000);
    // Joins the worker thread in the middle of a run: a hang times the test out, a worker that
    // outlived its session would crash on the chunk it emits next.
    session.reset();
    const int atShutdown = chunks.count();
    QTest::qWait(100);
    QCOMPARE(chunks.count(), atShutdown);
  }
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
