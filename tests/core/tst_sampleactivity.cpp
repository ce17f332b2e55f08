// TrainingCallbacks::sampleActivity, the trainers' look at one sample for the GUI's raster: STDP
// hands over the spikes of every population during a presentation (the input's only at lit
// pixels, all within the presentation), surrogate training the spikes of every layer for one
// sample of a batch, whose output counts give the class it predicted; and looking never changes
// what is learned (the trained projects are identical with and without the hook).
#include <QTest>
#include <algorithm>
#include <set>

#include "TestSupport.h"
#include "learning/TrainerRegistry.h"

using namespace snn;

namespace {

Project example(const char* name) {
  return loadProject(test::source(std::string("resources/examples/") + name));
}

// One epoch; every sample's activity when `look`.
Project trainOnce(const Project& p, int64_t trainLimit, bool look,
                  std::vector<std::shared_ptr<const SampleActivity>>* seen) {
  auto trainer =
      TrainerRegistry::instance()
          .find(p.training->method)
          ->create(p, loadDigits(), {.threads = 1, .trainLimit = trainLimit, .testLimit = 20});
  TrainingCallbacks callbacks;
  if (look) {
    callbacks.activityEverySeconds = 0;
    callbacks.sampleActivity = [seen](std::shared_ptr<const SampleActivity> a) {
      seen->push_back(std::move(a));
    };
  }
  trainer->trainEpoch(1, callbacks);
  return trainer->trainedProject();
}

size_t indexOf(const SimulationChunk& c, const std::string& population) {
  return static_cast<size_t>(std::find(c.populations.begin(), c.populations.end(), population) -
                             c.populations.begin());
}

}  // namespace

class TestSampleActivity : public QObject {
  Q_OBJECT
 private slots:
  void stdpShowsEveryPopulationDuringAPresentation();
  void surrogateShowsEveryLayerOfOneSample();
  void activityIsPaced();
};

void TestSampleActivity::stdpShowsEveryPopulationDuringAPresentation() {
  const Project p = example("stdp_digits.snnwb.json");  // dt 0.5 ms, 350 ms: 700 steps
  const int64_t kTrain = 12;
  std::vector<std::shared_ptr<const SampleActivity>> seen;
  const Project looked = trainOnce(p, kTrain, true, &seen);
  QVERIFY(looked == trainOnce(p, kTrain, false, nullptr));  // looking changes nothing learned

  QCOMPARE(static_cast<int64_t>(seen.size()), kTrain);  // only the learning pass, every sample
  const Dataset train = loadDigits().train;
  std::set<int64_t> samples;
  for (size_t k = 0; k < seen.size(); ++k) {
    const SampleActivity& a = *seen[k];
    QCOMPARE(a.samplesSeen, static_cast<int64_t>(k + 1));
    QVERIFY(a.sample >= 0 && a.sample < kTrain);
    samples.insert(a.sample);
    QCOMPARE(a.label, int(train.labels[static_cast<size_t>(a.sample)]));
    QCOMPARE(a.predicted, -1);
    QCOMPARE(a.imageHeight * a.imageWidth, 64);
    QVERIFY(std::equal(a.image.begin(), a.image.end(), train.images.row(a.sample).data()));
    const SimulationChunk& c = a.spikes;
    QCOMPARE(c.populations, (std::vector<std::string>{"pixels", "exc", "inh"}));
    QCOMPARE(c.spikesRecorded, (std::vector<bool>{true, true, true}));
    QCOMPARE(c.firstStep, int64_t{0});
    QCOMPARE(c.stepCount, int64_t{700});
    for (const SpikeRecord& r : c.spikes)
      for (int64_t step : r.steps) QVERIFY(step >= 0 && step < 700);
    const SpikeRecord& input = c.spikes[indexOf(c, "pixels")];
    QVERIFY(input.neurons.size() > 50);
    for (int32_t n : input.neurons) QVERIFY(a.image[static_cast<size_t>(n)] > 0);  // lit pixels
    // Diehl & Cook's protocol shows a sample again until it evokes 5 output spikes (at most 10
    // boosts): the recorded presentation is the accepted one.
    QVERIFY(c.spikes[indexOf(c, "exc")].neurons.size() >= 5);
    QCOMPARE(static_cast<int64_t>(c.spikes[indexOf(c, "exc")].neurons.size()),
             static_cast<int64_t>(c.spikeCount(indexOf(c, "exc"))));
  }
  QCOMPARE(static_cast<int64_t>(samples.size()), kTrain);  // each sample once, shuffled
}

void TestSampleActivity::surrogateShowsEveryLayerOfOneSample() {
  const Project p = example("surrogate_digits.snnwb.json");  // batches of 64, 25 steps
  std::vector<std::shared_ptr<const SampleActivity>> seen;
  const Project looked = trainOnce(p, 192, true, &seen);
  QVERIFY(looked == trainOnce(p, 192, false, nullptr));

  QCOMPARE(seen.size(), size_t{3});  // the first sample of each batch
  const Dataset train = loadDigits().train;
  for (size_t k = 0; k < seen.size(); ++k) {
    const SampleActivity& a = *seen[k];
    QCOMPARE(a.samplesSeen, static_cast<int64_t>(64 * k + 1));
    QCOMPARE(a.label, int(train.labels[static_cast<size_t>(a.sample)]));
    QVERIFY(std::equal(a.image.begin(), a.image.end(), train.images.row(a.sample).data()));
    const SimulationChunk& c = a.spikes;
    QCOMPARE(c.populations, (std::vector<std::string>{"pixels", "hidden", "output"}));
    QCOMPARE(c.spikesRecorded, (std::vector<bool>{false, true, true}));
    QCOMPARE(c.stepCount, int64_t{25});
    const SpikeRecord& hidden = c.spikes[1];
    QVERIFY(!hidden.neurons.empty());
    for (size_t s = 0; s < hidden.steps.size(); ++s) {
      QVERIFY(hidden.steps[s] >= 0 && hidden.steps[s] < 25);
      QVERIFY(hidden.neurons[s] >= 0 && hidden.neurons[s] < 100);
    }
    // The class predicted is the output neuron that fired most (the lowest on a tie).
    std::vector<int> counts(10, 0);
    for (int32_t n : c.spikes[2].neurons) ++counts[static_cast<size_t>(n)];
    QCOMPARE(a.predicted,
             static_cast<int>(std::max_element(counts.begin(), counts.end()) - counts.begin()));
    QCOMPARE(c.spikeCount(2), static_cast<int64_t>(c.spikes[2].neurons.size()));
  }
}

void TestSampleActivity::activityIsPaced() {
  // With an hour between two looks, an epoch shows its first sample only.
  const Project p = example("stdp_digits.snnwb.json");
  auto trainer = TrainerRegistry::instance().find("stdp")->create(
      p, loadDigits(), {.threads = 1, .trainLimit = 30, .testLimit = 10});
  int calls = 0;
  TrainingCallbacks callbacks;
  callbacks.activityEverySeconds = 3600;
  callbacks.sampleActivity = [&calls](std::shared_ptr<const SampleActivity>) { ++calls; };
  trainer->trainEpoch(1, callbacks);
  QCOMPARE(calls, 1);
}

QTEST_GUILESS_MAIN(TestSampleActivity)
#include "tst_sampleactivity.moc"
