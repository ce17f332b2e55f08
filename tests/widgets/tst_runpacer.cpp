// RunPacer, with wall time passed in: chunk sizes follow the chosen speed, no chunk is planned
// longer than a frame, and a run that cannot keep up does not burst later.
#include <QtTest>

#include "session/RunPacer.h"

using snn::gui::RunPacer;

class TestRunPacer : public QObject {
  Q_OBJECT

 private slots:
  void asFastAsPossibleFillsAFrame() {
    RunPacer pacer;
    pacer.setSpeed(0);
    QCOMPARE(pacer.stepsDue(0, 0.1, 0), int64_t{10});  // unknown cost: a small first chunk
    // 10 µs per step: a frame's share (26.7 ms) holds 2666 steps, reached by fourfold growth.
    int64_t steps = 10;
    for (int i = 0; i < 10; ++i) {
      pacer.recordChunk(steps, static_cast<double>(steps) * 1e-5);
      const int64_t next = pacer.stepsDue(0, 0.1, 0);
      QVERIFY(next <= 4 * steps);
      steps = next;
    }
    QCOMPARE(steps, int64_t{2666});
  }

  void risingCostShrinksTheNextChunkAtOnce() {
    RunPacer pacer;
    pacer.setSpeed(0);
    for (int i = 0; i < 10; ++i) pacer.recordChunk(pacer.stepBudget(), pacer.stepBudget() * 1e-5);
    pacer.recordChunk(pacer.stepBudget(), pacer.stepBudget() * 1e-4);  // activity: 10x the cost
    QVERIFY(static_cast<double>(pacer.stepBudget()) * 1e-4 <= RunPacer::kFrameSeconds);
  }

  void finiteSpeedFollowsWallTime() {
    RunPacer pacer;
    pacer.setSpeed(0.5);  // half real time
    for (int i = 0; i < 10; ++i) pacer.recordChunk(pacer.stepBudget(), pacer.stepBudget() * 1e-6);
    pacer.anchor(100.0, 10.0);
    QCOMPARE(pacer.stepsDue(100.0, 0.1, 10.0), int64_t{0});
    // 40 ms of wall time at half speed: 20 ms simulated, 200 steps of 0.1 ms.
    QCOMPARE(pacer.stepsDue(100.0, 0.1, 10.04), int64_t{200});
    QCOMPARE(pacer.stepsDue(120.0, 0.1, 10.04), int64_t{0});  // caught up: wait
  }

  void fallingBehindReanchorsInsteadOfBursting() {
    RunPacer pacer;
    pacer.setSpeed(10.0);
    pacer.recordChunk(10, 10 * 1e-3);  // 1 ms per step: 26 steps per frame
    const int64_t budget = pacer.stepBudget();
    pacer.anchor(0.0, 0.0);
    QCOMPARE(pacer.stepsDue(0.0, 0.1, 1.0), budget);  // 100000 steps due, one frame's worth run
    // The debt was forgiven: the next frame asks for one frame's worth of simulated time again.
    const double simMs = static_cast<double>(budget) * 0.1;
    const int64_t next = pacer.stepsDue(simMs, 0.1, 1.0 + RunPacer::kFrameSeconds);
    QVERIFY(next > 0 && next <= budget);
    // Had the debt been kept, the run would now be 100000 steps behind with nothing to show.
    QCOMPARE(
        pacer.stepsDue(simMs + static_cast<double>(next) * 0.1, 0.1, 1.0 + RunPacer::kFrameSeconds),
        int64_t{0});
  }
};

QTEST_GUILESS_MAIN(TestRunPacer)
#include "tst_runpacer.moc"
