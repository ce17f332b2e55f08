#pragma once

#include <memory>
#include <vector>

#include "SamplePresenter.h"
#include "Trainer.h"
#include "TrainerRegistry.h"

namespace snn {

// Unsupervised STDP training as Diehl & Cook, Front. Comput. Neurosci. 9:99 (2015) do it: the
// "stdp" training method. The network is the project's own: an image-fed source population (the
// training block's input, normally Poisson), an output population (normally adaptive-threshold
// LIF with lateral inhibition through an inhibitory population), and at least one plastic
// projection from the input to the output, which learns by its own rule (PlasticSynapses). The
// trainer runs the protocol:
//  1. learn: every training sample is shown in turn (SamplePresenter: 350 ms, rest 150 ms, rate
//     boosted while fewer than 5 output spikes), plasticity on, thresholds adapting;
//  2. label: with weights fixed and thresholds frozen (theta_plus = 0), each output neuron takes
//     the class to which it responded most on average over `label_samples` training samples;
//  3. test: a test sample's class is the one whose labelled neurons fire most on average.
// Labelling and test samples are independent of each other: each starts from the network's
// trained state with its own input streams, drawn from the seed and the sample's index, so the
// passes share the samples among threads and give the same answers whatever their number. The
// learning pass is one sequence and runs one simulator; it splits each step between threads only
// for large output layers (kParallelStepNeurons), where a step has work enough to pay for the
// barrier between its phases.
//
// The trained project keeps the learned weights (storeLearnedWeights), the thresholds as the
// output's "init": {"theta": [...]}, and the labels as the training parameter "labels" (one class
// per output neuron, -1 for a neuron that never fired), so that training can resume from it and
// the labels travel with the network.
//
// Owned and used by one thread (the CLI's main thread or the GUI's training worker).
class StdpTrainer : public Trainer {
 public:
  static constexpr int64_t kParallelStepNeurons = 4096;

  // The method's registry entry: name "stdp", the parameter schema, the factory.
  static TrainerEntry entry();

  // Throws SpecError when the project lacks what the method needs.
  StdpTrainer(const Project& project, DatasetSplit data, const TrainerOptions& options);
  ~StdpTrainer() override;

  EpochReport trainEpoch(int epoch, const TrainingCallbacks& callbacks) override;
  Project trainedProject() const override;
  ConfusionMatrix lastConfusion() const override { return confusion_; }
  // The test pass alone (TrainerOptions::testLimit samples), with the labels the project holds:
  // the network as it stands, on its crossbars where it has them.
  double testAccuracy(const TrainingCallbacks& callbacks = {});

  // Output spikes of each sample of a pass: sample s fired neurons[offsets[s] .. offsets[s + 1]).
  struct Responses {
    std::vector<int64_t> offsets{0};
    std::vector<int32_t> neurons;
    std::vector<double> rates;  // the input's rate_max each sample was answered at, Hz
  };

 private:
  struct Saved;

  // The labelling or test pass over the first n samples of d.
  Responses respond(const Dataset& d, int64_t n, const char* phase, int epoch,
                    const TrainingCallbacks& callbacks) const;
  void assignLabels(const Responses& r, const Dataset& d);
  // Fraction of samples whose vote is their label; fills `confusion` when not null.
  double accuracy(const Responses& r, const Dataset& d, ConfusionMatrix* confusion) const;
  std::shared_ptr<const WeightSnapshot> snapshot(int epoch) const;
  Saved save() const;
  void restore(const Saved& s);

  Project project_;  // as given; trainedProject() writes what was learned into a copy
  DatasetSplit data_;
  TrainerOptions options_;
  std::string inputId_, outputId_;
  SamplePresenter::Protocol protocol_;
  std::unique_ptr<SamplePresenter> learner_;
  int fieldProjection_ = 0;  // the plastic projection input -> output (receptive fields)
  int64_t labelSamples_ = 0;
  int64_t snapshotEvery_ = 0;
  std::vector<int> labels_;  // per output neuron; -1: none
  double answerRate_ = 0.0;  // input rate 9 in 10 labelling samples were answered at, Hz
  ConfusionMatrix confusion_;
  int64_t samplesSeen_ = 0;
};

}  // namespace snn
