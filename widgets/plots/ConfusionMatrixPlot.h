#pragma once

#include <QStringList>

#include "ThemedPlot.h"
#include "learning/Trainer.h"

namespace snn::gui {

// The confusion matrix of the last test pass: actual class down, predicted class across, each
// cell coloured by its share of the actual class's samples and labelled with its count; the
// title gives the accuracy. GUI thread.
class ConfusionMatrixPlot : public ThemedPlot {
  Q_OBJECT

 public:
  explicit ConfusionMatrixPlot(QWidget* parent = nullptr);

  // `names` labels the classes (ClassNames); `caption` says which pass it is ("epoch 3").
  void setMatrix(const ConfusionMatrix& matrix, const QStringList& names, const QString& caption);
  void clear();

  // For the tests: the text of a cell, and the samples counted.
  QString cellText(int actual, int predicted) const;
  int64_t total() const { return total_; }

 protected:
  void applyPalette() override;

 private:
  void colorCellTexts();

  QCPColorMap* map_;
  QCPTextElement* title_;
  QCPItemText* hint_;
  std::vector<QCPItemText*> cells_;  // actual * classes + predicted
  int classes_ = 0;
  int64_t total_ = 0;
};

}  // namespace snn::gui
