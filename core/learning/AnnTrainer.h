#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "AdamOptimizer.h"
#include "SgdOptimizer.h"
#include "Trainer.h"
#include "ann/AnnModel.h"
#include "data/Dataset.h"
#include "model/AnnSpec.h"

namespace snn {

// How an ANN is trained: cross-entropy on the logits (the last layer, or the one before a final
// softmax), shuffled mini-batches, Adam or SGD with momentum, as in PyTorch.
struct AnnTrainingSettings {
  enum class Optimizer { Adam, Sgd };
  Optimizer optimizer = Optimizer::Adam;
  double learningRate = 1e-3;
  double momentum = 0.9;     // SGD
  double weightDecay = 0.0;  // SGD: L2 penalty added to the gradient (torch's weight_decay)
  double adamBeta1 = 0.9, adamBeta2 = 0.999, adamEpsilon = 1e-8;
  int64_t batchSize = 64;
  bool shuffle = true;  // off: the samples in dataset order every epoch
  uint64_t seed = 1;    // weight initialisation and shuffling

  // The parameters of the "ann" training method (a project's training block), by schema name:
  // optimizer, learning_rate, momentum, weight_decay, adam_beta1, adam_beta2, adam_epsilon,
  // batch_size, shuffle. The seed is the experiment's.
  static const std::vector<ParamInfo>& schema();
  // Settings from a lookup of each schema parameter (numbers; `choice` for optimizer and
  // shuffle).
  static AnnTrainingSettings from(const std::function<double(std::string_view)>& number,
                                  const std::function<std::string(std::string_view)>& choice,
                                  uint64_t seed);
};

// Supervised training of an AnnModel on a Dataset. Each epoch: one pass over the training
// samples in an order shuffled from (seed, epoch), then the accuracy on the test samples.
// Deterministic: the same spec, data, settings and epoch numbers give the same weights bit for
// bit whatever TrainerOptions::threads (every layer and optimiser cuts its work by the data's
// shape only). Its interface is Trainer's; the lead makes it one once a Project holds an ANN
// (trainedProject() = the project with trainedSpec()). Owned and used by one thread.
class AnnTrainer {
 public:
  // Throws SpecError when the spec does not fit the data (input size, too few outputs).
  AnnTrainer(const AnnSpec& spec, DatasetSplit data, const AnnTrainingSettings& settings,
             const TrainerOptions& options);

  // Throws TrainingCancelled (weights and optimiser as before the epoch) when cancelled.
  EpochReport trainEpoch(int epoch, const TrainingCallbacks& callbacks);
  // Accuracy on the test samples (fills lastConfusion()).
  double evaluate(const TrainingCallbacks& callbacks = {}, int epoch = 0);
  AnnSpec trainedSpec() const { return model_.toSpec(); }
  ConfusionMatrix lastConfusion() const { return confusion_; }
  AnnModel& model() { return model_; }

 private:
  void gather(const Dataset& data, const std::vector<int64_t>& order, int64_t first, int64_t n);
  void step();
  void sendWeights(const TrainingCallbacks& callbacks, int epoch) const;

  AnnModel model_;
  Dataset train_, test_;
  AnnTrainingSettings settings_;
  int threads_ = 1;
  int logitsLayers_ = 0;  // the layers run in training: all but a final softmax
  std::optional<AdamOptimizer> adam_;
  std::optional<SgdOptimizer> sgd_;
  std::vector<float> input_;  // batch x pixels, samples one after another
  std::vector<uint8_t> labels_;
  std::vector<int32_t> predicted_;
  Tensor gradient_;
  ConfusionMatrix confusion_;
  int64_t samplesSeen_ = 0;
};

}  // namespace snn
