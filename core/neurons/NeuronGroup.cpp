#include "NeuronGroup.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace snn {

NeuronGroup::NeuronGroup(const ModelInfo& info, int64_t size, ResolvedParams params)
    : spiked_(static_cast<size_t>(size), 0), info_(&info), size_(size), params_(std::move(params)) {
  if (info.role == ModelRole::Neuron) {
    iExcData_ = addState("i_exc").data();
    iInhData_ = addState("i_inh").data();
    iExt_.assign(static_cast<size_t>(size), 0.0);
  }
}

void NeuronGroup::resetState() {
  for (const StateVarInfo& var : info_->stateVars) {
    auto it = state_.find(var.name);
    if (it == state_.end()) continue;
    const bool fromParam = !var.initialFromParam.empty();
    for (int64_t i = 0; i < size_; ++i) {
      it->second[static_cast<size_t>(i)] =
          static_cast<Real>(fromParam ? params_.at(var.initialFromParam, i) : var.initial);
    }
  }
  clearInputs();
  std::fill(spiked_.begin(), spiked_.end(), 0);
}

void NeuronGroup::seed(uint64_t, std::string_view) {}

Real NeuronGroup::outputCurrent(int64_t, int64_t) const {
  return 0.0;
}

double NeuronGroup::steadyStateRate(int64_t, double) const {
  return std::numeric_limits<double>::quiet_NaN();
}

void NeuronGroup::setParameter(const ParamInfo& info, const ParamValue& value,
                               std::mt19937_64& rng) {
  params_.set(info, value, rng);
  prepare(dt_);
}

std::span<Real> NeuronGroup::state(std::string_view var) {
  auto it = state_.find(var);
  if (it == state_.end()) return {};
  return it->second;
}

std::span<const Real> NeuronGroup::state(std::string_view var) const {
  auto it = state_.find(var);
  if (it == state_.end()) return {};
  return it->second;
}

void NeuronGroup::setState(std::string_view var, std::span<const double> values) {
  auto it = state_.find(var);
  if (it == state_.end())
    throw std::logic_error("model '" + info_->name + "' has no state variable '" +
                           std::string(var) + "'");
  std::transform(values.begin(), values.end(), it->second.begin(),
                 [](double x) { return static_cast<Real>(x); });
}

std::vector<Real>& NeuronGroup::addState(const std::string& name, Real initial) {
  auto& v = state_[name];
  v.assign(static_cast<size_t>(size_), initial);
  if (name == "v") v_ = &v;
  return v;
}

double NeuronGroup::divergenceBound() const {
  return std::numeric_limits<double>::infinity();
}

int64_t NeuronGroup::firstDiverged(int64_t begin, int64_t end) const {
  if (!v_) return -1;
  const Real* __restrict v = v_->data();
  const Real bound = static_cast<Real>(divergenceBound());
  // !(|v| <= bound) also catches NaN; an integer OR keeps the loop branch-free (vectorised).
  int bad = 0;
  for (int64_t i = begin; i < end; ++i) bad |= !(std::abs(v[i]) <= bound);
  if (!bad) return -1;
  for (int64_t i = begin; i < end; ++i)
    if (!(std::abs(v[i]) <= bound)) return i;
  return -1;
}

std::vector<Real>& NeuronGroup::stateVector(std::string_view name) {
  auto it = state_.find(name);
  if (it == state_.end())
    throw std::logic_error("model '" + info_->name + "' registers no state '" + std::string(name) +
                           "'");
  return it->second;
}

void NeuronGroup::collectSpikes(int64_t begin, int64_t end, std::vector<int32_t>& spikes) const {
  const SpikeFlag* flags = spiked_.data();
  int64_t i = begin;
  // Most steps most neurons are silent: skip 32 flags (64 bytes) at a time.
  for (; i + 32 <= end; i += 32) {
    uint64_t w[8];
    std::memcpy(w, flags + i, sizeof w);
    if ((w[0] | w[1] | w[2] | w[3] | w[4] | w[5] | w[6] | w[7]) == 0) continue;
    for (int64_t k = i; k < i + 32; ++k)
      if (flags[k]) spikes.push_back(static_cast<int32_t>(k));
  }
  for (; i < end; ++i)
    if (flags[i]) spikes.push_back(static_cast<int32_t>(i));
}

void NeuronGroup::clearInputs() {
  for (const char* name : {"i_exc", "i_inh"}) {
    auto it = state_.find(name);
    if (it != state_.end()) std::fill(it->second.begin(), it->second.end(), 0.0);
  }
  std::fill(iExt_.begin(), iExt_.end(), 0.0);
}

}  // namespace snn
