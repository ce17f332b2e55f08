#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "Trainer.h"
#include "model/Diagnostic.h"
#include "model/ParamSchema.h"

namespace snn {

// Everything the engine knows about one training method: its parameter schema (the "params" of
// a project's "training" block, also what the GUI's training panel is generated from) and how to
// make a Trainer.
struct TrainerEntry {
  std::string name;  // the "method" key
  std::string displayName;
  std::string meaning;
  std::vector<ParamInfo> params;
  // Throws SpecError when the project does not have the shape the method needs.
  std::function<std::unique_ptr<Trainer>(const Project& project, DatasetSplit data,
                                         const TrainerOptions& options)>
      create;

  const ParamInfo* findParam(std::string_view name) const;
};

// The training methods, registered once in registerBuiltinTrainers(). Read-only afterwards.
class TrainerRegistry {
 public:
  static const TrainerRegistry& instance();
  void add(TrainerEntry entry);
  const TrainerEntry* find(std::string_view method) const;
  const std::vector<TrainerEntry>& entries() const { return entries_; }
  std::string names() const;

 private:
  std::vector<TrainerEntry> entries_;
};

// The one place built-in training methods are registered.
void registerBuiltinTrainers(TrainerRegistry& registry);

// Checks a project's training block: method known, params against its schema, input and output
// populations present. Appends to `out`.
void validateTraining(const Project& project, std::vector<Diagnostic>& out);

// The populations a training run uses: the block's input/output if set, else the first source
// population and the last neuron population.
struct TrainingEndpoints {
  std::string input;
  std::string output;
};
TrainingEndpoints resolveTrainingEndpoints(const Project& project);

// A parameter of the training block as a number: the project's value or the schema default.
double trainingParam(const Project& project, const TrainerEntry& method, std::string_view name);
// A Choice parameter of the training block: the project's word or the schema default.
std::string trainingChoice(const Project& project, const TrainerEntry& method,
                           std::string_view name);

}  // namespace snn
