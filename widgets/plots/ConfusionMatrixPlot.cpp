#include "ConfusionMatrixPlot.h"

#include "style/ColorMaps.h"

namespace snn::gui {

ConfusionMatrixPlot::ConfusionMatrixPlot(QWidget* parent)
    : ThemedPlot(tr("Confusion matrix"), parent) {
  setExportName("confusion-matrix");
  xAxis->setLabel(tr("predicted"));
  yAxis->setLabel(tr("actual"));
  yAxis->setRangeReversed(true);  // class 0 on top
  for (QCPAxis* axis : {xAxis, yAxis}) {
    axis->grid()->setVisible(false);
    axis->setTickLength(0, 0);
    axis->setSubTicks(false);
  }
  map_ = new QCPColorMap(xAxis, yAxis);
  map_->setInterpolate(false);
  map_->setDataRange(QCPRange(0.0, 1.0));
  title_ = addTitle();
  hint_ = addHint(tr("The test set's confusion matrix appears after an epoch"));
  applyPalette();
  clear();
}

void ConfusionMatrixPlot::applyPalette() {
  ThemedPlot::applyPalette();
  map_->setGradient(shareGradient(palette()));
  colorCellTexts();
}

void ConfusionMatrixPlot::clear() {
  for (QCPItemText* t : cells_) removeItem(t);
  cells_.clear();
  classes_ = 0;
  total_ = 0;
  map_->data()->clear();
  title_->setText(tr("Confusion matrix"));
  hint_->setVisible(true);
  for (QCPAxis* axis : {xAxis, yAxis}) {
    axis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    axis->setRange(-0.5, 9.5);
  }
  replot(rpQueuedReplot);
}

void ConfusionMatrixPlot::setMatrix(const ConfusionMatrix& m, const QStringList& names,
                                    const QString& caption) {
  const int n = m.classes;
  if (n <= 0 || m.counts.size() != static_cast<size_t>(n) * static_cast<size_t>(n)) {
    clear();
    return;
  }
  if (n != classes_) {
    for (QCPItemText* t : cells_) removeItem(t);
    cells_.clear();
    classes_ = n;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < n; ++c)
      ticker->addTick(c, c < names.size() ? names[c] : QString::number(c));
    xAxis->setTicker(ticker);
    yAxis->setTicker(ticker);
    // Long names (Fashion-MNIST's) stand up under the columns.
    int widest = 0;
    for (const QString& name : names) widest = std::max(widest, int(name.size()));
    xAxis->setTickLabelRotation(widest > 3 ? -45 : 0);
    map_->data()->setSize(n, n);
    map_->data()->setRange(QCPRange(0, n - 1), QCPRange(0, n - 1));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * (n > 10 ? 0.7 : 0.85));
    for (int i = 0; i < n * n; ++i) {
      auto* t = new QCPItemText(this);
      t->position->setType(QCPItemPosition::ptPlotCoords);
      t->position->setCoords(i % n, i / n);
      t->setFont(small);
      t->setClipToAxisRect(true);
      cells_.push_back(t);
    }
    xAxis->setRange(-0.5, n - 0.5);
    yAxis->setRange(-0.5, n - 0.5);
  }
  total_ = 0;
  int64_t correct = 0;
  for (int actual = 0; actual < n; ++actual) {
    int64_t row = 0;
    for (int p = 0; p < n; ++p) row += m.at(actual, p);
    total_ += row;
    correct += m.at(actual, actual);
    for (int p = 0; p < n; ++p) {
      const int64_t count = m.at(actual, p);
      map_->data()->setCell(p, actual, row > 0 ? double(count) / double(row) : 0.0);
      cells_[static_cast<size_t>(actual * n + p)]->setText(count > 0 ? QString::number(count)
                                                                     : QString());
    }
  }
  const double accuracy = total_ > 0 ? 100.0 * double(correct) / double(total_) : 0.0;
  title_->setText(tr("%1: %2 % of %3 test samples right")
                      .arg(caption)
                      .arg(accuracy, 0, 'f', 1)
                      .arg(QLocale().toString(static_cast<qlonglong>(total_))));
  colorCellTexts();
  hint_->setVisible(false);
  replot(rpQueuedReplot);
}

void ConfusionMatrixPlot::colorCellTexts() {
  if (classes_ == 0) return;
  QCPColorGradient gradient = shareGradient(palette());
  for (int i = 0; i < classes_ * classes_; ++i) {
    const double share = map_->data()->cell(i % classes_, i / classes_);
    cells_[static_cast<size_t>(i)]->setColor(
        textColorOn(QColor::fromRgb(gradient.color(share, QCPRange(0.0, 1.0)))));
  }
}

QString ConfusionMatrixPlot::cellText(int actual, int predicted) const {
  if (actual < 0 || predicted < 0 || actual >= classes_ || predicted >= classes_) return {};
  return cells_[static_cast<size_t>(actual * classes_ + predicted)]->text();
}

}  // namespace snn::gui
