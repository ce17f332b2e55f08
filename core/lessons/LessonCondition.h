#pragma once

#include <map>
#include <string>
#include <vector>

#include "Lesson.h"
#include "model/NetworkSpec.h"

namespace snn {

// What the window knows of the last run, for a lesson's checks.
struct RunSummary {
  double reachedMs = 0.0;                 // simulated time the run reached
  std::map<std::string, int64_t> spikes;  // per population
  std::map<std::string, int64_t> sizes;   // per population
  int answersRight = 0;                   // samples a trained network answered right
};

// Whether `c` holds for the project as it is now (`now`), the project as the lesson opened it
// (`opened`, for field_changed) and the last run. A field that does not exist (the object was
// renamed or deleted) does not hold.
bool conditionMet(const LessonCondition& c, const Project& now, const Project& opened,
                  const RunSummary& run);

// What in `c` does not fit `project` (a population or object that is not there, a field no
// schema describes), one line each; empty when everything is there. For lesson authors (the
// tests check every shipped lesson with it).
std::vector<std::string> conditionProblems(const LessonCondition& c, const Project& project);

}  // namespace snn
