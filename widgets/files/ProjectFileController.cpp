#include "ProjectFileController.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>

#include "document/NetworkDocument.h"
#include "io/ProjectJson.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {
constexpr int kMaxRecent = 8;
const char* kFilter =
    QT_TRANSLATE_NOOP("ProjectFileController",
                      "SNN Workbench projects (*.snnwb.json);;JSON files (*.json);;All files (*)");
}  // namespace

ProjectFileController::ProjectFileController(NetworkDocument* document, QString examplesDir,
                                             QWidget* window)
    : QObject(window), document_(document), examplesDir_(std::move(examplesDir)), window_(window) {
  new_ = new QAction(themeIcon("document-new"), tr("&New"), this);
  new_->setShortcut(QKeySequence::New);
  open_ = new QAction(themeIcon("document-open"), tr("&Open…"), this);
  open_->setShortcut(QKeySequence::Open);
  save_ = new QAction(themeIcon("document-save"), tr("&Save"), this);
  save_->setShortcut(QKeySequence::Save);
  saveAs_ = new QAction(themeIcon("document-save-as"), tr("Save &As…"), this);
  saveAs_->setShortcut(QKeySequence::SaveAs);
  recent_ = new QMenu(tr("Open &Recent"), window);
  examples_ = new QMenu(tr("Open &Example"), window);
  connect(new_, &QAction::triggered, this, &ProjectFileController::newProject);
  connect(open_, &QAction::triggered, this, &ProjectFileController::open);
  connect(save_, &QAction::triggered, this, &ProjectFileController::save);
  connect(saveAs_, &QAction::triggered, this, &ProjectFileController::saveAs);
  connect(document_, &NetworkDocument::filePathChanged, this, &ProjectFileController::titleChanged);
  rebuildRecentMenu();
  rebuildExamplesMenu();
}

QString ProjectFileController::documentTitle() const {
  if (!templateName_.isEmpty()) return tr("%1 (example)").arg(templateName_);
  return document_->displayName();
}

QString ProjectFileController::openFile(const QString& path) {
  const QString problem = load(path);
  if (problem.isEmpty()) addRecent(QFileInfo(path).absoluteFilePath());
  return problem;
}

QString ProjectFileController::load(const QString& path) {
  ProjectParseResult parsed;
  try {
    parsed = readProjectFile(toStd(path));
  } catch (const SpecError& e) {
    return toQ(joinDiagnostics(e.diagnostics()));
  } catch (const std::exception& e) {
    return toQ(e.what());
  }
  if (!parsed.ok()) return toQ(joinDiagnostics(parsed.diagnostics));
  // Values out of range and dangling references are not a reason to refuse the file: the
  // canvas and the Problems panel show them where they are.
  templateName_.clear();
  document_->replaceProject(std::move(parsed.project), QFileInfo(path).absoluteFilePath());
  Q_EMIT titleChanged();
  return {};
}

QString ProjectFileController::openExample(const QString& path) {
  const QString problem = load(path);  // not a recent file: it is opened as a copy
  if (!problem.isEmpty()) return problem;
  document_->markSaved({});  // a copy: Save asks where
  templateName_ = QFileInfo(path).fileName().remove(".snnwb.json");
  Q_EMIT titleChanged();
  return {};
}

QString ProjectFileController::saveTo(const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
    return tr("cannot write '%1': %2").arg(path, file.errorString());
  const std::string text = serializeProject(document_->project());
  if (file.write(text.data(), static_cast<qint64>(text.size())) !=
          static_cast<qint64>(text.size()) ||
      !file.commit())
    return tr("cannot write '%1': %2").arg(path, file.errorString());
  templateName_.clear();
  document_->markSaved(QFileInfo(path).absoluteFilePath());
  addRecent(QFileInfo(path).absoluteFilePath());
  Q_EMIT titleChanged();
  return {};
}

bool ProjectFileController::maybeSave() {
  if (!document_->isModified()) return true;
  const auto answer = QMessageBox::warning(
      window_, tr("Unsaved changes"),
      tr("“%1” has changes that are not saved. Save them?").arg(documentTitle()),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Cancel) return false;
  if (answer == QMessageBox::Save) return save();
  return true;
}

void ProjectFileController::newProject() {
  if (!maybeSave()) return;
  templateName_.clear();
  document_->replaceProject(Project{}, {});
  Q_EMIT titleChanged();
}

void ProjectFileController::open() {
  if (!maybeSave()) return;
  const QString start = document_->filePath().isEmpty()
                            ? examplesDir_
                            : QFileInfo(document_->filePath()).absolutePath();
  const QString path =
      QFileDialog::getOpenFileName(window_, tr("Open Project"), start, tr(kFilter));
  if (path.isEmpty()) return;
  const QString problem = openFile(path);
  if (!problem.isEmpty())
    QMessageBox::critical(
        window_, tr("Cannot open project"),
        tr("“%1” was not opened:\n\n%2").arg(QFileInfo(path).fileName(), problem));
}

bool ProjectFileController::save() {
  if (document_->filePath().isEmpty()) return saveAs();
  const QString problem = saveTo(document_->filePath());
  if (problem.isEmpty()) {
    Q_EMIT messageReported(tr("Saved %1").arg(document_->displayName()));
    return true;
  }
  QMessageBox::critical(window_, tr("Cannot save project"), problem);
  return false;
}

bool ProjectFileController::saveAs() {
  QString suggestion = document_->filePath();
  if (suggestion.isEmpty())
    suggestion = QDir::home().filePath(
        (templateName_.isEmpty() ? QStringLiteral("network") : templateName_) + ".snnwb.json");
  QString path =
      QFileDialog::getSaveFileName(window_, tr("Save Project As"), suggestion, tr(kFilter));
  if (path.isEmpty()) return false;
  if (!path.endsWith(".json")) path += ".snnwb.json";
  const QString problem = saveTo(path);
  if (problem.isEmpty()) return true;
  QMessageBox::critical(window_, tr("Cannot save project"), problem);
  return false;
}

void ProjectFileController::addRecent(const QString& path) {
  QSettings settings;
  QStringList files = settings.value("recentFiles").toStringList();
  files.removeAll(path);
  files.prepend(path);
  while (files.size() > kMaxRecent) files.removeLast();
  settings.setValue("recentFiles", files);
  rebuildRecentMenu();
}

void ProjectFileController::rebuildRecentMenu() {
  recent_->clear();
  const QStringList files = QSettings().value("recentFiles").toStringList();
  for (const QString& path : files) {
    QAction* a = recent_->addAction(QFileInfo(path).fileName(), this, [this, path] {
      if (!maybeSave()) return;
      const QString problem = openFile(path);
      if (!problem.isEmpty())
        QMessageBox::critical(
            window_, tr("Cannot open project"),
            tr("“%1” was not opened:\n\n%2").arg(QFileInfo(path).fileName(), problem));
    });
    a->setStatusTip(path);
  }
  if (files.isEmpty())
    recent_->addAction(tr("No recent projects"))->setEnabled(false);
  else {
    recent_->addSeparator();
    recent_->addAction(tr("Clear List"), this, [this] {
      QSettings().remove("recentFiles");
      rebuildRecentMenu();
    });
  }
}

void ProjectFileController::rebuildExamplesMenu() {
  examples_->clear();
  const QDir dir(examplesDir_);
  for (const QFileInfo& info : dir.entryInfoList({"*.snnwb.json"}, QDir::Files, QDir::Name)) {
    const QString path = info.absoluteFilePath();
    examples_->addAction(info.fileName().remove(".snnwb.json"), this, [this, path] {
      if (!maybeSave()) return;
      const QString problem = openExample(path);
      if (!problem.isEmpty()) QMessageBox::critical(window_, tr("Cannot open example"), problem);
    });
  }
  examples_->setEnabled(!examples_->isEmpty());
}

}  // namespace snn::gui
