#pragma once

#include <Eigen/Dense>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "AdamOptimizer.h"
#include "CrossbarLayer.h"
#include "PulseAccumulator.h"
#include "SurrogateTrainer.h"

namespace snn {

// Training a surrogate-gradient network (SurrogateModel: a feed-forward stack of DenseLifLayers)
// whose projections are carried by crossbars, with the crossbar (the emulated "chip", through
// CrossbarLayer: levels, variation, faults, IR drop, read noise, DAC, ADC) in the forward pass:
//
//  - Hybrid (Yao et al., Nature 577:641, 2020): train off-chip (offchip_epochs of the surrogate
//    method in software, or the project's weights as they stand when 0), program every
//    crossbar-carried layer with the crossbar's programming mode (write-verify by default), then
//    fine-tune the chosen layers (default: the last crossbar-carried one) in situ: forward
//    through all crossbars, backward in software with the devices' weights, the Adam step of the
//    chosen layers accumulated (PulseAccumulator) and applied as SET/RESET pulses through the
//    device model (manhattan or stochastic); the other layers stay as programmed.
//  - In the loop (Cramer et al., PNAS 119:e2109194119, 2022): from the same off-chip start,
//    forward through the crossbars, backward in software with the recorded activity and the
//    software weights, Adam on the chosen layers (default: all), and the changed layers
//    reprogrammed after every mini-batch, so the weights learn to absorb the chip's mismatch.
//    Against it, an open-loop twin: the same start trained on in software for as many epochs
//    and transferred onto the same chip (same devices: the crossbar's seed) at every epoch.
//
// Epoch 1 includes the off-chip training and the transfer; EpochReport::details holds
// software_acc, transfer_acc (all crossbar layers on the chip), open_loop_acc (in the loop) and
// per layer its crossbar, whether it is trained, transfer_acc with only that layer on the chip,
// the programming's RMS error and the pulses it took. test_acc is on the chip.
// Owned and used by one thread.
class CrossbarTrainer : public Trainer {
 public:
  enum class Method { Hybrid, InTheLoop };
  // Throws SpecError when no projection of the network is carried by a crossbar or when
  // options.layers names something that is not one.
  CrossbarTrainer(const Project& project, DatasetSplit data, const TrainerOptions& options,
                  const TrainerEntry& entry, Method method);
  ~CrossbarTrainer() override;

  EpochReport trainEpoch(int epoch, const TrainingCallbacks& callbacks) override;
  // The weights the chip holds (hybrid: what the devices represent; in the loop: the software
  // weights) and every crossbar's programmed conductances, with mapping.w_max set to the scale
  // they were programmed with, so that `evaluate` reads the same chip.
  Project trainedProject() const override;
  ConfusionMatrix lastConfusion() const override { return confusion_; }

  double softwareAccuracy() const { return softwareAccuracy_; }
  double transferAccuracy() const { return transferAccuracy_; }

 private:
  struct ChipLayer {
    size_t layer = 0;  // index in the surrogate network
    std::string projection;
    const CrossbarSpec* spec = nullptr;
    std::unique_ptr<CrossbarLayer> chip;
    bool trained = false;
    std::optional<PulseAccumulator> accumulator;  // hybrid, trained layers
    double transferAccuracy = 0.0;
    ProgramReport programming;
    PulseCounts pulses;  // since the transfer: in-situ updates or reprogramming
  };

  // What an epoch changes on the chip side, kept to roll a cancelled epoch back.
  struct ChipState {
    std::vector<CrossbarArray> arrays;
    std::vector<PulseCounts> pulses;
    std::vector<std::optional<PulseAccumulator>> accumulators;
    AdamOptimizer::State adam;
    std::mt19937_64 pulseRng;
  };
  ChipState chipState() const;
  void restore(const ChipState& state);

  void transfer(const TrainingCallbacks& callbacks, nlohmann::ordered_json& details);
  void attachAll();
  double chipAccuracy(const TrainingCallbacks& callbacks);
  void hybridUpdate(int threads);
  void inTheLoopUpdate(int threads);
  double openLoopTwinAccuracy(int epoch, const TrainingCallbacks& callbacks);
  nlohmann::ordered_json layerDetails() const;

  Project project_;
  Method method_;
  int offchipEpochs_ = 0;
  PulseRule rule_ = PulseRule::Manhattan;
  int maxPulses_ = 1;
  std::unique_ptr<SurrogateTrainer> software_;
  std::unique_ptr<SurrogateTrainer> twin_;  // in the loop: the open-loop comparison
  std::vector<ChipLayer> chips_;
  std::vector<Eigen::MatrixXf> deltas_;  // hybrid: one Adam step of a trained layer's weights
  std::unique_ptr<AdamOptimizer> adam_;  // over the chosen layers only
  std::mt19937_64 pulseRng_;
  bool transferred_ = false;
  double softwareAccuracy_ = 0.0, transferAccuracy_ = 0.0;
  ConfusionMatrix confusion_;
};

// The "hybrid" and "in-the-loop" entries of the trainer registry: the surrogate method's
// parameters plus offchip_epochs, pulse_rule, chip_learning_rate, max_pulses and open_loop_twin.
TrainerEntry crossbarTrainerEntry(CrossbarTrainer::Method method);

}  // namespace snn
