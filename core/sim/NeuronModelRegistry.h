#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "neurons/NeuronGroup.h"

namespace snn {

// Reports a problem with one parameter of a population: (field, message).
using ParamProblemSink = std::function<void(const std::string& field, const std::string& message)>;

// Everything the engine knows about one neuron or source model.
struct NeuronModelEntry {
  const ModelInfo* info = nullptr;
  std::function<std::unique_ptr<NeuronGroup>(int64_t size, ResolvedParams params)> create;
  // Checks between parameters the schema cannot express (lengths that must match, ordering).
  std::function<void(const ResolvedParams& params, const ParamProblemSink& report)> check;
};

// The models a project can name, in palette order. Read-only after construction, so it may be
// used from any thread.
class NeuronModelRegistry {
 public:
  // The built-in models, registered once by registerBuiltinModels().
  static const NeuronModelRegistry& instance();

  void add(NeuronModelEntry entry);
  const NeuronModelEntry* find(std::string_view name) const;
  const std::vector<NeuronModelEntry>& entries() const { return entries_; }
  // "lif, if, adaptive_lif, ..." for error messages.
  std::string names() const;

 private:
  std::vector<NeuronModelEntry> entries_;
};

// The one place built-in models are registered, in the order the palette lists them.
void registerBuiltinModels(NeuronModelRegistry& registry);

}  // namespace snn
