#include "ParamSchema.h"

#include <cmath>
#include <sstream>

namespace snn {

namespace {
// Whole numbers as integers (2000000000, not 2e+09); anything else in at most 6 significant
// digits, so that no message prints a 300-digit number.
std::string number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::abs(v) <= 1e15)
    return std::to_string(static_cast<long long>(v));
  std::ostringstream s;
  s << v;
  return s.str();
}
std::string withUnit(double v, const std::string& unit) {
  return number(v) + (unit.empty() ? "" : " " + unit);
}
}  // namespace

const char* paramKindName(ParamKind kind) {
  switch (kind) {
    case ParamKind::PerNeuron:
      return "per_neuron";
    case ParamKind::Sequence:
      return "sequence";
    case ParamKind::SpikeTrains:
      return "spike_trains";
    case ParamKind::Choice:
      return "choice";
    case ParamKind::Scalar:
      return "number";
    case ParamKind::Text:
      return "text";
    case ParamKind::Flag:
      return "flag";
    case ParamKind::Reference:
      return "reference";
    case ParamKind::Shape:
      return "shape";
    case ParamKind::Table:
      return "table";
  }
  return "?";
}

std::string ParamInfo::rangeText() const {
  const bool hasMin = std::isfinite(min);
  const bool hasMax = std::isfinite(max);
  const std::string u = unit.empty() || integer ? "" : " " + unit;
  const std::string lower = (minInclusive ? ">= " : "> ") + number(min) + u;
  const std::string upper = (maxInclusive ? "<= " : "< ") + number(max) + u;
  if (hasMin && hasMax) {
    if (integer) return "must be between " + number(min) + " and " + number(max);
    if (minInclusive && maxInclusive)
      return "must be in [" + number(min) + ", " + number(max) + "]" + u;
    return "must be " + lower + " and " + upper;
  }
  if (hasMin) return "must be " + lower;
  if (hasMax) return "must be " + upper;
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
    case ParamKind::PerNeuron:
      return ValueSpec::constant(defaultValue);
    case ParamKind::Sequence:
      return Sequence{};
    case ParamKind::SpikeTrains:
      return SpikeTrains{};
    case ParamKind::Choice:
      return choices.empty() ? std::string{} : choices.front();
    case ParamKind::Scalar:
    case ParamKind::Flag:
      return ValueSpec::constant(defaultValue);
    case ParamKind::Text:
    case ParamKind::Reference:
      return std::string{};
    case ParamKind::Shape:
    case ParamKind::Table:
      return Sequence{};
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

std::optional<std::string> checkParamValue(const ParamInfo& info, const ParamValue& value,
                                           int64_t size) {
  auto rangeProblem = [&](double v) -> std::optional<std::string> {
    if (!std::isfinite(v)) return "must be a finite number";
    if (info.inRange(v)) return std::nullopt;
    if (info.integer && v != std::floor(v)) return "must be a whole number (got " + number(v) + ")";
    return info.rangeText() + " (got " + withUnit(v, info.integer ? "" : info.unit) + ")";
  };
  switch (info.kind) {
    case ParamKind::PerNeuron: {
      const ValueSpec* v = std::get_if<ValueSpec>(&value);
      if (!v) return "expected a number, a per-neuron array or a distribution";
      switch (v->kind) {
        case ValueSpec::Kind::Scalar:
          return rangeProblem(v->scalar);
        case ValueSpec::Kind::Array:
          if (static_cast<int64_t>(v->array.size()) != size)
            return "has " + std::to_string(v->array.size()) + " values but the population has " +
                   std::to_string(size) + " neurons (give one value, or one per neuron)";
          for (size_t i = 0; i < v->array.size(); ++i)
            if (auto p = rangeProblem(v->array[i])) return "[" + std::to_string(i) + "] " + *p;
          return std::nullopt;
        case ValueSpec::Kind::Uniform:
          if (!(v->a <= v->b)) return "uniform(low, high) needs low <= high";
          if (auto p = rangeProblem(v->a)) return "uniform low " + *p;
          if (auto p = rangeProblem(v->b)) return "uniform high " + *p;
          return std::nullopt;
        case ValueSpec::Kind::Normal:
          if (!(v->b >= 0.0) || !std::isfinite(v->b))
            return "normal(mean, sd) needs sd >= 0 (got " + number(v->b) + ")";
          if (auto p = rangeProblem(v->a)) return "normal mean " + *p;
          if (v->b > 0.0 && (std::isfinite(info.min) || std::isfinite(info.max)))
            return "a normal distribution can fall outside the allowed range (" + info.rangeText() +
                   "); use uniform(low, high)";
          return std::nullopt;
      }
      return std::nullopt;
    }
    case ParamKind::Sequence: {
      const Sequence* s = std::get_if<Sequence>(&value);
      if (!s) return "expected a list of numbers";
      for (size_t i = 0; i < s->size(); ++i)
        if (auto p = rangeProblem((*s)[i])) return "[" + std::to_string(i) + "] " + *p;
      return std::nullopt;
    }
    case ParamKind::SpikeTrains: {
      const SpikeTrains* t = std::get_if<SpikeTrains>(&value);
      if (!t) return "expected one list of spike times per neuron";
      for (size_t n = 0; n < t->size(); ++n)
        for (size_t i = 0; i < (*t)[n].size(); ++i)
          if (auto p = rangeProblem((*t)[n][i]))
            return "[" + std::to_string(n) + "][" + std::to_string(i) + "] " + *p;
      return std::nullopt;
    }
    case ParamKind::Choice: {
      const std::string* s = std::get_if<std::string>(&value);
      if (!s) return "expected one of the words listed";
      for (const std::string& c : info.choices)
        if (c == *s) return std::nullopt;
      std::string list;
      for (const std::string& c : info.choices) list += (list.empty() ? "" : ", ") + c;
      return "must be one of " + list + " (got \"" + *s + "\")";
    }
    case ParamKind::Scalar: {
      const ValueSpec* v = std::get_if<ValueSpec>(&value);
      if (!v || !v->isScalar()) return "must be a single number";
      return rangeProblem(v->scalar);
    }
    case ParamKind::Flag: {
      const ValueSpec* v = std::get_if<ValueSpec>(&value);
      if (!v || !v->isScalar() || (v->scalar != 0.0 && v->scalar != 1.0))
        return "must be true or false";
      return std::nullopt;
    }
    case ParamKind::Text:
      if (!std::holds_alternative<std::string>(value)) return "expected a word";
      return std::nullopt;
    case ParamKind::Reference: {
      const std::string* s = std::get_if<std::string>(&value);
      if (!s) return "expected the id of an object";
      return std::nullopt;
    }
    case ParamKind::Shape: {
      const Sequence* s = std::get_if<Sequence>(&value);
      if (!s) return "expected [channels, height, width]";
      if (s->empty()) return std::nullopt;
      if (s->size() != 3)
        return "expected [channels, height, width] (got " + std::to_string(s->size()) + " numbers)";
      for (double d : *s)
        if (!(d >= 1 && d <= 1e9) || d != std::floor(d))
          return "each of channels, height and width must be a whole number >= 1";
      return std::nullopt;
    }
    case ParamKind::Table:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace snn
