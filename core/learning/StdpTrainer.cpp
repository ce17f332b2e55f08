#include "StdpTrainer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>
#include <utility>

#include "LabelVote.h"
#include "LearnedWeights.h"
#include "model/NumberText.h"
#include "model/RandomStreams.h"
#include "model/StepCount.h"
#include "sim/NeuronModelRegistry.h"
#include "sim/Simulator.h"

namespace snn {

namespace {

// The protocol's constants, from Diehl & Cook, Front. Comput. Neurosci. 9:99 (2015) and their
// published Brian code (Diehl_and_Cook_spiking_MNIST.py).
namespace diehl_cook {
constexpr double kPresentationMs = 350.0;  // single_example_time = 0.35 s
constexpr double kRestMs = 150.0;          // resting_time = 0.15 s
constexpr double kMinSpikes = 5;  // "if np.sum(current_spike_count) < 5: input_intensity += 1"
constexpr double kRateBoostHz = 255.0 / 8;  // rates = pixel / 8 * input_intensity: +1 intensity
}  // namespace diehl_cook

// Ours, not the paper's.
constexpr double kSettleMs = 10.0;      // rest simulated step by step before the closed-form jump
constexpr double kMaxBoosts = 10;       // Diehl & Cook boost without limit
constexpr double kSnapshotEvery = 500;  // samples between receptive-field snapshots
constexpr double kAnswerRateQuantile = 0.9;  // see answer_rate

Diagnostic problem(const std::string& field, const std::string& message) {
  return Diagnostic{ObjectKind::Experiment, "training", field, message};
}

// The value below which a fraction `q` of `v` lies.
double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  const auto at =
      v.begin() + static_cast<ptrdiff_t>(std::min(v.size() - 1, static_cast<size_t>(q * v.size())));
  std::nth_element(v.begin(), at, v.end());
  return *at;
}

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

// What an epoch gives back when it is cancelled.
struct StdpTrainer::Saved {
  std::vector<std::vector<float>> weights;  // per projection (empty when not plastic)
  std::vector<float> theta;
  int64_t samplesSeen = 0;
};

TrainerEntry StdpTrainer::entry() {
  namespace dc = diehl_cook;
  TrainerEntry e;
  e.name = "stdp";
  e.displayName = "STDP (Diehl & Cook 2015)";
  e.meaning =
      "Unsupervised: plastic input weights, adaptive thresholds and lateral inhibition; "
      "neurons labelled by their responses";
  e.params = {
      {.name = "presentation",
       .unit = "ms",
       .defaultValue = dc::kPresentationMs,
       .min = 0.0,
       .minInclusive = false,
       .meaning = "How long each sample is shown (Diehl & Cook: 350 ms)"},
      {.name = "rest",
       .unit = "ms",
       .defaultValue = dc::kRestMs,
       .min = 0.0,
       .meaning =
           "Silent input after each sample, for the network to relax (Diehl & Cook: 150 ms)"},
      {.name = "settle",
       .unit = "ms",
       .defaultValue = kSettleMs,
       .min = 0.0,
       .meaning = "Part of the rest simulated step by step; the remainder decays in closed form"},
      {.name = "min_spikes",
       .defaultValue = dc::kMinSpikes,
       .min = 0.0,
       .meaning = "Fewer output spikes than this: show the sample again at a higher rate (Diehl & "
                  "Cook: 5)",
       .integer = true},
      {.name = "rate_boost",
       .unit = "Hz",
       .defaultValue = dc::kRateBoostHz,
       .min = 0.0,
       .meaning = "Increase of the input's maximum rate at every repeat (Diehl & Cook: 255/8 Hz)"},
      {.name = "max_boosts",
       .defaultValue = kMaxBoosts,
       .min = 0.0,
       .meaning = "Repeats of one sample at most",
       .integer = true},
      {.name = "image_norm",
       .defaultValue = 0.0,
       .min = 0.0,
       .meaning =
           "Scale each image so that its intensities sum to this (0: as they are); evens out "
           "images with much and little ink"},
      {.name = "label_samples",
       .defaultValue = 0.0,
       .min = 0.0,
       .meaning = "Training samples used to label the output neurons after each epoch (0: all)",
       .integer = true},
      {.name = "snapshot_every",
       .defaultValue = kSnapshotEvery,
       .min = 1.0,
       .meaning = "Training samples between receptive-field snapshots for live views",
       .integer = true},
      {.name = "answer_rate",
       .unit = "Hz",
       .defaultValue = 0.0,
       .min = 0.0,
       .meaning = "Input rate at which 9 labelling samples in 10 drew min_spikes (after "
                  "boosts); written by training, used when the trained network runs in the "
                  "window (0: the input's own)"},
      {.name = "labels",
       .kind = ParamKind::Sequence,
       .min = -1.0,
       .meaning = "Class of each output neuron (-1: none); written by training",
       .integer = true},
  };
  e.create = [](const Project& project, DatasetSplit data, const TrainerOptions& options) {
    return std::unique_ptr<Trainer>(
        std::make_unique<StdpTrainer>(project, std::move(data), options));
  };
  return e;
}

StdpTrainer::StdpTrainer(const Project& project, DatasetSplit data, const TrainerOptions& options)
    : project_(project), data_(std::move(data)), options_(options) {
  const TrainingEndpoints ends = resolveTrainingEndpoints(project_);
  inputId_ = ends.input;
  outputId_ = ends.output;
  if (inputId_.empty())
    throw SpecError(problem("input", "the network has no source population to feed images to"));
  if (outputId_.empty())
    throw SpecError(problem("output", "the network has no neuron population to read"));

  const TrainerEntry& method = *TrainerRegistry::instance().find("stdp");
  auto param = [&](const char* name) { return trainingParam(project_, method, name); };
  const double dt = project_.experiment.dt;
  // Checked conversions: the schema bounds these below only, and a double beyond int64 is
  // undefined behaviour to cast. A time that no run can count is refused by name; a count
  // beyond 2^62 means "never reached" and saturates.
  auto steps = [&](const char* name) {
    if (const std::optional<int64_t> s = stepsIn(param(name), dt)) return *s;
    throw SpecError(problem(std::string("params.") + name,
                            formatNumber(param(name)) + " ms is more steps of dt = " +
                                formatNumber(dt) + " ms than a schedule can count"));
  };
  auto count = [&](const char* name) {
    return static_cast<int64_t>(std::min(std::round(param(name)), 0x1p62));
  };
  protocol_.presentSteps = std::max<int64_t>(1, steps("presentation"));
  protocol_.restSteps = steps("rest");
  protocol_.settleSteps = std::min<int64_t>(protocol_.restSteps, steps("settle"));
  protocol_.minSpikes = count("min_spikes");
  protocol_.maxBoosts = count("max_boosts");
  protocol_.rateBoostHz = param("rate_boost");
  protocol_.imageNorm = param("image_norm");
  labelSamples_ = count("label_samples");
  snapshotEvery_ = count("snapshot_every");

  const PopulationSpec& out = *project_.network.findPopulation(outputId_);
  const int learnThreads = out.size >= kParallelStepNeurons ? std::max(1, options_.threads) : 1;
  learner_ = std::make_unique<SamplePresenter>(project_, inputId_, outputId_, data_.train.pixels(),
                                               protocol_, learnThreads);
  const CompiledNetwork& net = learner_->simulator().network();
  fieldProjection_ = -1;
  for (size_t p = 0; p < net.projections.size(); ++p)
    if (net.projections[p].plasticity && net.projections[p].pre == learner_->input() &&
        net.projections[p].post == learner_->output())
      fieldProjection_ = static_cast<int>(p);
  if (fieldProjection_ < 0)
    throw SpecError(
        problem("method", "no projection from '" + inputId_ + "' to '" + outputId_ +
                              "' learns: give one a \"plasticity\": {\"rule\": \"stdp\"} block"));

  labels_.assign(static_cast<size_t>(out.size), -1);
  if (project_.training)
    if (auto it = project_.training->params.find("labels"); it != project_.training->params.end())
      if (const Sequence* s = std::get_if<Sequence>(&it->second); s && !s->empty()) {
        if (static_cast<int64_t>(s->size()) != out.size)
          throw SpecError(problem("params.labels", "has " + std::to_string(s->size()) +
                                                       " values but '" + outputId_ + "' has " +
                                                       std::to_string(out.size) + " neurons"));
        for (size_t n = 0; n < s->size(); ++n) labels_[n] = static_cast<int>((*s)[n]);
      }
}

StdpTrainer::~StdpTrainer() = default;

StdpTrainer::Responses StdpTrainer::respond(const Dataset& d, int64_t n, const char* phase,
                                            int epoch, const TrainingCallbacks& callbacks) const {
  // The trained network, frozen: no plasticity, thresholds fixed at their learned values.
  Project frozen = trainedProject();
  for (ProjectionSpec& p : frozen.network.projections) p.plasticity.reset();
  PopulationSpec& out = *frozen.network.findPopulation(outputId_);
  if (const NeuronModelEntry* model = NeuronModelRegistry::instance().find(out.model);
      model && model->info->findParam("theta_plus"))
    out.params["theta_plus"] = ValueSpec::constant(0.0);

  const auto start = std::chrono::steady_clock::now();
  std::vector<std::vector<int32_t>> fired(static_cast<size_t>(n));
  std::vector<double> rates(static_cast<size_t>(n), 0.0);
  std::atomic<int64_t> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex failureMutex;
  const uint64_t seed = frozen.experiment.seed;
  // Each thread takes the next sample until none is left; the calling thread also reports
  // progress and polls for cancellation between its samples.
  auto work = [&](bool reporting) {
    try {
      SamplePresenter presenter(frozen, inputId_, outputId_, d.pixels(), protocol_, 1);
      for (int64_t s; !stop && (s = next++) < n;) {
        presenter.restart(makeRandomStream(seed, phase, "stdp-sample", static_cast<uint64_t>(s))());
        presenter.show({d.images.row(s).data(), static_cast<size_t>(d.pixels())},
                       fired[static_cast<size_t>(s)]);
        // The rate a raw image would need to drive the input as this one did (image_norm
        // scales each image; a dataset feed in the window shows them unscaled).
        double scale = 1.0;
        if (protocol_.imageNorm > 0.0) {
          const double sum = d.images.row(s).sum();
          if (sum > 0.0) scale = protocol_.imageNorm / sum;
        }
        rates[static_cast<size_t>(s)] = presenter.lastRateHz() * scale;
        ++done;
        if (!reporting) continue;
        if (callbacks.cancelled && callbacks.cancelled()) stop = true;
        if (callbacks.progress)
          callbacks.progress({.epoch = epoch,
                              .phase = phase,
                              .done = done,
                              .total = n,
                              .elapsedSeconds = seconds(start)});
      }
    } catch (...) {
      const std::lock_guard lock(failureMutex);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
  };
  const int threads =
      static_cast<int>(std::clamp<int64_t>(options_.threads, 1, std::max<int64_t>(n, 1)));
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads; ++t) helpers.emplace_back(work, false);
  work(true);
  for (std::thread& h : helpers) h.join();
  if (failure) std::rethrow_exception(failure);
  if (stop) throw TrainingCancelled();
  if (callbacks.progress)
    callbacks.progress(
        {.epoch = epoch, .phase = phase, .done = n, .total = n, .elapsedSeconds = seconds(start)});
  Responses r;
  r.offsets.reserve(static_cast<size_t>(n) + 1);
  for (const auto& f : fired) {
    r.neurons.insert(r.neurons.end(), f.begin(), f.end());
    r.offsets.push_back(static_cast<int64_t>(r.neurons.size()));
  }
  r.rates = std::move(rates);
  return r;
}

void StdpTrainer::assignLabels(const Responses& r, const Dataset& d) {
  // Diehl & Cook's get_new_assignments: each neuron takes the class with its highest mean
  // response; a neuron that never fired keeps -1.
  const size_t neurons = labels_.size();
  const auto classes = static_cast<size_t>(d.classes);
  std::vector<double> sum(classes * neurons, 0.0);
  std::vector<int64_t> count(classes, 0);
  for (size_t s = 0; s + 1 < r.offsets.size(); ++s) {
    const size_t c = d.labels[s];
    ++count[c];
    for (int64_t k = r.offsets[s]; k < r.offsets[s + 1]; ++k)
      sum[c * neurons + static_cast<size_t>(r.neurons[static_cast<size_t>(k)])] += 1.0;
  }
  for (size_t n = 0; n < neurons; ++n) {
    double best = 0.0;
    labels_[n] = -1;
    for (size_t c = 0; c < classes; ++c) {
      const double mean = count[c] > 0 ? sum[c * neurons + n] / static_cast<double>(count[c]) : 0.0;
      if (mean > best) {
        best = mean;
        labels_[n] = static_cast<int>(c);
      }
    }
  }
}

double StdpTrainer::accuracy(const Responses& r, const Dataset& d,
                             ConfusionMatrix* confusion) const {
  // Diehl & Cook's get_recognized_number_ranking: the class whose neurons fired most on average.
  const auto classes = static_cast<size_t>(d.classes);
  if (confusion) {
    confusion->classes = d.classes;
    confusion->counts.assign(classes * classes, 0);
  }
  int64_t correct = 0;
  const size_t samples = r.offsets.size() - 1;
  for (size_t s = 0; s < samples; ++s) {
    const std::span<const int32_t> fired(r.neurons.data() + r.offsets[s],
                                         static_cast<size_t>(r.offsets[s + 1] - r.offsets[s]));
    const std::vector<double> votes = labelVotes(labels_, fired, d.classes);
    // No labelled neuron fired: every class has 0 votes and the first one is the answer, as
    // Diehl & Cook's argsort gives.
    const auto predicted = static_cast<size_t>(std::max(votedClass(votes), 0));
    correct += predicted == d.labels[s];
    if (confusion) ++confusion->counts[d.labels[s] * classes + predicted];
  }
  return samples > 0 ? static_cast<double>(correct) / static_cast<double>(samples) : 0.0;
}

std::shared_ptr<const WeightSnapshot> StdpTrainer::snapshot(int epoch) const {
  const CompiledProjection& proj =
      learner_->simulator().network().projections[static_cast<size_t>(fieldProjection_)];
  const SynapseMatrix& m = proj.synapses;
  auto s = std::make_shared<WeightSnapshot>();
  s->epoch = epoch;
  s->samplesSeen = samplesSeen_;
  s->projection = proj.id;
  s->fields = m.postSize;
  s->fieldHeight = data_.train.height;
  s->fieldWidth = data_.train.width;
  const int64_t pixels = m.preSize;
  s->weights.assign(static_cast<size_t>(m.postSize * pixels), 0.0f);
  for (int64_t i = 0; i < m.preSize; ++i)
    for (int64_t k = m.rowStart[static_cast<size_t>(i)]; k < m.rowStart[static_cast<size_t>(i) + 1];
         ++k)
      s->weights[static_cast<size_t>(m.target[static_cast<size_t>(k)] * pixels + i)] =
          m.weight[static_cast<size_t>(k)];
  return s;
}

StdpTrainer::Saved StdpTrainer::save() const {
  Saved s;
  const CompiledNetwork& net = learner_->simulator().network();
  for (const CompiledProjection& p : net.projections)
    s.weights.push_back(p.plasticity ? p.synapses.weight : std::vector<float>{});
  const NeuronGroup& out = *net.populations[static_cast<size_t>(learner_->output())].group;
  if (out.hasState("theta")) {
    const auto theta = out.state("theta");
    s.theta.assign(theta.begin(), theta.end());
  }
  s.samplesSeen = samplesSeen_;
  return s;
}

void StdpTrainer::restore(const Saved& s) {
  CompiledNetwork& net = learner_->simulator().network();
  for (size_t p = 0; p < net.projections.size(); ++p)
    if (net.projections[p].plasticity) net.projections[p].synapses.weight = s.weights[p];
  NeuronGroup& out = *net.populations[static_cast<size_t>(learner_->output())].group;
  if (out.hasState("theta")) std::copy(s.theta.begin(), s.theta.end(), out.state("theta").begin());
  samplesSeen_ = s.samplesSeen;
}

EpochReport StdpTrainer::trainEpoch(int epoch, const TrainingCallbacks& callbacks) {
  const Saved before = save();
  try {
    EpochReport report;
    report.epoch = epoch;
    const Dataset& train = data_.train;
    const int64_t n =
        options_.trainLimit > 0 ? std::min(options_.trainLimit, train.size()) : train.size();
    // A fresh order every epoch, from the run's seed.
    std::vector<int64_t> order(static_cast<size_t>(n));
    for (int64_t s = 0; s < n; ++s) order[static_cast<size_t>(s)] = s;
    std::mt19937_64 rng = makeRandomStream(project_.experiment.seed, "training-order", "stdp",
                                           static_cast<uint64_t>(epoch));
    for (int64_t s = n - 1; s > 0; --s)
      std::swap(order[static_cast<size_t>(s)],
                order[static_cast<size_t>(rng() % static_cast<uint64_t>(s + 1))]);

    // 1. Learn.
    const auto start = std::chrono::steady_clock::now();
    ActivityClock activityClock(callbacks);
    std::vector<int32_t> fired;
    for (int64_t s = 0; s < n; ++s) {
      if (callbacks.cancelled && callbacks.cancelled()) throw TrainingCancelled();
      fired.clear();
      const int64_t sample = order[static_cast<size_t>(s)];
      const std::span<const float> image{train.images.row(sample).data(),
                                         static_cast<size_t>(train.pixels())};
      std::shared_ptr<SampleActivity> activity;
      if (activityClock.due()) activity = std::make_shared<SampleActivity>();
      learner_->show(image, fired, activity ? &activity->spikes : nullptr);
      ++samplesSeen_;
      if (activity) {
        activity->epoch = epoch;
        activity->samplesSeen = samplesSeen_;
        activity->sample = sample;
        activity->label = train.labels[static_cast<size_t>(sample)];
        activity->imageHeight = train.height;
        activity->imageWidth = train.width;
        activity->image.assign(image.begin(), image.end());
        callbacks.sampleActivity(std::move(activity));
      }
      if (callbacks.progress)
        callbacks.progress({.epoch = epoch,
                            .phase = "train",
                            .done = s + 1,
                            .total = n,
                            .elapsedSeconds = seconds(start)});
      if (callbacks.weights && ((s + 1) % snapshotEvery_ == 0 || s + 1 == n))
        callbacks.weights(snapshot(epoch));
    }
    report.trainSeconds = seconds(start);
    report.trainSamples = n;

    // 2. Label; the labelling responses also give the training accuracy.
    const int64_t labelled = labelSamples_ > 0 ? std::min(labelSamples_, n) : n;
    const Dataset labelSet = train.head(labelled);
    const Responses labelResponses = respond(labelSet, labelled, "label", epoch, callbacks);
    assignLabels(labelResponses, labelSet);
    // A run in the window shows each sample once at one rate: the rate at which nine samples in
    // ten reached min_spikes here (measured on the digits: 78 % right at it, 57 % at the median
    // rate, against 71 % for the boosted test pass).
    answerRate_ = quantile(labelResponses.rates, kAnswerRateQuantile);
    report.trainAccuracy = accuracy(labelResponses, labelSet, nullptr);

    // 3. Test.
    const Dataset& test = data_.test;
    const int64_t t =
        options_.testLimit > 0 ? std::min(options_.testLimit, test.size()) : test.size();
    const Dataset testSet = test.head(t);
    const Responses testResponses = respond(testSet, t, "test", epoch, callbacks);
    report.testAccuracy = accuracy(testResponses, testSet, &confusion_);
    report.testSamples = t;
    return report;
  } catch (const TrainingCancelled&) {
    restore(before);
    throw;
  }
}

double StdpTrainer::testAccuracy(const TrainingCallbacks& callbacks) {
  const Dataset& test = data_.test;
  const int64_t t =
      options_.testLimit > 0 ? std::min(options_.testLimit, test.size()) : test.size();
  const Dataset testSet = test.head(t);
  return accuracy(respond(testSet, t, "test", 0, callbacks), testSet, &confusion_);
}

Project StdpTrainer::trainedProject() const {
  Project p = project_;
  const CompiledNetwork& net = learner_->simulator().network();
  for (const CompiledProjection& proj : net.projections)
    if (proj.plasticity) storeLearnedWeights(*p.network.findProjection(proj.id), proj.synapses);
  const NeuronGroup& out = *net.populations[static_cast<size_t>(learner_->output())].group;
  if (out.hasState("theta")) {
    const std::span<const Real> theta = out.state("theta");
    p.network.findPopulation(outputId_)->init["theta"] =
        ValueSpec::perElement(std::vector<double>(theta.begin(), theta.end()));
  }
  if (!p.training) p.training = TrainingSpec{.method = "stdp"};
  p.training->params["labels"] = Sequence(labels_.begin(), labels_.end());
  if (answerRate_ > 0.0) p.training->params["answer_rate"] = ValueSpec::constant(answerRate_);
  return p;
}

}  // namespace snn
