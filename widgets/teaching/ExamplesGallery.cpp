#include "ExamplesGallery.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QPainter>
#include <QVBoxLayout>
#include <algorithm>

#include "canvas/NetworkScene.h"
#include "document/NetworkDocument.h"
#include "document/ProjectDiagnostics.h"
#include "io/ProjectJson.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {
const QSize kThumbnail(260, 150);
}  // namespace

QPixmap networkThumbnail(const QString& projectPath, QSize size) {
  Project project;
  try {
    project = loadProject(toStd(projectPath));
  } catch (const std::exception&) {
    return {};
  }
  NetworkDocument document;
  document.replaceProject(std::move(project), projectPath);
  ProjectDiagnostics diagnostics(&document);
  NetworkScene scene(&document, &diagnostics);
  QPixmap pixmap(size);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  const QRectF bounds = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20);
  scene.render(&painter, QRectF(QPointF(0, 0), size), bounds, Qt::KeepAspectRatio);
  return pixmap;
}

ExamplesGallery::ExamplesGallery(const QString& examplesDir, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Examples"));
  auto* layout = new QVBoxLayout(this);
  list_ = new QListWidget(this);
  list_->setViewMode(QListView::IconMode);
  list_->setIconSize(kThumbnail);
  list_->setGridSize(kThumbnail + QSize(24, 86));
  list_->setResizeMode(QListView::Adjust);
  list_->setMovement(QListView::Static);
  list_->setWordWrap(true);
  list_->setSpacing(6);
  layout->addWidget(list_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Close, this);
  layout->addWidget(buttons);

  QJsonObject about;
  QFile index(examplesDir + "/gallery.json");
  if (index.open(QIODevice::ReadOnly)) about = QJsonDocument::fromJson(index.readAll()).object();
  const QDir dir(examplesDir);
  QStringList files = dir.entryList({"*.snnwb.json"}, QDir::Files, QDir::Name);
  // The gallery's own order first (simple to rich), then the rest by name.
  QStringList ordered;
  for (auto it = about.begin(); it != about.end(); ++it)
    if (files.contains(it.key())) ordered << it.key();
  std::sort(ordered.begin(), ordered.end(), [&](const QString& a, const QString& b) {
    return about.value(a).toObject().value("order").toInt() <
           about.value(b).toObject().value("order").toInt();
  });
  for (const QString& f : files)
    if (!ordered.contains(f)) ordered << f;
  for (const QString& file : ordered) {
    const QJsonObject entry = about.value(file).toObject();
    QString title = entry["title"].toString();
    if (title.isEmpty()) title = QString(file).remove(".snnwb.json").replace('_', ' ');
    auto* item = new QListWidgetItem(
        QIcon(networkThumbnail(dir.filePath(file), kThumbnail)),
        title + (entry.contains("text") ? "\n" + entry["text"].toString() : QString()), list_);
    item->setData(Qt::UserRole, dir.filePath(file));
    item->setToolTip(entry["text"].toString());
  }
  if (list_->count() > 0) list_->setCurrentRow(0);
  auto choose = [this] {
    if (QListWidgetItem* item = list_->currentItem()) {
      Q_EMIT exampleChosen(item->data(Qt::UserRole).toString());
      accept();
    }
  };
  connect(list_, &QListWidget::itemActivated, this, choose);
  connect(buttons, &QDialogButtonBox::accepted, this, choose);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  resize(900, 640);
}

QStringList ExamplesGallery::files() const {
  QStringList out;
  for (int i = 0; i < list_->count(); ++i) out << list_->item(i)->data(Qt::UserRole).toString();
  return out;
}

QPixmap ExamplesGallery::thumbnail(int row) const {
  return list_->item(row)->icon().pixmap(kThumbnail);
}

}  // namespace snn::gui
