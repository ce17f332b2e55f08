#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "AdamOptimizer.h"
#include "SurrogateModel.h"
#include "SurrogateNetwork.h"
#include "Trainer.h"
#include "TrainerRegistry.h"

namespace snn {

// Direct supervised training of a feed-forward LIF network by backpropagation through time with
// surrogate spike derivatives (Neftci, Mostafa & Zenke 2019; the network and loop of snnTorch's
// tutorial 5): shuffled mini-batches, Adam, classification by output spike counts. The project
// describes the network (SurrogateModel says which projects fit and how their parameters map
// onto the discrete model); trainedProject() holds the learned weights as per-synapse arrays.
//
// Deterministic: the same project, seed and epoch numbers give the same weights bit for bit,
// whatever TrainerOptions::threads (work is cut by data shape, never by thread count).
// Owned and used by one thread (the CLI's, or the GUI's training worker).
class SurrogateTrainer : public Trainer {
 public:
  SurrogateTrainer(const Project& project, DatasetSplit data, const TrainerOptions& options,
                   const TrainerEntry& method);

  EpochReport trainEpoch(int epoch, const TrainingCallbacks& callbacks) override;
  Project trainedProject() const override;
  ConfusionMatrix lastConfusion() const override { return confusion_; }

  // Classifies images (one row per sample, as Dataset::images) with the current weights: the
  // predicted classes and, if wanted, the output spike counts (samples x classes, row-major).
  void classify(const Dataset::Images& images, std::vector<int32_t>& predicted,
                std::vector<int32_t>* counts = nullptr);
  const SurrogateNetwork& network() const { return network_; }
  // The network for those that put its layers' products on devices (CrossbarLayer).
  SurrogateNetwork& network() { return network_; }
  // Accuracy on the test samples (TrainerOptions::testLimit) with the weights as they are.
  double testAccuracy(const TrainingCallbacks& callbacks = {}) { return evaluate(callbacks, 0); }
  const SurrogateModel& model() const { return model_; }
  // Replaces the optimiser's step after each mini-batch's backward pass (crossbar trainers: the
  // update goes to devices as pulses, or to chosen layers only). Empty: Adam on every parameter.
  using UpdateHook = std::function<void(AdamOptimizer& adam, int threads)>;
  void setUpdate(UpdateHook hook) { update_ = std::move(hook); }

 private:
  // Copies samples order[first, first + n) into input_ (pixels x n) and labels_.
  void gather(const Dataset& data, const std::vector<int64_t>& order, int64_t first, int64_t n);
  double evaluate(const TrainingCallbacks& callbacks, int epoch);
  void sendWeights(const TrainingCallbacks& callbacks, int epoch, int64_t samples) const;
  // The first sample of the last forward() batch: its image and every layer's spikes.
  void sendActivity(const TrainingCallbacks& callbacks, int epoch, int64_t sample,
                    int64_t samplesSeen) const;

  Project project_;
  SurrogateModel model_;
  Dataset train_, test_;
  int threads_ = 1;
  SurrogateNetwork network_;
  AdamOptimizer adam_;
  std::vector<float> input_;  // pixels x batch, column-major
  std::vector<uint8_t> labels_;
  std::vector<int32_t> predicted_;
  ConfusionMatrix confusion_;
  int64_t samplesSeen_ = 0;
  UpdateHook update_;
};

// The "surrogate" entry of the trainer registry: its parameter schema and factory.
TrainerEntry surrogateTrainerEntry();

}  // namespace snn
