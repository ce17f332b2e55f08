#pragma once

#include <QMetaType>
#include <QString>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "learning/Trainer.h"

namespace snn::gui {

// Where a training session is.
enum class TrainingState {
  Idle,        // nothing running; the results of the last run (if any) stay available
  Preparing,   // the worker loads the dataset and builds the trainer
  Training,    // epochs run
  Cancelling,  // Cancel was asked; the worker gives up within a sample or a mini-batch
};

// How a run ended.
enum class TrainingOutcome { Completed, Cancelled, Failed };

// What the user asked for besides the project's training block (snnwb-cli train's flags).
struct TrainingRequest {
  int epochs = 1;
  int64_t trainLimit = 0;  // first N training samples (0: all)
  int64_t testLimit = 0;   // first N test samples (0: all)
};

// What a run is about to do, known once the dataset is loaded: the views set themselves up
// from it.
struct TrainingPlan {
  std::string method;
  std::string dataset;
  int epochs = 1;
  int64_t trainSamples = 0;
  int64_t testSamples = 0;
  int classes = 0;
  int imageHeight = 0;
  int imageWidth = 0;
};

using ProjectPtr = std::shared_ptr<const Project>;
using TrainingPlanPtr = std::shared_ptr<const TrainingPlan>;
using WeightSnapshotPtr = std::shared_ptr<const WeightSnapshot>;
using SampleActivityPtr = std::shared_ptr<const SampleActivity>;
using ConfusionPtr = std::shared_ptr<const ConfusionMatrix>;

}  // namespace snn::gui

Q_DECLARE_METATYPE(snn::gui::TrainingState)
Q_DECLARE_METATYPE(snn::gui::TrainingOutcome)
Q_DECLARE_METATYPE(snn::gui::ProjectPtr)
Q_DECLARE_METATYPE(snn::gui::TrainingPlanPtr)
Q_DECLARE_METATYPE(snn::gui::WeightSnapshotPtr)
Q_DECLARE_METATYPE(snn::gui::SampleActivityPtr)
Q_DECLARE_METATYPE(snn::gui::ConfusionPtr)
Q_DECLARE_METATYPE(snn::TrainingProgress)
Q_DECLARE_METATYPE(snn::EpochReport)
