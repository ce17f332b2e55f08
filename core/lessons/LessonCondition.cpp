#include "LessonCondition.h"

#include <algorithm>
#include <stdexcept>

#include "learning/LabelVote.h"
#include "model/ObjectFields.h"
#include "project/FieldSchemas.h"

namespace snn {

namespace {

// The field's value, or its schema default where the project leaves it unset.
std::optional<ParamValue> fieldValue(const Project& project, const std::string& object,
                                     const std::string& field) {
  ObjectKind kind = ObjectKind::Experiment;
  if (object == "training")
    kind = ObjectKind::Training;
  else if (!object.empty() && object != "experiment") {
    const auto k = project.network.kindOf(object);
    if (!k) return std::nullopt;
    kind = *k;
  }
  const std::string id =
      kind == ObjectKind::Experiment || kind == ObjectKind::Training ? "" : object;
  try {
    if (auto v = getField(project, kind, id, field)) return v;
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  if (auto info = fieldSchema(project, kind, id, field)) return info->defaultParamValue();
  return std::nullopt;
}

std::optional<double> numberOf(const std::optional<ParamValue>& v) {
  if (!v) return std::nullopt;
  if (const auto* s = std::get_if<ValueSpec>(&*v)) return s->mean();
  return std::nullopt;
}

double rateOf(const RunSummary& run, const std::string& population) {
  auto spikes = run.spikes.find(population);
  auto size = run.sizes.find(population);
  if (spikes == run.spikes.end() || size == run.sizes.end() || size->second <= 0 ||
      run.reachedMs <= 0.0)
    return 0.0;
  return static_cast<double>(spikes->second) / static_cast<double>(size->second) /
         (run.reachedMs / 1000.0);
}

}  // namespace

bool conditionMet(const LessonCondition& c, const Project& now, const Project& opened,
                  const RunSummary& run) {
  using K = LessonCondition::Kind;
  auto spikes = [&](const std::string& p) {
    auto it = run.spikes.find(p);
    return it == run.spikes.end() ? int64_t{-1} : it->second;
  };
  switch (c.kind) {
    case K::RanMs:
      return run.reachedMs >= c.number;
    case K::Fires:
      return spikes(c.population) > 0;
    case K::Silent:
      return spikes(c.population) == 0 && run.reachedMs >= 100.0;
    case K::RateAbove:
      return spikes(c.population) >= 0 && rateOf(run, c.population) > c.number;
    case K::RateBelow:
      return spikes(c.population) >= 0 && run.reachedMs > 0 && rateOf(run, c.population) < c.number;
    case K::FieldAbove:
    case K::FieldBelow: {
      const auto v = numberOf(fieldValue(now, c.object, c.field));
      return v && (c.kind == K::FieldAbove ? *v > c.number : *v < c.number);
    }
    case K::FieldEquals: {
      const auto v = fieldValue(now, c.object, c.field);
      if (!v) return false;
      if (c.textual) {
        const auto* s = std::get_if<std::string>(&*v);
        return s && *s == c.text;
      }
      const auto n = numberOf(v);
      return n && *n == c.number;
    }
    case K::FieldChanged: {
      const auto v = fieldValue(now, c.object, c.field);
      return v && v != fieldValue(opened, c.object, c.field);
    }
    case K::Trained:
      return !trainedLabels(now).empty();
    case K::AnswersRight:
      return run.answersRight >= c.number;
    case K::Exists:
      return now.network.kindOf(c.object).has_value();
    case K::All:
      return std::all_of(c.all.begin(), c.all.end(), [&](const LessonCondition& d) {
        return conditionMet(d, now, opened, run);
      });
    case K::Any:
      return std::any_of(c.all.begin(), c.all.end(), [&](const LessonCondition& d) {
        return conditionMet(d, now, opened, run);
      });
  }
  return false;
}

std::vector<std::string> conditionProblems(const LessonCondition& c, const Project& project) {
  using K = LessonCondition::Kind;
  std::vector<std::string> out;
  switch (c.kind) {
    case K::Fires:
    case K::Silent:
    case K::RateAbove:
    case K::RateBelow:
      if (!project.network.findPopulation(c.population))
        out.push_back("no population '" + c.population + "'");
      break;
    case K::FieldAbove:
    case K::FieldBelow:
    case K::FieldEquals:
    case K::FieldChanged:
      if (!fieldValue(project, c.object, c.field))
        out.push_back("no field '" + c.field + "' of '" + c.object + "'");
      break;
    case K::All:
    case K::Any:
      for (const LessonCondition& d : c.all)
        for (std::string& p : conditionProblems(d, project)) out.push_back(std::move(p));
      break;
    default:
      break;
  }
  return out;
}

}  // namespace snn
