#pragma once

#include <QByteArray>
#include <QString>

class QImage;

namespace snn::gui {

// Writes `bytes` to `path` through snn::AtomicFile: an unnamed temporary renamed over the target
// after an fsync, through a symbolic link, keeping the target's permissions; a crash or kill
// leaves the old file (and no temporary). Returns the reason it failed, or an empty string.
QString writeFileAtomically(const QString& path, const QByteArray& bytes);

// Encodes `image` (the format from the file's suffix: png, jpg, bmp...) in memory and writes it
// with writeFileAtomically. For screenshots and raster plot exports.
QString saveImageAtomically(const QImage& image, const QString& path);

}  // namespace snn::gui
