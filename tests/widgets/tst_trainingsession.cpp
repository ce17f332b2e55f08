// TrainingSession: an epoch in the worker thread reports its plan, progress, weight snapshots,
// samples and a confusion matrix that counts every test sample, and leaves the document alone;
// Cancel ends a run within a generous bound without touching the document; shutting down
// mid-run stops the thread; the remaining-time estimate follows each pass's own pace; applying
// the trained weights is one undo step that undo takes back exactly.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

#include "TestSupport.h"
#include "commands/ApplyTrainedWeights.h"
#include "commands/ChangePopulation.h"
#include "document/NetworkDocument.h"
#include "training/RemainingTime.h"
#include "training/TrainingPanel.h"
#include "training/TrainingSession.h"

using namespace snn;
using namespace snn::gui;

namespace {

Project example(const char* name) {
  return loadProject(test::source(std::string("resources/examples/") + name));
}

// Runs a session to its end; false if it does not finish in time.
bool trainToTheEnd(TrainingSession& session, const TrainingRequest& request,
                   int timeoutMs = 60000) {
  QSignalSpy finished(&session, &TrainingSession::finished);
  session.start(request);
  return finished.wait(timeoutMs) || finished.count() > 0;
}

template <class T>
T arg(const QSignalSpy& spy, int call, int argument = 0) {
  return spy.at(call).at(argument).value<T>();
}

}  // namespace

class TestTrainingSession : public QObject {
  Q_OBJECT

 private slots:
  void stdpEpochReportsEverything() {
    NetworkDocument doc;
    doc.replaceProject(example("stdp_digits.snnwb.json"), {});
    const Project original = doc.project();  // as opened: every node given its colour
    TrainingSession session(&doc);
    QSignalSpy started(&session, &TrainingSession::started);
    QSignalSpy progress(&session, &TrainingSession::progressed);
    QSignalSpy epochs(&session, &TrainingSession::epochFinished);
    QSignalSpy weights(&session, &TrainingSession::weightsUpdated);
    QSignalSpy samples(&session, &TrainingSession::sampleShown);
    QSignalSpy confusion(&session, &TrainingSession::confusionUpdated);
    QSignalSpy finished(&session, &TrainingSession::finished);
    QSignalSpy states(&session, &TrainingSession::stateChanged);
    session.start({.epochs = 1, .trainLimit = 200, .testLimit = 100});
    QCOMPARE(session.state(), TrainingState::Preparing);
    QVERIFY(finished.wait(60000));
    QCOMPARE(arg<TrainingOutcome>(finished, 0), TrainingOutcome::Completed);
    QCOMPARE(session.state(), TrainingState::Idle);
    QCOMPARE(arg<TrainingState>(states, 0), TrainingState::Preparing);
    QCOMPARE(arg<TrainingState>(states, 1), TrainingState::Training);

    QCOMPARE(started.count(), 1);
    const auto plan = arg<TrainingPlanPtr>(started, 0);
    QCOMPARE(plan->trainSamples, int64_t{200});
    QCOMPARE(plan->testSamples, int64_t{100});
    QCOMPARE(plan->classes, 10);

    // Progress: every pass ends with done == total, throttled in between.
    QSet<QString> passes;
    for (int i = 0; i < progress.count(); ++i) {
      const auto p = arg<TrainingProgress>(progress, i);
      QVERIFY(p.done <= p.total && p.epoch == 1);
      if (p.done == p.total) passes.insert(QString::fromStdString(p.phase));
    }
    QCOMPARE(passes, (QSet<QString>{"train", "label", "test"}));
    QVERIFY(progress.count() < 200 + 200 + 100);  // not one signal per sample

    QCOMPARE(epochs.count(), 1);
    const auto report = arg<EpochReport>(epochs, 0);
    QCOMPARE(report.trainSamples, int64_t{200});
    QCOMPARE(report.testSamples, int64_t{100});
    QVERIFY(report.testAccuracy > 0.2);  // ten classes: chance is 0.1

    QVERIFY(weights.count() >= 1);
    const auto snapshot = arg<WeightSnapshotPtr>(weights, weights.count() - 1);
    QCOMPARE(snapshot->fields, 100);
    QCOMPARE(snapshot->fieldHeight * snapshot->fieldWidth, 64);
    QCOMPARE(snapshot->weights.size(), size_t{6400});

    QVERIFY(samples.count() >= 1);
    QCOMPARE(arg<SampleActivityPtr>(samples, 0)->spikes.populations.size(), size_t{3});

    QCOMPARE(confusion.count(), 1);
    const auto matrix = arg<ConfusionPtr>(confusion, 0);
    QCOMPARE(matrix->classes, 10);
    int64_t counted = 0;
    for (int64_t c : matrix->counts) counted += c;
    QCOMPARE(counted, report.testSamples);

    QVERIFY(session.trainedProject());
    QVERIFY(*session.startProject() == original);
    QVERIFY(doc.project() == original);  // nothing reaches the document by itself
    QCOMPARE(doc.undoStack()->count(), 0);
  }

  void surrogateEpochHasALossAndSignedWeights() {
    NetworkDocument doc;
    doc.replaceProject(example("surrogate_digits.snnwb.json"), {});
    TrainingSession session(&doc);
    QSignalSpy epochs(&session, &TrainingSession::epochFinished);
    QSignalSpy weights(&session, &TrainingSession::weightsUpdated);
    QSignalSpy confusion(&session, &TrainingSession::confusionUpdated);
    QVERIFY(trainToTheEnd(session, {.epochs = 2, .trainLimit = 640, .testLimit = 200}));
    QCOMPARE(epochs.count(), 2);
    QVERIFY(std::isfinite(arg<EpochReport>(epochs, 1).loss));
    QVERIFY(arg<EpochReport>(epochs, 1).loss < arg<EpochReport>(epochs, 0).loss);
    const auto snapshot = arg<WeightSnapshotPtr>(weights, weights.count() - 1);
    QCOMPARE(snapshot->fields, 100);
    QVERIFY(*std::min_element(snapshot->weights.begin(), snapshot->weights.end()) < 0);
    int64_t counted = 0;
    for (int64_t c : arg<ConfusionPtr>(confusion, 1)->counts) counted += c;
    QCOMPARE(counted, int64_t{200});
  }

  void projectWithoutTrainingFailsWithTheReason() {
    NetworkDocument doc;
    doc.replaceProject(example("cuba.snnwb.json"), {});
    TrainingSession session(&doc);
    QSignalSpy finished(&session, &TrainingSession::finished);
    session.start({});
    QVERIFY(finished.wait(20000));
    QCOMPARE(arg<TrainingOutcome>(finished, 0), TrainingOutcome::Failed);
    QVERIFY2(arg<QString>(finished, 0, 1).contains("method"),
             qPrintable(arg<QString>(finished, 0, 1)));
    QVERIFY(!session.trainedProject());
  }

  void cancelStopsSoonAndLeavesTheDocumentUntouched() {
    NetworkDocument doc;
    doc.replaceProject(example("stdp_digits.snnwb.json"), {});
    const Project original = doc.project();  // as opened: every node given its colour
    TrainingSession session(&doc);
    QSignalSpy progress(&session, &TrainingSession::progressed);
    QSignalSpy finished(&session, &TrainingSession::finished);
    session.start({.epochs = 20});  // minutes of work
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, 30000);
    QElapsedTimer clock;
    clock.start();
    session.cancel();
    QCOMPARE(session.state(), TrainingState::Cancelling);
    QVERIFY(finished.wait(10000));
    // A sample takes milliseconds; the bound leaves room for a loaded machine.
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString("cancel took %1 ms").arg(clock.elapsed())));
    QCOMPARE(arg<TrainingOutcome>(finished, 0), TrainingOutcome::Cancelled);
    QCOMPARE(session.state(), TrainingState::Idle);
    QVERIFY(session.reports().empty());
    QVERIFY(!session.trainedProject());  // the epoch was rolled back: nothing to apply
    QVERIFY(doc.project() == original);
    QCOMPARE(doc.undoStack()->count(), 0);
  }

  void destroyingMidTrainingStopsTheThread() {
    NetworkDocument doc;
    doc.replaceProject(example("stdp_digits.snnwb.json"), {});
    auto session = std::make_unique<TrainingSession>(&doc);
    QSignalSpy progress(session.get(), &TrainingSession::progressed);
    session->start({.epochs = 20});  // a minute of work
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 2, 30000);
    // As closing the window does: joins the worker thread in the middle of an epoch. A worker
    // that did not give up would hold this for the rest of its epochs.
    QElapsedTimer clock;
    clock.start();
    session.reset();
    QVERIFY2(clock.elapsed() < 2000,
             qPrintable(QString("shutdown took %1 ms").arg(clock.elapsed())));
    const int atShutdown = progress.count();
    QTest::qWait(100);
    QCOMPARE(progress.count(), atShutdown);
  }

  void remainingTimeFollowsEachPass() {
    RemainingTime t;
    t.start(2, 100, 50);
    QVERIFY(!t.seconds());  // nothing timed yet
    QCOMPARE(t.fraction(), 0.0);
    // Training at 10 ms a sample; the test pass, not seen yet, is assumed as slow.
    t.update({.epoch = 1, .phase = "train", .done = 50, .total = 100, .elapsedSeconds = 0.5});
    SNN_COMPARE_NEAR(*t.seconds(), 50 * 0.01 + 50 * 0.01 + (100 * 0.01 + 50 * 0.01), 1e-9);
    // The test pass runs at 4 ms a sample: the estimate drops to what is measured.
    t.update({.epoch = 1, .phase = "train", .done = 100, .total = 100, .elapsedSeconds = 1.0});
    t.update({.epoch = 1, .phase = "test", .done = 25, .total = 50, .elapsedSeconds = 0.1});
    SNN_COMPARE_NEAR(*t.seconds(), 25 * 0.004 + (100 * 0.01 + 50 * 0.004), 1e-9);
    // A labelling pass shows up between the two and is counted from then on.
    t.update({.epoch = 2, .phase = "train", .done = 100, .total = 100, .elapsedSeconds = 1.0});
    t.update({.epoch = 2, .phase = "label", .done = 10, .total = 20, .elapsedSeconds = 0.02});
    SNN_COMPARE_NEAR(*t.seconds(), 10 * 0.002 + 50 * 0.004, 1e-9);
    // Spent: epoch 1 (1.0 s of training, 0.1 s of testing) and this epoch's 1.02 s.
    SNN_COMPARE_NEAR(t.fraction(), 2.12 / (2.12 + 0.22), 1e-9);
  }

  void applyTrainedWeightsIsOneUndoStep() {
    NetworkDocument doc;
    doc.replaceProject(example("stdp_digits.snnwb.json"), {});
    const Project original = doc.project();  // as opened: every node given its colour
    TrainingSession session(&doc);
    TrainingPanel panel(&doc, &session);
    QVERIFY(!panel.applyAction()->isEnabled());
    QVERIFY(trainToTheEnd(session, {.epochs = 1, .trainLimit = 100, .testLimit = 50}));
    QVERIFY(panel.applyAction()->isEnabled());
    const Project trained = *session.trainedProject();

    QCOMPARE(panel.applyTrainedWeights(), QString());
    QCOMPARE(doc.undoStack()->count(), 1);
    const Project applied = doc.project();
    // What training learned: the plastic projection's weights, the thresholds, the labels.
    QVERIFY(applied.network.findProjection("input")->weight ==
            trained.network.findProjection("input")->weight);
    QVERIFY(!(applied.network.findProjection("input")->weight ==
              original.network.findProjection("input")->weight));
    QCOMPARE(applied.network.findProjection("input")->weight.kind, ValueSpec::Kind::Array);
    QVERIFY(applied.network.findPopulation("exc")->init.count("theta"));
    QVERIFY(applied.training->params.count("labels"));
    QVERIFY(applied == trained);  // nothing else was edited meanwhile

    doc.undoStack()->undo();
    QVERIFY(doc.project() == original);  // exactly, every weight
    doc.undoStack()->redo();
    QVERIFY(doc.project() == applied);
    QCOMPARE(panel.applyTrainedWeights(), QString("The network already holds the trained weights"));
    QCOMPARE(doc.undoStack()->count(), 1);
  }

  void applyKeepsOtherEditsAndRefusesWhatNoLongerFits() {
    NetworkDocument doc;
    doc.replaceProject(example("stdp_digits.snnwb.json"), {});
    const Project original = doc.project();  // as opened: every node given its colour
    TrainingSession session(&doc);
    QVERIFY(trainToTheEnd(session, {.epochs = 1, .trainLimit = 50, .testLimit = 20}));
    const Project& from = *session.startProject();
    const Project& trained = *session.trainedProject();

    // An edit made elsewhere while it trained stays.
    PopulationSpec inh = *doc.project().network.findPopulation("inh");
    inh.params["t_ref"] = ValueSpec::constant(3.0);
    doc.undoStack()->push(new ChangePopulation(&doc, inh, "edit"));
    QCOMPARE(ApplyTrainedWeights::problem(doc.project(), from, trained), QString());
    doc.undoStack()->push(new ApplyTrainedWeights(&doc, from, trained));
    QVERIFY(doc.project().network.findPopulation("inh")->params.count("t_ref"));
    QVERIFY(doc.project().network.findProjection("input")->weight ==
            trained.network.findProjection("input")->weight);
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QVERIFY(doc.project() == original);

    // A resized population: the weights no longer fit.
    PopulationSpec exc = *doc.project().network.findPopulation("exc");
    exc.size = 50;
    doc.undoStack()->push(new ChangePopulation(&doc, exc, "resize"));
    QVERIFY(ApplyTrainedWeights::problem(doc.project(), from, trained).contains("exc"));
  }
};

QTEST_MAIN(TestTrainingSession)
#include "tst_trainingsession.moc"
