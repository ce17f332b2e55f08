#pragma once

#include <QComboBox>
#include <optional>
#include <string>

namespace snn::gui {

// Picks a dataset by the names the engine knows ("digits", the embedded 8 x 8 digits;
// "fashion-mnist", Debian's package) or an MNIST-format folder (a dialog). GUI thread.
class DatasetChooser : public QComboBox {
  Q_OBJECT

 public:
  explicit DatasetChooser(QWidget* parent = nullptr);

  // Shows `dataset` (a name or a folder) as chosen, without signalling.
  void setDataset(const std::string& dataset);

  // Height and width of a dataset's images where known without reading it.
  static std::optional<std::pair<int, int>> knownImageSize(const std::string& dataset);

 Q_SIGNALS:
  void datasetChosen(const QString& dataset);

 private:
  void onActivated(int index);

  std::string current_;
};

}  // namespace snn::gui
