#include "DatasetChooser.h"

#include <QDir>
#include <QFileDialog>

#include "util/QtText.h"

namespace snn::gui {

namespace {
constexpr int kFolderRole = Qt::UserRole + 1;  // the "Folder…" entry
}

DatasetChooser::DatasetChooser(QWidget* parent) : QComboBox(parent) {
  addItem(tr("digits (8 × 8, embedded)"), QStringLiteral("digits"));
  setItemData(0, tr("The 1797 handwritten digits of UCI's optical digits set, 8 × 8 pixels"),
              Qt::ToolTipRole);
  addItem(tr("fashion-mnist (28 × 28)"), QStringLiteral("fashion-mnist"));
  setItemData(1, tr("Zalando's Fashion-MNIST, from Debian's dataset-fashion-mnist package"),
              Qt::ToolTipRole);
  insertSeparator(count());
  addItem(tr("MNIST-format folder…"));
  setItemData(count() - 1, true, kFolderRole);
  connect(this, &QComboBox::activated, this, &DatasetChooser::onActivated);
}

std::optional<std::pair<int, int>> DatasetChooser::knownImageSize(const std::string& dataset) {
  if (dataset == "digits") return std::pair{8, 8};
  if (dataset == "fashion-mnist") return std::pair{28, 28};
  return std::nullopt;
}

void DatasetChooser::setDataset(const std::string& dataset) {
  current_ = dataset;
  int index = findData(toQ(dataset));
  if (index < 0) {
    // A folder: listed above the separator, by its name, with the path in the tooltip.
    const int separator = count() - 2;
    insertItem(separator, QDir(toQ(dataset)).dirName(), toQ(dataset));
    setItemData(separator, toQ(dataset), Qt::ToolTipRole);
    index = separator;
  }
  const QSignalBlocker block(this);
  setCurrentIndex(index);
}

void DatasetChooser::onActivated(int index) {
  if (itemData(index, kFolderRole).toBool()) {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("MNIST-format folder (train-images-idx3-ubyte, …)"), QDir::homePath());
    setDataset(current_);  // the chooser shows the document's choice until it changes
    if (!folder.isEmpty()) Q_EMIT datasetChosen(folder);
    return;
  }
  const QString dataset = itemData(index).toString();
  if (toStd(dataset) != current_) Q_EMIT datasetChosen(dataset);
}

}  // namespace snn::gui
