#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "Lesson.h"

namespace snn {

// Reads a lesson folder: its lesson.json (title, summary, order, project, steps) and its pages,
// the files NN-*.md in name order (each page's title is its first "# " heading). The project is
// looked up next to lesson.json, then in `examplesDir`. Throws std::runtime_error naming the
// file and the field for anything missing or malformed (a teacher's typo gets a line, not a
// crash).
Lesson readLesson(const std::filesystem::path& folder, const std::filesystem::path& examplesDir);

// Every lesson under `root` (one folder each), in order; the folders that cannot be read are
// skipped and their errors returned in `problems`.
std::vector<Lesson> readLessons(const std::filesystem::path& root,
                                const std::filesystem::path& examplesDir,
                                std::vector<std::string>* problems = nullptr);

// Parses a step's "when" object (JSON text), for tests and lesson.json alike; throws
// std::runtime_error naming `where`.
LessonCondition parseLessonCondition(const std::string& json, const std::string& where);

}  // namespace snn
