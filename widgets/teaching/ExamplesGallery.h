#pragma once

#include <QDialog>
#include <QString>

class QListWidget;

namespace snn::gui {

// File › Examples Gallery: every example project with a picture of its network (drawn by the
// canvas itself, so it is never out of date), its title and what it shows (examples' gallery.json,
// else the file name). Double-click or Open opens one. GUI thread.
class ExamplesGallery : public QDialog {
  Q_OBJECT

 public:
  ExamplesGallery(const QString& examplesDir, QWidget* parent = nullptr);

  // The example files shown, in order (for tests).
  QStringList files() const;
  // The picture of one example (for tests): not null when its project could be read.
  QPixmap thumbnail(int row) const;

 Q_SIGNALS:
  void exampleChosen(const QString& path);

 private:
  QListWidget* list_;
};

// A picture of a project's network as the canvas draws it, fitted into `size`.
QPixmap networkThumbnail(const QString& projectPath, QSize size);

}  // namespace snn::gui
