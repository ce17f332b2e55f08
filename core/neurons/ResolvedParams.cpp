#include "ResolvedParams.h"

#include <stdexcept>

namespace snn {

namespace {
template <class Map>
const auto& lookup(const Map& map, std::string_view name, const char* what) {
  auto it = map.find(name);
  if (it == map.end())
    throw std::logic_error(std::string("no ") + what + " parameter '" + std::string(name) + "'");
  return it->second;
}
}  // namespace

ResolvedParams::ResolvedParams(const ModelInfo& info, int64_t size) : size_(size) {
  std::mt19937_64 unused;
  for (const ParamInfo& p : info.params) {
    set(p, p.defaultParamValue(), unused);
    explicit_[p.name] = false;
  }
}

void ResolvedParams::set(const ParamInfo& info, const ParamValue& value, std::mt19937_64& rng) {
  explicit_[info.name] = true;
  switch (info.kind) {
    case ParamKind::PerNeuron: {
      const auto& spec = std::get<ValueSpec>(value);
      if (spec.isScalar()) {
        numeric_[info.name] = {spec.scalar};
      } else {
        std::vector<double> v(static_cast<size_t>(size_));
        spec.fill(v, rng);
        numeric_[info.name] = std::move(v);
      }
      return;
    }
    case ParamKind::Sequence:
      sequences_[info.name] = std::get<Sequence>(value);
      return;
    case ParamKind::SpikeTrains:
      trains_[info.name] = std::get<SpikeTrains>(value);
      return;
    case ParamKind::Choice:
      choices_[info.name] = std::get<std::string>(value);
      return;
    default:  // the other kinds describe objects' fields, not model parameters
      throw std::logic_error("parameter '" + info.name + "' has a kind models do not take");
  }
}

const std::vector<double>& ResolvedParams::values(std::string_view name) const {
  return lookup(numeric_, name, "per-neuron");
}

double ResolvedParams::at(std::string_view name, int64_t neuron) const {
  const auto& v = values(name);
  return v.size() == 1 ? v.front() : v[static_cast<size_t>(neuron)];
}

const Sequence& ResolvedParams::sequence(std::string_view name) const {
  return lookup(sequences_, name, "sequence");
}

const SpikeTrains& ResolvedParams::trains(std::string_view name) const {
  return lookup(trains_, name, "spike-train");
}

const std::string& ResolvedParams::choice(std::string_view name) const {
  return lookup(choices_, name, "choice");
}

bool ResolvedParams::isExplicit(std::string_view name) const {
  auto it = explicit_.find(name);
  return it != explicit_.end() && it->second;
}

}  // namespace snn
