#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QMenu;
class QWidget;

namespace snn::gui {

class NetworkDocument;

// File > New, Open, Open Recent, Examples, Save and Save As for a NetworkDocument, with the
// dialogs they need (Tiled's DocumentManager, reduced to one document). Opening parses the file
// first and replaces the document only if that succeeded, so a broken file leaves the current
// project untouched and shows the engine's message. Saving writes through QSaveFile (a
// temporary file renamed over the target). GUI thread; `window` parents the dialogs.
class ProjectFileController : public QObject {
  Q_OBJECT

 public:
  ProjectFileController(NetworkDocument* document, QString examplesDir, QWidget* window);

  QAction* newAction() const { return new_; }
  QAction* openAction() const { return open_; }
  QAction* saveAction() const { return save_; }
  QAction* saveAsAction() const { return saveAs_; }
  QMenu* recentMenu() const { return recent_; }
  QMenu* examplesMenu() const { return examples_; }

  // Without dialogs (the command line and the tests use these). Each returns the reason it
  // failed, or an empty string.
  QString openFile(const QString& path);
  // Opens an example as a template: saving asks where to.
  QString openExample(const QString& path);
  QString saveTo(const QString& path);

  // The title of the document: its file name, or the example's name.
  QString documentTitle() const;
  // Asks whether to save a modified document; false when the user cancels.
  bool maybeSave();

  void newProject();
  void open();
  bool save();
  bool saveAs();

 Q_SIGNALS:
  void titleChanged();
  void messageReported(const QString& message);

 private:
  QString load(const QString& path);
  void addRecent(const QString& path);
  void rebuildRecentMenu();
  void rebuildExamplesMenu();

  NetworkDocument* document_;
  QString examplesDir_;
  QWidget* window_;
  QString templateName_;  // set while the document is an unsaved copy of an example
  QAction* new_;
  QAction* open_;
  QAction* save_;
  QAction* saveAs_;
  QMenu* recent_;
  QMenu* examples_;
};

}  // namespace snn::gui
