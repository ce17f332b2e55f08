// Training on crossbars (issue 11): PulseAccumulator against hand-worked pulses and its
// unbiasedness, and the hybrid (Yao et al. 2020) and in-the-loop (Cramer et al. 2022) trainers
// on the 8x8 digits with a 64-100-10 surrogate network whose two projections sit on crossbars.
#include <QTest>

#include "TestSupport.h"
#include "io/ProjectJson.h"
#include "learning/CrossbarTrainer.h"
#include "learning/TrainerRegistry.h"
#include "project/ProjectEvaluation.h"

using namespace snn;

namespace {

// The example network, both projections on crossbars with the given device fields.
Project digitsOnCrossbars(const std::string& method, double levels, double d2d, double stuck) {
  Project p = loadProject(test::source("resources/examples/surrogate_digits.snnwb.json"));
  p.training->method = method;
  p.training->params["offchip_epochs"] = ValueSpec::constant(3);
  for (const char* proj : {"pixels_hidden", "hidden_output"}) {
    ProjectionSpec& s = *p.network.findProjection(proj);
    CrossbarSpec c;
    c.id = std::string("xb_") + proj;
    c.rows = p.network.findPopulation(s.pre)->size;
    c.cols = 2 * p.network.findPopulation(s.post)->size;
    c.device.params["levels"] = ValueSpec::constant(levels);
    c.device.params["range_d2d"] = ValueSpec::constant(d2d);
    c.device.params["step_d2d"] = ValueSpec::constant(d2d);
    c.faults.stuckOnRate = stuck / 2;
    c.faults.stuckOffRate = stuck / 2;
    p.network.crossbars.push_back(c);
    s.crossbar = c.id;
  }
  return p;
}

std::unique_ptr<Trainer> make(const Project& p, const TrainerOptions& options = {}) {
  const TrainerEntry* entry = TrainerRegistry::instance().find(p.training->method);
  return entry->create(p, loadDataset("digits"), options);
}

}  // namespace

class TestCrossbarTraining : public QObject {
  Q_OBJECT
 private slots:
  // By hand: a manhattan update waits until the accumulated change reaches half a pulse, sends
  // one pulse whatever the size, and keeps the rest.
  void manhattanAccumulates() {
    PulseAccumulator acc(1, 2, PulseRule::Manhattan, 0.1, 8);
    std::mt19937_64 rng(1);
    Eigen::MatrixXd d(1, 2);
    d << 0.03, -0.35;
    Eigen::MatrixXi n = acc.add(d, rng);
    QCOMPARE(n(0, 0), 0);
    QCOMPARE(n(0, 1), -1);
    SNN_COMPARE_NEAR(acc.pending()(0, 1), -0.25, 1e-12);
    d << 0.03, 0.0;
    n = acc.add(d, rng);
    QCOMPARE(n(0, 0), 1);  // 0.06 >= 0.05
    SNN_COMPARE_NEAR(acc.pending()(0, 0), -0.04, 1e-12);
    QCOMPARE(n(0, 1), -1);  // -0.25 still due
    SNN_COMPARE_NEAR(acc.pending()(0, 1), -0.15, 1e-12);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, acc.add(Eigen::MatrixXd::Zero(2, 2), rng));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             PulseAccumulator(1, 1, PulseRule::Stochastic, 0.0, 1));
  }

  // Stochastic rounding is unbiased: 0.3 pulses' worth gives one pulse with probability 0.3
  // (binomial, checked within 4 sigma over 20000 weights), and a train is capped at max pulses.
  void stochasticIsUnbiasedAndCapped() {
    const int n = 20000;
    PulseAccumulator acc(n, 1, PulseRule::Stochastic, 2.0, 3);
    std::mt19937_64 rng(7);
    const Eigen::MatrixXi pulses = acc.add(Eigen::MatrixXd::Constant(n, 1, -0.6), rng);
    QVERIFY(pulses.minCoeff() == -1 && pulses.maxCoeff() == 0);
    const double mean = -pulses.cast<double>().mean();
    QVERIFY2(std::abs(mean - 0.3) < 4 * std::sqrt(0.3 * 0.7 / n),
             qPrintable(QString::number(mean)));
    // What was not sent waits: pending + pulses x 2.0 = the change asked for.
    SNN_COMPARE_NEAR((acc.pending() + 2.0 * pulses.cast<double>()).mean(), -0.6, 1e-12);
    PulseAccumulator capped(1, 1, PulseRule::Stochastic, 1.0, 3);
    QCOMPARE(capped.add(Eigen::MatrixXd::Constant(1, 1, 10.0), rng)(0, 0), 3);
    SNN_COMPARE_NEAR(capped.pending()(0, 0), 7.0, 1e-12);
  }

  // Hybrid with 16 levels, 5 % device-to-device variation and 1 % stuck devices: only the
  // chosen layer takes pulses, fine-tuning recovers what the transfer lost (measured: see the
  // README), and the trained project evaluates to the accuracy reported (no read noise: the
  // same conductances on the same chip give the same spikes).
  void hybridFineTunesTheChosenLayer() {
    Project p = digitsOnCrossbars("hybrid", 16, 0.05, 0.01);
    auto trainer = make(p);
    const EpochReport r = trainer->trainEpoch(1, {});
    const auto& d = r.details;
    QVERIFY(d.is_object());
    const double software = d["software_acc"], transfer = d["transfer_acc"];
    QVERIFY2(software > 0.85, qPrintable(QString::number(software)));
    QCOMPARE(d["layers"].size(), size_t(2));
    QCOMPARE(d["layers"][0]["trained"].get<bool>(), false);
    QCOMPARE(d["layers"][1]["trained"].get<bool>(), true);
    QCOMPARE(d["layers"][0]["set_pulses"].get<uint64_t>() +
                 d["layers"][0]["reset_pulses"].get<uint64_t>(),
             uint64_t(0));
    QVERIFY(d["layers"][1]["set_pulses"].get<uint64_t>() > 0);
    QVERIFY(d["layers"][1]["reset_pulses"].get<uint64_t>() > 0);
    QVERIFY2(r.testAccuracy >= software - 0.02,
             qPrintable(QString("software %1 transfer %2 tuned %3")
                            .arg(software)
                            .arg(transfer)
                            .arg(r.testAccuracy)));
    const EvaluationResult again =
        evaluateProject(trainer->trainedProject(), loadDataset("digits"), {});
    QCOMPARE(again.accuracy, r.testAccuracy);
  }

  // In the loop against open-loop transfer under 10 % mismatch of the column sense gains
  // (array.gain_mismatch) on RRAM HfOx, whose G_min of 13 uS makes a pair's gain mismatch a
  // large error: write-verify cannot see it, the chip in the forward pass lets the weights
  // absorb it (measured 88 % against 70 %; the margin asked here is 5 points).
  void inTheLoopBeatsOpenLoopTransfer() {
    Project p = digitsOnCrossbars("in-the-loop", 40, 0.0, 0.0);
    for (CrossbarSpec& c : p.network.crossbars) {
      c.device.preset = "rram_hfox";
      c.array.gainMismatch = 0.1;
    }
    auto trainer = make(p);
    const EpochReport r = trainer->trainEpoch(1, {});
    const double openLoop = r.details["open_loop_acc"];
    QVERIFY2(r.testAccuracy > openLoop + 0.05,
             qPrintable(QString("in the loop %1, open loop %2").arg(r.testAccuracy).arg(openLoop)));
    QVERIFY(r.details["layers"][0]["set_pulses"].get<uint64_t>() > 0);  // reprogrammed
  }

  // A cancelled epoch gives the chip back as it was before the epoch: the devices its first
  // mini-batches pulsed are restored (the same epoch run through does change them).
  void cancelledEpochRollsTheChipBack() {
    Project p = digitsOnCrossbars("hybrid", 16, 0.05, 0.01);
    p.training->params["offchip_epochs"] = ValueSpec::constant(1);
    auto trainer = make(p);
    trainer->trainEpoch(1, {});
    const Project before = trainer->trainedProject();
    int polls = 0;
    TrainingCallbacks cancelSoon;
    cancelSoon.cancelled = [&polls] { return ++polls > 4; };
    QVERIFY_THROWS_EXCEPTION(TrainingCancelled, trainer->trainEpoch(2, cancelSoon));
    const Project after = trainer->trainedProject();
    QCOMPARE(after.network.crossbars.size(), size_t(2));
    for (size_t k = 0; k < 2; ++k)
      QVERIFY(after.network.crossbars[k].conductances == before.network.crossbars[k].conductances);
    trainer->trainEpoch(2, {});
    QVERIFY(trainer->trainedProject().network.crossbars[1].conductances !=
            before.network.crossbars[1].conductances);
  }

  // Bad requests name the training block's field.
  void refusesWhatItCannotTrain() {
    Project p = digitsOnCrossbars("hybrid", 16, 0.0, 0.0);
    TrainerOptions options;
    options.layers = {"nope"};
    try {
      make(p, options);
      QFAIL("no error for an unknown layer");
    } catch (const SpecError& e) {
      QVERIFY2(std::string(e.what()).find("layers") != std::string::npos &&
                   std::string(e.what()).find("nope") != std::string::npos,
               e.what());
    }
    options.layers = {"xb_pixels_hidden", "hidden_output"};  // a crossbar id, a projection id
    auto both = make(p, options);
    Project bare = loadProject(test::source("resources/examples/surrogate_digits.snnwb.json"));
    bare.training->method = "in-the-loop";
    QVERIFY_THROWS_EXCEPTION(SpecError, make(bare));
  }
};

QTEST_GUILESS_MAIN(TestCrossbarTraining)
#include "tst_crossbartraining.moc"
