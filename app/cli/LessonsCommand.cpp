// snnwb-cli lessons check FOLDER: what a teacher runs after writing a lesson (docs/lessons.md).
#include <filesystem>
#include <iostream>
#include <memory>

#include "CliErrors.h"
#include "Commands.h"
#include "io/ProjectJson.h"
#include "lessons/LessonCondition.h"
#include "lessons/LessonReader.h"

namespace {

namespace fs = std::filesystem;

// Problems of one lesson beyond its files: its project loads, its steps name what it has.
std::vector<std::string> lessonProblems(const snn::Lesson& lesson) {
  std::vector<std::string> out;
  if (lesson.project.empty()) return out;
  snn::Project project;
  try {
    project = snn::loadProject(lesson.project);
  } catch (const std::exception& e) {
    out.push_back(lesson.project + ": " + e.what());
    return out;
  }
  for (size_t s = 0; s < lesson.steps.size(); ++s)
    for (const std::string& p : snn::conditionProblems(lesson.steps[s].when, project))
      out.push_back(lesson.folder + "/lesson.json: steps[" + std::to_string(s) + "]: " + p);
  return out;
}

}  // namespace

Command addLessonsCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("lessons", "Lessons of the window (docs/lessons.md)");
  cmd->require_subcommand(1);
  auto folder = std::make_shared<std::string>();
  auto examples = std::make_shared<std::string>();
  auto* check = cmd->add_subcommand(
      "check", "Read every lesson under FOLDER and report each problem with its file and field");
  check->add_option("FOLDER", *folder, "A folder of lessons (e.g. resources/lessons)")->required();
  check->add_option("--examples", *examples,
                    "Where lessons' projects are looked for (default: FOLDER/../examples)");
  return {cmd, [folder, examples]() {
            const fs::path root(*folder);
            if (!fs::is_directory(root)) {
              std::cerr << "snnwb-cli: " << *folder << ": not a folder\n";
              return kExitBadInput;
            }
            const fs::path ex = examples->empty() ? root / ".." / "examples" : fs::path(*examples);
            std::vector<std::string> problems;
            const auto lessons = snn::readLessons(root, ex, &problems);
            for (const snn::Lesson& l : lessons)
              for (std::string& p : lessonProblems(l)) problems.push_back(std::move(p));
            for (const std::string& p : problems) std::cerr << p << "\n";
            std::cout << lessons.size() << " lessons read, " << problems.size() << " problems\n";
            return problems.empty() ? kExitOk : kExitBadInput;
          }};
}
