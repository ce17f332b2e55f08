// The "stdp" training method (Diehl & Cook 2015) on the shipped digits example: a short run on a
// fixed subset learns far better than chance, gives the same answers whatever the thread count,
// writes a trained project that resumes training, and gives back its weights when cancelled.
#include <QTest>

#include "TestSupport.h"
#include "io/ProjectJson.h"
#include "learning/TrainerRegistry.h"
#include "project/ProjectValidator.h"

using namespace snn;

namespace {

const int64_t kTrain = 400, kTest = 200;

std::unique_ptr<Trainer> digitsTrainer(int threads, const Project* from = nullptr) {
  const Project p =
      from ? *from : loadProject(test::source("resources/examples/stdp_digits.snnwb.json"));
  return TrainerRegistry::instance().find("stdp")->create(
      p, loadDigits(), {.threads = threads, .trainLimit = kTrain, .testLimit = kTest});
}

}  // namespace

class TestStdpTraining : public QObject {
  Q_OBJECT
 private slots:
  void beatsChance();
  void trainedProjectResumes();
  void cancelKeepsWeights();
};

void TestStdpTraining::beatsChance() {
  // Ten classes: chance is 10 %. 400 training samples (the first of the fixed digits split, seed
  // 1) already give 40 % or more; the full example reaches about 89 % in a few epochs (README).
  std::vector<double> accuracies;
  ConfusionMatrix confusion;
  std::vector<std::shared_ptr<const WeightSnapshot>> snapshots;
  int64_t lastProgress = 0;
  for (int threads : {1, 2}) {
    auto trainer = digitsTrainer(threads);
    TrainingCallbacks callbacks;
    callbacks.weights = [&](std::shared_ptr<const WeightSnapshot> s) {
      snapshots.push_back(std::move(s));
    };
    callbacks.progress = [&](const TrainingProgress& p) { lastProgress = p.done; };
    const EpochReport r = trainer->trainEpoch(1, callbacks);
    QCOMPARE(r.trainSamples, kTrain);
    QCOMPARE(r.testSamples, kTest);
    QVERIFY2(r.testAccuracy >= 0.40, qPrintable(QString("test accuracy %1").arg(r.testAccuracy)));
    QVERIFY2(r.trainAccuracy >= 0.40,
             qPrintable(QString("train accuracy %1").arg(r.trainAccuracy)));
    accuracies.push_back(r.testAccuracy);
    confusion = trainer->lastConfusion();
  }
  // The same answers with one and with two threads.
  QCOMPARE(accuracies[0], accuracies[1]);
  QCOMPARE(confusion.classes, 10);
  int64_t total = 0, diagonal = 0;
  for (int a = 0; a < 10; ++a)
    for (int b = 0; b < 10; ++b) {
      total += confusion.at(a, b);
      if (a == b) diagonal += confusion.at(a, b);
    }
  QCOMPARE(total, kTest);
  QCOMPARE(double(diagonal) / double(total), accuracies[1]);
  QCOMPARE(lastProgress, kTest);
  // Receptive fields for the live view: 100 fields of 8 x 8 input weights.
  QVERIFY(!snapshots.empty());
  QCOMPARE(snapshots.back()->fields, 100);
  QCOMPARE(snapshots.back()->fieldHeight, 8);
  QCOMPARE(snapshots.back()->weights.size(), size_t(100 * 64));
  QCOMPARE(snapshots.back()->samplesSeen, kTrain);
}

void TestStdpTraining::trainedProjectResumes() {
  auto trainer = digitsTrainer(2);
  const EpochReport first = trainer->trainEpoch(1, {});
  const Project trained = trainer->trainedProject();
  // What was learned is in the project and survives a save and a load.
  const std::string text = serializeProject(trained);
  ProjectParseResult again = parseProject(text);
  QVERIFY2(again.ok(), joinDiagnostics(again.diagnostics).c_str());
  QVERIFY2(validateProject(again.project).empty(),
           joinDiagnostics(validateProject(again.project)).c_str());
  QVERIFY(again.project == trained);
  const ProjectionSpec& input = *trained.network.findProjection("input");
  QCOMPARE(input.weight.array.size(), size_t(64 * 100));
  QCOMPARE(trained.network.findPopulation("exc")->init.at("theta").array.size(), size_t(100));
  const Sequence& labels = std::get<Sequence>(trained.training->params.at("labels"));
  QCOMPARE(labels.size(), size_t(100));
  int labelled = 0;
  for (double l : labels) {
    QVERIFY(l >= -1 && l <= 9);
    labelled += l >= 0;
  }
  QVERIFY2(labelled >= 20, qPrintable(QString::number(labelled)));  // 39 with this seed
  // A trainer made from the trained project starts where the first one stopped: its first epoch
  // over the same samples does at least about as well.
  auto resumed = digitsTrainer(2, &again.project);
  const EpochReport second = resumed->trainEpoch(2, {});
  QVERIFY2(second.testAccuracy >= first.testAccuracy - 0.05,
           qPrintable(QString("%1 after resuming, %2 before")
                          .arg(second.testAccuracy)
                          .arg(first.testAccuracy)));
}

void TestStdpTraining::cancelKeepsWeights() {
  auto trainer = digitsTrainer(1);
  const Project before = trainer->trainedProject();
  int polls = 0;
  TrainingCallbacks callbacks;
  callbacks.cancelled = [&polls]() { return ++polls > 150; };
  QVERIFY_THROWS_EXCEPTION(TrainingCancelled, trainer->trainEpoch(1, callbacks));
  QVERIFY(trainer->trainedProject() == before);
}

QTEST_GUILESS_MAIN(TestStdpTraining)
#include "tst_stdptraining.moc"
