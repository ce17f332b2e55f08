#include "AnnTrainer.h"

#include <algorithm>

#include "MiniBatch.h"
#include "ann/SoftmaxCrossEntropy.h"
#include "model/Diagnostic.h"

namespace snn {

namespace {

std::vector<AdamOptimizer::Parameter> optimiserParameters(AnnModel& model) {
  std::vector<AdamOptimizer::Parameter> out;
  for (const ParameterRef& p : model.parameters()) out.push_back({p.value, p.grad, p.size});
  return out;
}

}  // namespace

const std::vector<ParamInfo>& AnnTrainingSettings::schema() {
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
  // Defaults: torch.optim.Adam's (lr 1e-3, betas (0.9, 0.999), eps 1e-8); momentum 0.9 is the
  // usual SGD choice (Bu et al. train QCFS networks with SGD, momentum 0.9).
  static const std::vector<ParamInfo> params{
      ParamInfo{.name = "optimizer",
                .kind = ParamKind::Choice,
                .meaning = "Adam, or stochastic gradient descent with momentum (as torch.optim)",
                .choices = {"adam", "sgd"}},
      positive("learning_rate", 1e-3, "Step size (Adam: 1e-3 is usual; SGD: 0.01 to 0.1)"),
      fraction("momentum", 0.9, "SGD: decay of the running sum of gradients"),
      ParamInfo{.name = "weight_decay",
                .defaultValue = 0.0,
                .min = 0.0,
                .meaning = "SGD: L2 penalty, weight_decay x weight added to each gradient"},
      fraction("adam_beta1", 0.9, "Adam: decay of the running mean of the gradient"),
      fraction("adam_beta2", 0.999, "Adam: decay of the running mean of its square"),
      positive("adam_epsilon", 1e-8, "Adam: added to the denominator"),
      ParamInfo{.name = "batch_size",
                .defaultValue = 64,
                .min = 1,
                .max = 65536,
                .meaning = "Samples per mini-batch (one optimiser step each)",
                .integer = true},
      ParamInfo{.name = "shuffle",
                .kind = ParamKind::Choice,
                .meaning = "Shuffle the training samples every epoch (off: dataset order)",
                .choices = {"on", "off"}},
  };
  return params;
}

AnnTrainingSettings AnnTrainingSettings::from(
    const std::function<double(std::string_view)>& number,
    const std::function<std::string(std::string_view)>& choice, uint64_t seed) {
  AnnTrainingSettings s;
  s.optimizer = choice("optimizer") == "sgd" ? Optimizer::Sgd : Optimizer::Adam;
  s.learningRate = number("learning_rate");
  s.momentum = number("momentum");
  s.weightDecay = number("weight_decay");
  s.adamBeta1 = number("adam_beta1");
  s.adamBeta2 = number("adam_beta2");
  s.adamEpsilon = number("adam_epsilon");
  s.batchSize = static_cast<int64_t>(number("batch_size"));
  s.shuffle = choice("shuffle") != "off";
  s.seed = seed;
  return s;
}

AnnTrainer::AnnTrainer(const AnnSpec& spec, DatasetSplit data, const AnnTrainingSettings& settings,
                       const TrainerOptions& options)
    : model_(spec, settings.seed),
      train_(data.train.head(options.trainLimit)),
      test_(data.test.head(options.testLimit)),
      settings_(settings),
      threads_(std::max(1, options.threads)) {
  if (train_.pixels() != spec.input.size())
    throw SpecError(Diagnostic{ObjectKind::Ann, "", "input",
                               "is " + spec.input.toString() + " (" +
                                   std::to_string(spec.input.size()) + " values) but the " +
                                   train_.name + " images have " + std::to_string(train_.pixels()) +
                                   " pixels"});
  const bool softmaxLast = !spec.layers.empty() && spec.layers.back().type == AnnLayerType::Softmax;
  logitsLayers_ = model_.layerCount() - (softmaxLast ? 1 : 0);
  const AnnShape out =
      logitsLayers_ > 0 ? model_.layer(logitsLayers_ - 1).outputShape() : spec.input;
  if (!out.flat() || out.channels < train_.classes)
    throw SpecError(Diagnostic{
        ObjectKind::AnnLayer, spec.layers.empty() ? "" : spec.layers.back().id, "units",
        "the output (" + out.toString() + ") must be flat with at least one unit per class (" +
            std::to_string(train_.classes) + " for " + train_.name + ")"});
  if (settings_.batchSize < 1)
    throw SpecError(Diagnostic{ObjectKind::Experiment, "training", "batch_size", "must be >= 1"});
  model_.setThreads(threads_);
  if (settings_.optimizer == AnnTrainingSettings::Optimizer::Adam)
    adam_.emplace(optimiserParameters(model_),
                  AdamOptimizer::Settings{settings_.learningRate, settings_.adamBeta1,
                                          settings_.adamBeta2, settings_.adamEpsilon});
  else
    sgd_.emplace(
        optimiserParameters(model_),
        SgdOptimizer::Settings{settings_.learningRate, settings_.momentum, settings_.weightDecay});
  const size_t batch = static_cast<size_t>(settings_.batchSize);
  input_.resize(batch * static_cast<size_t>(train_.pixels()));
  labels_.resize(batch);
  predicted_.resize(batch);
}

void AnnTrainer::gather(const Dataset& data, const std::vector<int64_t>& order, int64_t first,
                        int64_t n) {
  gatherBatch(data, order, first, n, input_.data(), labels_.data());
}

void AnnTrainer::step() {
  if (adam_) adam_->step(threads_);
  if (sgd_) sgd_->step(threads_);
  model_.constrainParameters();
}

EpochReport AnnTrainer::trainEpoch(int epoch, const TrainingCallbacks& callbacks) {
  // Kept to roll back to if the epoch is cancelled.
  std::vector<std::vector<float>> startValues;
  for (const ParameterRef& p : model_.parameters())
    startValues.emplace_back(p.value, p.value + p.size);
  const std::optional<AdamOptimizer::State> startAdam =
      adam_ ? std::optional(adam_->state()) : std::nullopt;
  const std::optional<SgdOptimizer::State> startSgd =
      sgd_ ? std::optional(sgd_->state()) : std::nullopt;
  const int64_t startSeen = samplesSeen_;

  const int64_t total = train_.size(), batch = settings_.batchSize;
  const std::vector<int64_t> order =
      settings_.shuffle ? shuffledOrder(total, settings_.seed, "ann_shuffle", epoch)
                        : std::vector<int64_t>{};
  const auto start = TrainingClock::now();
  auto lastWeights = start;
  double lossSum = 0.0;
  int64_t correct = 0, done = 0;
  while (done < total) {
    if (callbacks.cancelled && callbacks.cancelled()) {
      std::vector<ParameterRef> params = model_.parameters();
      for (size_t i = 0; i < params.size(); ++i)
        std::copy(startValues[i].begin(), startValues[i].end(), params[i].value);
      if (adam_) adam_->restore(*startAdam);
      if (sgd_) sgd_->restore(*startSgd);
      samplesSeen_ = startSeen;
      throw TrainingCancelled();
    }
    const int64_t n = std::min(batch, total - done);
    gather(train_, order, done, n);
    const Tensor& logits = model_.forward(input_.data(), n, logitsLayers_);
    argmaxClasses(logits, predicted_.data());
    for (int64_t b = 0; b < n; ++b)
      correct += predicted_[static_cast<size_t>(b)] == labels_[static_cast<size_t>(b)];
    lossSum += softmaxCrossEntropy(logits, labels_.data(), gradient_) * double(n);
    model_.backward(gradient_);
    step();
    done += n;
    samplesSeen_ += n;
    if (callbacks.progress)
      callbacks.progress({epoch, "train", done, total, secondsSince(start), lossSum / double(done),
                          double(correct) / double(done)});
    if (callbacks.weights && secondsSince(lastWeights) > 1.0) {
      sendWeights(callbacks, epoch);
      lastWeights = TrainingClock::now();
    }
  }
  EpochReport report;
  report.epoch = epoch;
  report.trainSeconds = secondsSince(start);
  report.trainSamples = total;
  report.trainAccuracy = total ? double(correct) / double(total) : 0.0;
  report.loss = total ? lossSum / double(total) : 0.0;
  if (callbacks.weights) sendWeights(callbacks, epoch);
  report.testSamples = test_.size();
  report.testAccuracy = evaluate(callbacks, epoch);
  return report;
}

double AnnTrainer::evaluate(const TrainingCallbacks& callbacks, int epoch) {
  const int64_t total = test_.size(), classes = test_.classes;
  confusion_ = ConfusionMatrix{static_cast<int>(classes),
                               std::vector<int64_t>(static_cast<size_t>(classes * classes), 0)};
  const auto start = TrainingClock::now();
  int64_t correct = 0;
  for (int64_t done = 0; done < total;) {
    const int64_t n = std::min(settings_.batchSize, total - done);
    gather(test_, {}, done, n);
    argmaxClasses(model_.forward(input_.data(), n, logitsLayers_), predicted_.data());
    for (int64_t b = 0; b < n; ++b) {
      const int actual = labels_[static_cast<size_t>(b)],
                guess = predicted_[static_cast<size_t>(b)];
      correct += actual == guess;
      if (guess < classes) ++confusion_.counts[static_cast<size_t>(actual * classes + guess)];
    }
    done += n;
    if (callbacks.progress)
      callbacks.progress({epoch, "test", done, total, secondsSince(start),
                          std::numeric_limits<double>::quiet_NaN(),
                          double(correct) / double(done)});
  }
  return total ? double(correct) / double(total) : std::numeric_limits<double>::quiet_NaN();
}

void AnnTrainer::sendWeights(const TrainingCallbacks& callbacks, int epoch) const {
  // The first dense layer that reads the image, its units' weights seen as images.
  const AnnSpec spec = model_.toSpec();
  for (const AnnLayerSpec& l : spec.layers) {
    if (l.type == AnnLayerType::Conv2d) return;  // kernels are not images of the input
    if (l.type != AnnLayerType::Dense) continue;
    if (l.weight.shape.size() != 2 || l.weight.shape[1] != train_.pixels()) return;
    auto snap = std::make_shared<WeightSnapshot>();
    snap->epoch = epoch;
    snap->samplesSeen = samplesSeen_;
    snap->projection = l.id;
    snap->fields = l.units;
    snap->fieldHeight = train_.height;
    snap->fieldWidth = train_.width;
    snap->weights = l.weight.values;
    callbacks.weights(std::move(snap));
    return;
  }
}

}  // namespace snn
