#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "model/ParamSchema.h"

namespace snn {

// The parameters of one population after defaults are filled in and distributions drawn.
// A per-neuron parameter holds one value when it is the same for every neuron, else one per
// neuron. Built by the compiler; read by a NeuronGroup in prepare().
class ResolvedParams {
 public:
  ResolvedParams() = default;
  // Every parameter at its schema default.
  ResolvedParams(const ModelInfo& info, int64_t size);

  // Replaces one parameter (already validated against the schema); draws distributions from rng.
  void set(const ParamInfo& info, const ParamValue& value, std::mt19937_64& rng);

  int64_t size() const { return size_; }
  bool isUniform(std::string_view name) const { return values(name).size() == 1; }
  // All values of a per-neuron parameter: one element when uniform, else size() elements.
  const std::vector<double>& values(std::string_view name) const;
  double at(std::string_view name, int64_t neuron) const;
  // The uniform value (the first neuron's when it varies).
  double scalar(std::string_view name) const { return values(name).front(); }
  const Sequence& sequence(std::string_view name) const;
  const SpikeTrains& trains(std::string_view name) const;
  const std::string& choice(std::string_view name) const;
  // Whether the project set the parameter rather than leaving the default.
  bool isExplicit(std::string_view name) const;

 private:
  int64_t size_ = 0;
  std::map<std::string, std::vector<double>, std::less<>> numeric_;
  std::map<std::string, Sequence, std::less<>> sequences_;
  std::map<std::string, SpikeTrains, std::less<>> trains_;
  std::map<std::string, std::string, std::less<>> choices_;
  std::map<std::string, bool, std::less<>> explicit_;
};

}  // namespace snn
