#include "WindowCapture.h"

#include <QApplication>
#include <QFileInfo>
#include <QImageWriter>
#include <QPixmap>
#include <QSaveFile>
#include <QWidget>

namespace snn::gui {

WindowCapture::WindowCapture(QWidget* window, QString path, QObject* parent)
    : QObject(parent), window_(window), path_(std::move(path)) {}

void WindowCapture::fail(const QString& message) {
  if (reported_) return;
  reported_ = true;
  Q_EMIT finished(false, message, false);
}

void WindowCapture::grabAndReport(const QString& what) {
  if (reported_) return;
  if (!window_) {
    fail(tr("the window is gone"));
    return;
  }
  QApplication::processEvents();  // layouts and the last repaints
  const QPixmap shot = window_->grab();
  QSaveFile file(path_);
  // The format from the file name's suffix, as QImageWriter(path) would take it.
  QByteArray format = QFileInfo(path_).suffix().toLower().toLatin1();
  if (format.isEmpty()) format = "png";
  QImageWriter writer(&file, format);
  const bool written = !shot.isNull() && file.open(QIODevice::WriteOnly) &&
                       writer.write(shot.toImage()) && file.commit();
  reported_ = true;
  if (!written) {
    const QString why =
        file.error() != QFileDevice::NoError ? file.errorString() : writer.errorString();
    Q_EMIT finished(false, tr("cannot write '%1': %2").arg(path_, why), true);
    return;
  }
  Q_EMIT finished(
      true, tr("wrote %1 (%2 x %3, %4)").arg(path_).arg(shot.width()).arg(shot.height()).arg(what),
      false);
}

}  // namespace snn::gui
