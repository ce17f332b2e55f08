#pragma once

// Conversions between the engine's std::string and Qt's QString (UTF-8 both ways).
#include <QString>
#include <string>

namespace snn::gui {

inline QString toQ(const std::string& s) {
  return QString::fromStdString(s);
}
inline std::string toStd(const QString& s) {
  return s.toStdString();
}

}  // namespace snn::gui
