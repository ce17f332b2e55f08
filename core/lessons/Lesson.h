#pragma once

#include <memory>
#include <string>
#include <vector>

namespace snn {

// What a "try this" step asks of the project or of the last run (docs/lessons.md lists them):
// a tree of conditions, read from the step's "when" object.
struct LessonCondition {
  enum class Kind {
    RanMs,         // the last run reached `number` ms
    Fires,         // `population` spiked in the last run
    Silent,        // `population` did not spike in a run of at least 100 ms
    RateAbove,     // `population`'s mean rate over the last run > `number` Hz
    RateBelow,     // ... < `number` Hz
    FieldAbove,    // field `field` of object `object` (getField) > `number`
    FieldBelow,    // ... < `number`
    FieldEquals,   // ... == `number` or == `text`
    FieldChanged,  // ... differs from the value in the lesson's project as opened
    Trained,       // the project holds a trained, labelled network
    AnswersRight,  // the trained network answered at least `number` samples right in the last run
    Exists,        // an object of id `object` is in the project (e.g. made by a conversion)
    All,           // every one of `all`
    Any,           // at least one of `all`
  };
  Kind kind = Kind::RanMs;
  std::string population;
  std::string object;
  std::string field;
  double number = 0.0;
  std::string text;  // FieldEquals on a word (a model, a choice)
  bool textual = false;
  std::vector<LessonCondition> all;
};

// A step of a lesson: what to try, and the condition that ticks it.
struct LessonStep {
  std::string text;  // Markdown (inline), with $math$
  LessonCondition when;
};

// A page of a lesson: Markdown with $inline$ and $$display$$ math and figures.
struct LessonPage {
  std::string title;
  std::string markdown;
};

// One lesson: a folder of resources/lessons/ (docs/lessons.md).
struct Lesson {
  std::string folder;  // absolute path of the lesson's folder
  std::string id;      // the folder's name
  std::string title;
  std::string summary;  // one line for the list
  int order = 0;        // lessons are listed by order, then title
  std::string project;  // the project file it opens: absolute path, or empty for none
  std::vector<LessonPage> pages;
  std::vector<LessonStep> steps;
};

}  // namespace snn
