#include "AtomicImageWrite.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QObject>
#include <stdexcept>

#include "io/AtomicFile.h"

namespace snn::gui {

QString writeFileAtomically(const QString& path, const QByteArray& bytes) {
  try {
    AtomicFile file(QFile::encodeName(path).toStdString());
    file.stream().write(bytes.constData(), bytes.size());
    file.commit();
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

QString saveImageAtomically(const QImage& image, const QString& path) {
  const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
  if (!QImageWriter::supportedImageFormats().contains(format))
    return QObject::tr("cannot write '%1': unknown image format '%2'")
        .arg(path, QString::fromLatin1(format));
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  if (image.isNull() || !image.save(&buffer, format.constData()))
    return QObject::tr("cannot write '%1': the image could not be encoded").arg(path);
  return writeFileAtomically(path, bytes);
}

}  // namespace snn::gui
