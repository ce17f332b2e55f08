#include "LessonReader.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace snn {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& where, const std::string& message) {
  throw std::runtime_error(where + ": " + message);
}

std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path.string(), "cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string stringField(const json& j, const char* key, const std::string& where, bool required) {
  auto it = j.find(key);
  if (it == j.end()) {
    if (required) fail(where, std::string("needs \"") + key + "\"");
    return {};
  }
  if (!it->is_string()) fail(where + "." + key, "expected text");
  return it->get<std::string>();
}

double numberField(const json& j, const char* key, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) fail(where, std::string("needs a number \"") + key + "\"");
  return it->get<double>();
}

LessonCondition condition(const json& j, const std::string& where) {
  using K = LessonCondition::Kind;
  if (!j.is_object() || j.size() != 1)
    fail(where, "expected an object with one condition, e.g. {\"fires\": \"neuron\"}");
  const std::string key = j.begin().key();
  const json& v = j.begin().value();
  const std::string at = where + "." + key;
  LessonCondition c;
  auto population = [&](K kind) {
    c.kind = kind;
    if (!v.is_string()) fail(at, "expected a population id");
    c.population = v.get<std::string>();
  };
  auto rate = [&](K kind) {
    c.kind = kind;
    if (!v.is_object()) fail(at, "expected {\"population\": ID, \"hz\": number}");
    c.population = stringField(v, "population", at, true);
    c.number = numberField(v, "hz", at);
  };
  auto field = [&](K kind, bool needsValue) {
    c.kind = kind;
    if (!v.is_object()) fail(at, "expected {\"object\": ID, \"field\": NAME, \"value\": ...}");
    c.object = stringField(v, "object", at, false);
    c.field = stringField(v, "field", at, true);
    if (!needsValue) return;
    auto value = v.find("value");
    if (value == v.end()) fail(at, "needs \"value\"");
    if (value->is_string()) {
      if (kind != K::FieldEquals) fail(at + ".value", "expected a number");
      c.text = value->get<std::string>();
      c.textual = true;
    } else if (value->is_number()) {
      c.number = value->get<double>();
    } else {
      fail(at + ".value", "expected a number or a word");
    }
  };
  if (key == "ran_ms") {
    c.kind = K::RanMs;
    if (!v.is_number()) fail(at, "expected a number of ms");
    c.number = v.get<double>();
  } else if (key == "fires") {
    population(K::Fires);
  } else if (key == "silent") {
    population(K::Silent);
  } else if (key == "rate_above") {
    rate(K::RateAbove);
  } else if (key == "rate_below") {
    rate(K::RateBelow);
  } else if (key == "field_above") {
    field(K::FieldAbove, true);
  } else if (key == "field_below") {
    field(K::FieldBelow, true);
  } else if (key == "field_equals") {
    field(K::FieldEquals, true);
  } else if (key == "field_changed") {
    field(K::FieldChanged, false);
  } else if (key == "trained") {
    c.kind = K::Trained;
  } else if (key == "answers_right") {
    c.kind = K::AnswersRight;
    if (!v.is_number()) fail(at, "expected a number of samples");
    c.number = v.get<double>();
  } else if (key == "exists") {
    c.kind = K::Exists;
    if (!v.is_string()) fail(at, "expected an object id");
    c.object = v.get<std::string>();
  } else if (key == "all" || key == "any") {
    c.kind = key == "all" ? K::All : K::Any;
    if (!v.is_array() || v.empty()) fail(at, "expected a list of conditions");
    for (size_t i = 0; i < v.size(); ++i)
      c.all.push_back(condition(v[i], at + "[" + std::to_string(i) + "]"));
  } else {
    fail(at,
         "unknown condition (known: ran_ms, fires, silent, rate_above, rate_below, "
         "field_above, field_below, field_equals, field_changed, trained, answers_right, "
         "exists, all, any)");
  }
  return c;
}

std::string firstHeading(const std::string& markdown) {
  std::istringstream in(markdown);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("# ", 0) == 0) return line.substr(2);
  return {};
}

}  // namespace

LessonCondition parseLessonCondition(const std::string& text, const std::string& where) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    fail(where, std::string("not JSON: ") + e.what());
  }
  return condition(j, where);
}

Lesson readLesson(const fs::path& folder, const fs::path& examplesDir) {
  const fs::path file = folder / "lesson.json";
  const std::string where = file.string();
  json j;
  try {
    j = json::parse(readText(file));
  } catch (const json::parse_error& e) {
    fail(where, std::string("not JSON: ") + e.what());
  }
  if (!j.is_object()) fail(where, "expected an object");
  Lesson lesson;
  lesson.folder = fs::absolute(folder).lexically_normal().string();
  lesson.id = folder.filename().string();
  lesson.title = stringField(j, "title", where, true);
  lesson.summary = stringField(j, "summary", where, false);
  if (auto it = j.find("order"); it != j.end()) {
    if (!it->is_number_integer()) fail(where + ".order", "expected a whole number");
    lesson.order = it->get<int>();
  }
  if (const std::string project = stringField(j, "project", where, false); !project.empty()) {
    fs::path found = folder / project;
    if (!fs::exists(found)) found = examplesDir / project;
    if (!fs::exists(found))
      fail(where + ".project",
           "'" + project + "' is neither in the lesson's folder nor among the examples");
    lesson.project = fs::absolute(found).lexically_normal().string();
  }
  if (auto it = j.find("steps"); it != j.end()) {
    if (!it->is_array()) fail(where + ".steps", "expected a list");
    for (size_t i = 0; i < it->size(); ++i) {
      const std::string at = where + ".steps[" + std::to_string(i) + "]";
      const json& s = (*it)[i];
      if (!s.is_object()) fail(at, "expected {\"text\": ..., \"when\": {...}}");
      LessonStep step;
      step.text = stringField(s, "text", at, true);
      auto when = s.find("when");
      if (when == s.end()) fail(at, "needs \"when\"");
      step.when = condition(*when, at + ".when");
      lesson.steps.push_back(std::move(step));
    }
  }
  std::vector<fs::path> pages;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == ".md") pages.push_back(entry.path());
  std::sort(pages.begin(), pages.end());
  for (const fs::path& p : pages) {
    LessonPage page;
    page.markdown = readText(p);
    page.title = firstHeading(page.markdown);
    if (page.title.empty()) page.title = p.stem().string();
    lesson.pages.push_back(std::move(page));
  }
  if (lesson.pages.empty()) fail(folder.string(), "has no page (a file such as 01-intro.md)");
  return lesson;
}

std::vector<Lesson> readLessons(const fs::path& root, const fs::path& examplesDir,
                                std::vector<std::string>* problems) {
  std::vector<Lesson> lessons;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return lessons;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory() || !fs::exists(entry.path() / "lesson.json")) continue;
    try {
      lessons.push_back(readLesson(entry.path(), examplesDir));
    } catch (const std::exception& e) {
      if (problems) problems->push_back(e.what());
    }
  }
  std::sort(lessons.begin(), lessons.end(), [](const Lesson& a, const Lesson& b) {
    return a.order != b.order ? a.order < b.order : a.title < b.title;
  });
  return lessons;
}

}  // namespace snn
