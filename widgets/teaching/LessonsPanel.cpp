#include "LessonsPanel.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

#include "LessonRunTracker.h"
#include "document/NetworkDocument.h"
#include "lessons/LessonCondition.h"
#include "lessons/LessonReader.h"
#include "lessons/MarkdownText.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

LessonsPanel::LessonsPanel(NetworkDocument* document, LessonRunTracker* run, QString examplesDir,
                           QWidget* parent)
    : QWidget(parent), document_(document), run_(run), examplesDir_(std::move(examplesDir)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 8);
  list_ = new QComboBox(this);
  list_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  list_->setMinimumContentsLength(16);
  list_->setToolTip(tr("The lessons: each a network to run and pages to read"));
  layout->addWidget(list_);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  layout->addWidget(summary_);
  open_ = new QPushButton(themeIcon("document-open"), tr("Open the Lesson's Network"), this);
  open_->setToolTip(tr("Opens the project this lesson works with (the current one is closed)"));
  layout->addWidget(open_);
  text_ = new QTextBrowser(this);
  text_->setOpenExternalLinks(true);
  // Headings a step above the text, not a poster: the dock is narrow.
  text_->document()->setDefaultStyleSheet(
      "h1 { font-size: large; } h2 { font-size: medium; } h3 { font-size: medium; }");
  auto* split = new QSplitter(Qt::Vertical, this);
  split->setChildrenCollapsible(false);
  auto* pageBox = new QWidget(split);
  auto* pageLayout = new QVBoxLayout(pageBox);
  pageLayout->setContentsMargins(0, 0, 0, 0);
  pageLayout->addWidget(text_, 1);
  auto* nav = new QHBoxLayout;
  previous_ = new QPushButton(tr("◀ Previous"), this);
  pageLabel_ = new QLabel(this);
  pageLabel_->setAlignment(Qt::AlignCenter);
  next_ = new QPushButton(tr("Next ▶"), this);
  nav->addWidget(previous_);
  nav->addWidget(pageLabel_, 1);
  nav->addWidget(next_);
  pageLayout->addLayout(nav);
  auto* stepsScroll = new QScrollArea(split);
  stepsScroll->setWidgetResizable(true);
  stepsScroll->setFrameShape(QFrame::NoFrame);
  stepsBox_ = new QWidget(stepsScroll);
  steps_ = new QVBoxLayout(stepsBox_);
  steps_->setContentsMargins(0, 4, 0, 0);
  steps_->addStretch(1);
  stepsScroll->setWidget(stepsBox_);
  split->addWidget(pageBox);
  split->addWidget(stepsScroll);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);

  connect(list_, &QComboBox::activated, this, [this](int index) { showLesson(index); });
  connect(open_, &QPushButton::clicked, this, &LessonsPanel::openProject);
  connect(previous_, &QPushButton::clicked, this, [this] { showPage(page_ - 1); });
  connect(next_, &QPushButton::clicked, this, [this] { showPage(page_ + 1); });
  connect(document_, &NetworkDocument::changed, this, [this](const ChangeEvent& e) {
    if (e.type == ChangeEvent::Type::ProjectReplaced) {
      projectOpen_ = opening_;
      if (opening_) opened_ = document_->project();
      opening_ = false;
    }
    check();
  });
  connect(run_, &LessonRunTracker::changed, this, &LessonsPanel::check);
}

QStringList LessonsPanel::loadFolder(const QString& folder) {
  folder_ = folder;
  std::vector<std::string> problems;
  lessons_ = readLessons(toStd(folder), toStd(examplesDir_), &problems);
  list_->clear();
  for (size_t i = 0; i < lessons_.size(); ++i)
    list_->addItem(QString("%1. %2").arg(i + 1).arg(toQ(lessons_[i].title)));
  current_ = -1;
  if (!lessons_.empty()) showLesson(0);
  QStringList out;
  for (const std::string& p : problems) out << toQ(p);
  return out;
}

void LessonsPanel::showLesson(int index) {
  if (index < 0 || index >= static_cast<int>(lessons_.size())) return;
  current_ = index;
  list_->setCurrentIndex(index);
  const Lesson& lesson = lessons_[static_cast<size_t>(index)];
  summary_->setText(toQ(lesson.summary));
  open_->setEnabled(!lesson.project.empty());
  text_->setSearchPaths({toQ(lesson.folder)});
  done_.assign(lesson.steps.size(), false);
  projectOpen_ = lesson.project.empty();
  rebuildSteps();
  showPage(0);
  check();
}

void LessonsPanel::showPage(int page) {
  if (current_ < 0) return;
  const Lesson& lesson = lessons_[static_cast<size_t>(current_)];
  page_ = std::clamp(page, 0, static_cast<int>(lesson.pages.size()) - 1);
  text_->setHtml(toQ(markdownToHtml(lesson.pages[static_cast<size_t>(page_)].markdown)));
  pageLabel_->setText(tr("page %1 of %2").arg(page_ + 1).arg(lesson.pages.size()));
  previous_->setEnabled(page_ > 0);
  next_->setEnabled(page_ + 1 < static_cast<int>(lesson.pages.size()));
}

QString LessonsPanel::pageHtml() const {
  return text_->toHtml();
}

void LessonsPanel::openProject() {
  if (current_ < 0) return;
  const Lesson& lesson = lessons_[static_cast<size_t>(current_)];
  if (lesson.project.empty()) return;
  opening_ = true;
  done_.assign(lesson.steps.size(), false);
  Q_EMIT openProjectRequested(toQ(lesson.project));
  opening_ = false;  // a refused open leaves the old project
  rebuildSteps();
  check();
}

void LessonsPanel::rebuildSteps() {
  for (QLabel* l : stepLabels_) delete l;
  stepLabels_.clear();
  if (current_ < 0) return;
  const Lesson& lesson = lessons_[static_cast<size_t>(current_)];
  stepsBox_->setVisible(!lesson.steps.empty());
  if (lesson.steps.empty()) return;
  auto* heading = new QLabel(tr("<b>Try this</b>"), stepsBox_);
  steps_->insertWidget(steps_->count() - 1, heading);
  stepLabels_.push_back(heading);
  for (size_t s = 0; s < lesson.steps.size(); ++s) {
    auto* label = new QLabel(stepsBox_);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    steps_->insertWidget(steps_->count() - 1, label);
    stepLabels_.push_back(label);
  }
}

void LessonsPanel::check() {
  if (current_ < 0) return;
  const Lesson& lesson = lessons_[static_cast<size_t>(current_)];
  if (projectOpen_)
    for (size_t s = 0; s < lesson.steps.size(); ++s)
      if (!done_[s] &&
          conditionMet(lesson.steps[s].when, document_->project(), opened_, run_->summary()))
        done_[s] = true;
  // The first step not done is the one to do now.
  size_t next = 0;
  while (next < done_.size() && done_[next]) ++next;
  for (size_t s = 0; s < lesson.steps.size() && s + 1 < stepLabels_.size(); ++s) {
    const QString text = toQ(inlineMarkdownToHtml(lesson.steps[s].text));
    const QString mark = done_[s] ? QStringLiteral("☑") : QStringLiteral("☐");
    stepLabels_[s + 1]->setText(s == next ? QString("%1 <b>%2</b>").arg(mark, text)
                                          : QString("%1 %2").arg(mark, text));
    stepLabels_[s + 1]->setEnabled(projectOpen_);
  }
  if (!lesson.steps.empty() && !projectOpen_)
    stepLabels_.front()->setText(tr("<b>Try this</b> — open the lesson's network first"));
  else if (!stepLabels_.empty())
    stepLabels_.front()->setText(next == done_.size() ? tr("<b>Try this</b> — all done!")
                                                      : tr("<b>Try this</b>"));
}

}  // namespace snn::gui
