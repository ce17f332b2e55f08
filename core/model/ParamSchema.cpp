#include "ParamSchema.h"

#include <cmath>
#include <sstream>

namespace snn {

namespace {
std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}
}  // namespace

std::string ParamInfo::rangeText() const {
  const bool hasMin = std::isfinite(min);
  const bool hasMax = std::isfinite(max);
  if (hasMin && hasMax) {
    return "must be in " + std::string(minInclusive ? "[" : "(") + number(min) + ", " +
           number(max) + (maxInclusive ? "]" : ")");
  }
  if (hasMin) return std::string("must be ") + (minInclusive ? ">= " : "> ") + number(min);
  if (hasMax) return std::string("must be ") + (maxInclusive ? "<= " : "< ") + number(max);
  return {};
}

bool ParamInfo::inRange(double v) const {
  if (!std::isfinite(v)) return false;
  if (minInclusive ? v < min : v <= min) return false;
  if (maxInclusive ? v > max : v >= max) return false;
  if (integer && v != std::floor(v)) return false;
  return true;
}

ParamValue ParamInfo::defaultParamValue() const {
  switch (kind) {
    case ParamKind::PerNeuron: return ValueSpec::constant(defaultValue);
    case ParamKind::Sequence: return Sequence{};
    case ParamKind::SpikeTrains: return SpikeTrains{};
    case ParamKind::Choice: return choices.empty() ? std::string{} : choices.front();
  }
  return ValueSpec::constant(defaultValue);
}

const ParamInfo* ModelInfo::findParam(std::string_view param) const {
  for (const ParamInfo& p : params)
    if (p.name == param) return &p;
  return nullptr;
}

const StateVarInfo* ModelInfo::findStateVar(std::string_view var) const {
  for (const StateVarInfo& v : stateVars)
    if (v.name == var) return &v;
  return nullptr;
}

std::string ModelInfo::paramNames() const {
  std::string s;
  for (const ParamInfo& p : params) s += (s.empty() ? "" : ", ") + p.name;
  return s;
}

std::string ModelInfo::stateVarNames() const {
  std::string s;
  for (const StateVarInfo& v : stateVars) s += (s.empty() ? "" : ", ") + v.name;
  return s;
}

}  // namespace snn
