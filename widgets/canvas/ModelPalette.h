#pragma once

#include <QListWidget>

namespace snn::gui {

// The models a network can use, listed from the registry (neurons first, then sources): icon,
// name and one-line meaning, the equation in the tooltip; then the hardware nodes (a memristor
// crossbar). Drag one onto the canvas to add a
// population; double-click (or Enter) adds one in the middle of the view.
class ModelPalette : public QListWidget {
  Q_OBJECT

 public:
  // The MIME type of a dragged model; the data is the model's name, e.g. "lif".
  static constexpr const char* kMimeType = "application/x-snnwb-model";
  // The entry that adds a crossbar node (network.crossbars) rather than a population.
  static constexpr const char* kCrossbarEntry = "@crossbar";

  explicit ModelPalette(QWidget* parent = nullptr);

  // What dragging these items carries (public so a test can drop it without a real drag).
  QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override;

 Q_SIGNALS:
  void modelActivated(const QString& model);

 protected:
  QStringList mimeTypes() const override;
};

}  // namespace snn::gui
