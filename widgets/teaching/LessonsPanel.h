#pragma once

#include <QWidget>
#include <vector>

#include "lessons/Lesson.h"
#include "model/NetworkSpec.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QVBoxLayout;

namespace snn::gui {

class LessonRunTracker;
class NetworkDocument;

// The Lessons dock: the lessons of a folder (docs/lessons.md), one at a time — its pages (Markdown
// with rendered equations and figures) with Previous and Next, a button that opens its project,
// and its "try this" steps, each ticked by itself as soon as its condition holds on the project
// or the last run (and kept ticked). GUI thread.
class LessonsPanel : public QWidget {
  Q_OBJECT

 public:
  LessonsPanel(NetworkDocument* document, LessonRunTracker* run, QString examplesDir,
               QWidget* parent = nullptr);

  // Reads the lessons of `folder` (again); the reasons lessons could not be read, if any.
  QStringList loadFolder(const QString& folder);
  const std::vector<Lesson>& lessons() const { return lessons_; }
  // Shows lesson `index` at its first page (does not open its project).
  void showLesson(int index);
  int currentLesson() const { return current_; }
  void showPage(int page);
  int currentPage() const { return page_; }
  // The HTML of the page on show (for tests).
  QString pageHtml() const;
  // Which steps are ticked.
  std::vector<bool> stepsDone() const { return done_; }
  // Opens the current lesson's project in the document (through openProjectRequested).
  void openProject();

 Q_SIGNALS:
  // The window opens the file as an example (a copy: saving asks for a name).
  void openProjectRequested(const QString& path);
  void messageReported(const QString& message);

 private:
  void check();
  void rebuildSteps();

  NetworkDocument* document_;
  LessonRunTracker* run_;
  QString examplesDir_;
  QString folder_;
  std::vector<Lesson> lessons_;
  int current_ = -1;
  int page_ = 0;
  std::vector<bool> done_;
  Project opened_;  // the lesson's project as it was opened (field_changed compares with it)
  bool projectOpen_ = false;
  bool opening_ = false;  // the next project replaced is the lesson's
  QComboBox* list_;
  QLabel* summary_;
  QPushButton* open_;
  QTextBrowser* text_;
  QLabel* pageLabel_;
  QPushButton* previous_;
  QPushButton* next_;
  QVBoxLayout* steps_;
  QWidget* stepsBox_;
  std::vector<QLabel*> stepLabels_;
};

}  // namespace snn::gui
