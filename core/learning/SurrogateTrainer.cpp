#include "SurrogateTrainer.h"

#include <algorithm>

#include "MiniBatch.h"
#include "model/Diagnostic.h"

namespace snn {

SurrogateTrainer::SurrogateTrainer(const Project& project, DatasetSplit data,
                                   const TrainerOptions& options, const TrainerEntry& method)
    : project_(project),
      model_(SurrogateModel::fromProject(project, method)),
      train_(data.train.head(options.trainLimit)),
      test_(data.test.head(options.testLimit)),
      threads_(std::max(1, options.threads)),
      network_(model_.buildNetwork(threads_)),
      adam_(network_.parameters(), model_.adam) {
  if (train_.pixels() != model_.inputSize)
    throw SpecError(Diagnostic{ObjectKind::Population, model_.input, "size",
                               "has " + std::to_string(model_.inputSize) + " neurons but the " +
                                   train_.name + " images have " + std::to_string(train_.pixels()) +
                                   " pixels"});
  if (network_.classes() != train_.classes)
    throw SpecError(Diagnostic{ObjectKind::Population, model_.output, "size",
                               "must have one neuron per class (" + std::to_string(train_.classes) +
                                   " for " + train_.name + ")"});
  const int64_t batch = model_.batchSize;
  network_.reserve(batch);
  input_.assign(static_cast<size_t>(model_.inputSize * batch), 0.0f);
  labels_.assign(static_cast<size_t>(batch), 0);
  predicted_.assign(static_cast<size_t>(batch), 0);
}

void SurrogateTrainer::gather(const Dataset& data, const std::vector<int64_t>& order, int64_t first,
                              int64_t n) {
  gatherBatch(data, order, first, n, input_.data(), labels_.data());
}

EpochReport SurrogateTrainer::trainEpoch(int epoch, const TrainingCallbacks& callbacks) {
  // Kept to roll back to if the epoch is cancelled.
  std::vector<std::pair<Eigen::MatrixXf, Eigen::VectorXf>> startWeights;
  for (const DenseLifLayer& layer : network_.layers())
    startWeights.emplace_back(layer.weights(), layer.bias());
  const AdamOptimizer::State startAdam = adam_.state();
  const int64_t startSeen = samplesSeen_;

  const int64_t total = train_.size(), batch = model_.batchSize;
  const std::vector<int64_t> order = shuffledOrder(total, model_.seed, "surrogate_shuffle", epoch);
  const auto start = TrainingClock::now();
  auto lastWeights = start;
  ActivityClock activityClock(callbacks);
  double lossSum = 0.0;
  int64_t correct = 0, done = 0;
  while (done < total) {
    if (callbacks.cancelled && callbacks.cancelled()) {
      for (size_t l = 0; l < startWeights.size(); ++l) {
        network_.layers()[l].weights() = startWeights[l].first;
        network_.layers()[l].bias() = startWeights[l].second;
      }
      adam_.restore(startAdam);
      samplesSeen_ = startSeen;
      throw TrainingCancelled();
    }
    const int64_t n = std::min(batch, total - done);
    gather(train_, order, done, n);
    network_.forward(input_.data(), n);
    network_.predict(predicted_.data());
    for (int64_t b = 0; b < n; ++b)
      correct += predicted_[static_cast<size_t>(b)] == labels_[static_cast<size_t>(b)];
    if (activityClock.due())
      sendActivity(callbacks, epoch, order[static_cast<size_t>(done)], samplesSeen_ + 1);
    lossSum += network_.backward(labels_.data()) * static_cast<double>(n);
    if (update_)
      update_(adam_, threads_);
    else
      adam_.step(threads_);
    done += n;
    samplesSeen_ += n;
    if (callbacks.progress)
      callbacks.progress({epoch, "train", done, total, secondsSince(start), lossSum / double(done),
                          double(correct) / double(done)});
    if (callbacks.weights && secondsSince(lastWeights) > 1.0) {
      sendWeights(callbacks, epoch, samplesSeen_);
      lastWeights = TrainingClock::now();
    }
  }
  EpochReport report;
  report.epoch = epoch;
  report.trainSeconds = secondsSince(start);
  report.trainSamples = total;
  report.trainAccuracy = total ? double(correct) / double(total) : 0.0;
  report.loss = total ? lossSum / double(total) : 0.0;
  if (callbacks.weights) sendWeights(callbacks, epoch, samplesSeen_);
  report.testSamples = test_.size();
  report.testAccuracy = evaluate(callbacks, epoch);
  return report;
}

double SurrogateTrainer::evaluate(const TrainingCallbacks& callbacks, int epoch) {
  const int64_t total = test_.size(), classes = network_.classes();
  confusion_ = ConfusionMatrix{static_cast<int>(classes),
                               std::vector<int64_t>(static_cast<size_t>(classes * classes), 0)};
  const auto start = TrainingClock::now();
  int64_t correct = 0;
  for (int64_t done = 0; done < total;) {
    const int64_t n = std::min(model_.batchSize, total - done);
    gather(test_, {}, done, n);
    network_.forward(input_.data(), n);
    network_.predict(predicted_.data());
    for (int64_t b = 0; b < n; ++b) {
      const int actual = labels_[static_cast<size_t>(b)],
                guess = predicted_[static_cast<size_t>(b)];
      correct += actual == guess;
      ++confusion_.counts[static_cast<size_t>(actual * classes + guess)];
    }
    done += n;
    if (callbacks.progress)
      callbacks.progress({epoch, "test", done, total, secondsSince(start),
                          std::numeric_limits<double>::quiet_NaN(),
                          double(correct) / double(done)});
  }
  return total ? double(correct) / double(total) : std::numeric_limits<double>::quiet_NaN();
}

void SurrogateTrainer::classify(const Dataset::Images& images, std::vector<int32_t>& predicted,
                                std::vector<int32_t>* counts) {
  const int64_t total = images.rows(), classes = network_.classes();
  predicted.assign(static_cast<size_t>(total), 0);
  if (counts) counts->assign(static_cast<size_t>(total * classes), 0);
  Dataset view;
  view.images = images;
  view.labels.assign(static_cast<size_t>(total), 0);
  for (int64_t done = 0; done < total;) {
    const int64_t n = std::min(model_.batchSize, total - done);
    gather(view, {}, done, n);
    network_.forward(input_.data(), n);
    network_.predict(predicted.data() + done);
    if (counts) {
      const auto spikes = network_.layers().back().spikes();
      for (int64_t c = 0; c < spikes.cols(); ++c)
        for (int64_t i = 0; i < classes; ++i)
          (*counts)[static_cast<size_t>((done + c % n) * classes + i)] +=
              static_cast<int32_t>(spikes(i, c));
    }
    done += n;
  }
}

void SurrogateTrainer::sendWeights(const TrainingCallbacks& callbacks, int epoch,
                                   int64_t samples) const {
  // The first layer's weights seen as images: one tile per hidden neuron, in nA.
  const DenseLifLayer& first = network_.layers().front();
  auto snap = std::make_shared<WeightSnapshot>();
  snap->epoch = epoch;
  snap->samplesSeen = samples;
  snap->projection = model_.layers.front().projection;
  snap->fields = static_cast<int>(first.neurons());
  snap->fieldHeight = train_.height;
  snap->fieldWidth = train_.width;
  snap->weights.resize(static_cast<size_t>(first.weights().size()));
  const float scale = static_cast<float>(1.0 / model_.layers.front().weightScale);
  Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> out(
      snap->weights.data(), first.neurons(), first.inputs());
  out = first.weights() * scale;
  callbacks.weights(std::move(snap));
}

void SurrogateTrainer::sendActivity(const TrainingCallbacks& callbacks, int epoch, int64_t sample,
                                    int64_t samplesSeen) const {
  // The batch's first sample, column t * batch of every layer's spikes at step t.
  auto a = std::make_shared<SampleActivity>();
  a->epoch = epoch;
  a->samplesSeen = samplesSeen;
  a->sample = sample;
  a->label = labels_.front();
  a->predicted = predicted_.front();
  a->imageHeight = train_.height;
  a->imageWidth = train_.width;
  a->image.assign(train_.images.row(sample).data(),
                  train_.images.row(sample).data() + train_.pixels());
  SimulationChunk& c = a->spikes;
  const int64_t steps = network_.steps();
  c.stepCount = steps;
  c.dt = model_.dt;
  c.populations.push_back(model_.input);  // a current: no spikes of its own
  c.spikesRecorded.push_back(false);
  c.spikes.emplace_back();
  c.countsPerStep.emplace_back(static_cast<size_t>(steps), 0);
  for (size_t l = 0; l < network_.layers().size(); ++l) {
    const DenseLifLayer& layer = network_.layers()[l];
    const auto spikes = layer.spikes();
    const int64_t batch = layer.batch();
    c.populations.push_back(model_.layers[l].population);
    c.spikesRecorded.push_back(true);
    SpikeRecord& r = c.spikes.emplace_back();
    std::vector<int32_t>& counts = c.countsPerStep.emplace_back(static_cast<size_t>(steps), 0);
    for (int64_t t = 0; t < steps; ++t)
      for (int64_t i = 0; i < layer.neurons(); ++i)
        if (spikes(i, t * batch) > 0.5f) {
          r.steps.push_back(t);
          r.neurons.push_back(static_cast<int32_t>(i));
          ++counts[static_cast<size_t>(t)];
        }
  }
  callbacks.sampleActivity(std::move(a));
}

Project SurrogateTrainer::trainedProject() const {
  Project p = project_;
  model_.storeWeights(network_, p);
  return p;
}

}  // namespace snn

namespace snn {

TrainerEntry surrogateTrainerEntry() {
  TrainerEntry e;
  e.name = "surrogate";
  e.displayName = "Surrogate gradients (BPTT)";
  e.meaning =
      "Supervised: backpropagation through time with a smooth stand-in for the spike's "
      "derivative, Adam, mini-batches";
  const auto whole = [](const char* name, double def, const char* meaning) {
    return ParamInfo{
        .name = name, .defaultValue = def, .min = 1.0, .meaning = meaning, .integer = true};
  };
  const auto positive = [](const char* name, double def, const char* meaning) {
    return ParamInfo{
        .name = name, .defaultValue = def, .min = 0.0, .minInclusive = false, .meaning = meaning};
  };
  const auto fraction = [](const char* name, double def, const char* meaning) {
    return ParamInfo{.name = name,
                     .defaultValue = def,
                     .min = 0.0,
                     .max = 1.0,
                     .maxInclusive = false,
                     .meaning = meaning};
  };
  const auto choice = [](const char* name, std::vector<std::string> words, const char* meaning) {
    return ParamInfo{
        .name = name, .kind = ParamKind::Choice, .meaning = meaning, .choices = std::move(words)};
  };
  // Defaults: snnTorch tutorial 5 (T = 25, batch 128, Adam lr 5e-4, betas (0.9, 0.999), loss on
  // the membrane at every step) with snnTorch's fast-sigmoid slope 25.
  e.params = {
      whole("steps", 25, "Time steps each sample is shown (T); a sample lasts steps x dt"),
      whole("batch_size", 128, "Samples per mini-batch (one Adam update each)"),
      positive("learning_rate", 5e-4, "Adam step size"),
      fraction("adam_beta1", 0.9, "Adam: decay of the running mean of the gradient"),
      fraction("adam_beta2", 0.999, "Adam: decay of the running mean of its square"),
      positive("adam_epsilon", 1e-8, "Adam: added to the denominator"),
      choice("surrogate", SurrogateFunction::names(),
             "Stand-in for the spike's derivative: 1/(k|x|+1)^2, (k/2)/(1+(pi k x/2)^2) or "
             "max(0, 1-k|x|), x = (v - v_thresh)/(v_thresh - v_rest)"),
      positive("slope", 25.0,
               "k, the steepness of the surrogate (snnTorch: 25 fast sigmoid, 2 arctan)"),
      choice("loss", ClassificationLoss::names(),
             "Cross-entropy of the output membrane at every step (summed), of its mean over the "
             "steps, or of the output spike counts"),
      choice("bias", {"on", "off"}, "Train a bias per neuron, stored as its i_offset"),
      choice("reset_gradient", {"detached", "backpropagated"},
             "Whether the gradient flows through the reset (snnTorch and SpyTorch detach it)"),
  };
  e.create = [](const Project& project, DatasetSplit data, const TrainerOptions& options) {
    return std::unique_ptr<Trainer>(std::make_unique<SurrogateTrainer>(
        project, std::move(data), options, *TrainerRegistry::instance().find("surrogate")));
  };
  return e;
}

}  // namespace snn
