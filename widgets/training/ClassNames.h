#pragma once

#include <QStringList>
#include <string>

namespace snn::gui {

// Names of a dataset's classes for axis labels: Fashion-MNIST's ten garments, otherwise the
// class numbers ("0" .. "9" for the digits and any other MNIST-format folder).
QStringList classNames(const std::string& dataset, int classes);

}  // namespace snn::gui
