#include "FsCodeView.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

#include "plots/ThemedPlot.h"
#include "style/PopulationColors.h"

namespace snn::gui {

namespace {
constexpr int kCurvePoints = 801;  // samples of x for the curves and the error
}  // namespace

FsCodeView::FsCodeView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* row = new QHBoxLayout;
  steps_ = new QSpinBox(this);
  steps_->setRange(1, 12);
  steps_->setValue(4);
  steps_->setPrefix(tr("K = "));
  steps_->setToolTip(tr("Steps per neuron: at most K spikes, 2^K levels"));
  alpha_ = new QDoubleSpinBox(this);
  alpha_->setRange(0.01, 1000.0);
  alpha_->setDecimals(3);
  alpha_->setValue(1.0);
  alpha_->setPrefix(tr("α = "));
  alpha_->setToolTip(tr("The range coded: inputs in [0, α(1 − 2^−K)] (after normalisation: 1)"));
  reset_ = new QPushButton(tr("Reset to closed form"), this);
  reset_->setToolTip(tr("T(t) = h(t) = d(t) = α·2^−t: the binary expansion of x"));
  row->addWidget(steps_);
  row->addWidget(alpha_);
  row->addWidget(reset_);
  row->addStretch();
  layout->addLayout(row);
  state_ = new QLabel(this);
  state_->setObjectName("fsCodeState");
  state_->setWordWrap(true);
  layout->addWidget(state_);

  auto* table = new QWidget(this);
  grid_ = new QGridLayout(table);
  grid_->setContentsMargins(2, 2, 2, 2);
  grid_->setVerticalSpacing(2);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(table);
  scroll->setWidgetResizable(true);
  scroll->setMaximumHeight(130);
  layout->addWidget(scroll);
  error_ = new QLabel(this);
  error_->setWordWrap(true);
  layout->addWidget(error_);
  plot_ = new ThemedPlot(tr("Few-spike code"), this);
  plot_->setExportName("fs-code");
  plot_->setMinimumHeight(170);
  plot_->xAxis->setLabel(tr("input x"));
  plot_->yAxis->setLabel(tr("output"));
  QCPGraph* truth = plot_->addGraph();
  truth->setName(tr("ReLU(x)"));
  truth->setPen(QPen(populationColor(1), 1.5, Qt::DashLine));
  QCPGraph* fs = plot_->addGraph();
  fs->setName(tr("FS neuron, K steps"));
  fs->setPen(QPen(populationColor(0), 2));
  plot_->legend->setVisible(true);
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  layout->addWidget(plot_, 1);

  auto reset = [this] { setClosedForm(steps_->value(), alpha_->value()); };
  connect(steps_, &QSpinBox::valueChanged, this, reset);
  connect(alpha_, &QDoubleSpinBox::valueChanged, this, reset);
  connect(reset_, &QPushButton::clicked, this, reset);
  reset();
}

void FsCodeView::setClosedForm(int steps, double alpha) {
  const QSignalBlocker b1(steps_), b2(alpha_);
  steps_->setValue(steps);
  alpha_->setValue(alpha);
  code_ = fsReluCoefficients(steps, static_cast<float>(alpha));
  rebuildRows();
  setEdited(false);
  redraw();
}

FsCoefficients FsCodeView::normalisedCoefficients() const {
  FsCoefficients c = code_;
  const auto alpha = static_cast<float>(alpha_->value());
  for (std::vector<float>* v : {&c.threshold, &c.reset, &c.weight})
    for (float& x : *v) x /= alpha;
  return c;
}

void FsCodeView::setEdited(bool edited) {
  const bool changed = edited != edited_;
  edited_ = edited;
  state_->setText(
      edited ? tr("<b>Edited codes</b>: the FS run (at K = %1) and Convert to project use them on "
                  "every ReLU layer, in place of the closed form (SiLU and sigmoid layers keep "
                  "their fitted codes).")
                   .arg(code_.steps())
             : tr("<b>Closed-form codes</b> α·2^−t: the FS run and Convert to project use them; "
                  "edit a coefficient to try your own."));
  reset_->setEnabled(edited);
  if (changed) Q_EMIT editedChanged(edited);
}

QLineEdit* FsCodeView::coefficientEdit(int t, int column) const {
  const int i = 3 * t + column;
  return i >= 0 && i < edits_.size() ? edits_[i] : nullptr;
}

void FsCodeView::rebuildRows() {
  while (QLayoutItem* item = grid_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  edits_.clear();
  const QStringList heads = {tr("threshold T(t)"), tr("reset h(t)"), tr("weight d(t)")};
  for (int c = 0; c < 3; ++c) grid_->addWidget(new QLabel(heads[c]), 0, c + 1);
  for (int t = 0; t < code_.steps(); ++t) {
    grid_->addWidget(new QLabel(tr("t = %1").arg(t + 1)), t + 1, 0);
    const float values[] = {code_.threshold[size_t(t)], code_.reset[size_t(t)],
                            code_.weight[size_t(t)]};
    for (int c = 0; c < 3; ++c) {
      auto* edit = new QLineEdit(QString::number(values[c], 'g', 6));
      edit->setToolTip(heads[c] + tr(" at step %1; the closed form: α·2^−%1").arg(t + 1));
      connect(edit, &QLineEdit::textEdited, this, &FsCodeView::onEdited);
      grid_->addWidget(edit, t + 1, c + 1);
      edits_ << edit;
    }
  }
}

void FsCodeView::onEdited() {
  std::vector<float>* columns[] = {&code_.threshold, &code_.reset, &code_.weight};
  for (int i = 0; i < edits_.size(); ++i) {
    bool ok = false;
    const double v = edits_[i]->text().toDouble(&ok);
    const bool good = ok && std::isfinite(v);
    edits_[i]->setStyleSheet(good ? QString() : QStringLiteral("color: #c0392b"));
    if (good) (*columns[i % 3])[size_t(i / 3)] = static_cast<float>(v);
  }
  const FsCoefficients closed = fsReluCoefficients(code_.steps(), float(alpha_->value()));
  setEdited(code_.threshold != closed.threshold || code_.reset != closed.reset ||
            code_.weight != closed.weight);
  redraw();
}

void FsCodeView::redraw() {
  const double alpha = alpha_->value();
  const int k = code_.steps();
  const double top = alpha * (1.0 - std::ldexp(1.0, -k));  // the largest value coded
  const double lo = -0.1 * alpha, hi = 1.15 * alpha;
  QVector<double> x, relu, fs;
  maxError_ = 0.0;
  double spikes = 0.0;
  int inRange = 0;
  for (int i = 0; i < kCurvePoints; ++i) {
    const double xi = lo + (hi - lo) * i / (kCurvePoints - 1);
    int fired = 0;
    const double out = fsNeuronOutput(code_, static_cast<float>(xi), &fired);
    x << xi;
    relu << std::max(0.0, xi);
    fs << out;
    if (xi >= 0.0 && xi <= top) {
      maxError_ = std::max(maxError_, std::abs(out - std::max(0.0, xi)));
      spikes += fired;
      ++inRange;
    }
  }
  meanSpikes_ = inRange > 0 ? spikes / inRange : 0.0;
  plot_->graph(0)->setData(x, relu);
  plot_->graph(1)->setData(x, fs);
  plot_->xAxis->setRange(lo, hi);
  plot_->yAxis->setRange(-0.05 * alpha, 1.2 * alpha);
  plot_->replot(QCustomPlot::rpQueuedReplot);
  const double bound = fsReluQuantisationBound(k, static_cast<float>(alpha));
  error_->setText(tr("Largest |FS(x) − ReLU(x)| on [0, %1]: <b>%2</b> (closed-form bound α·2^−K "
                     "= %3). Spikes per neuron, mean over that range: %4 (at most K = %5).")
                      .arg(top, 0, 'g', 4)
                      .arg(maxError_, 0, 'g', 4)
                      .arg(bound, 0, 'g', 4)
                      .arg(meanSpikes_, 0, 'g', 3)
                      .arg(k));
  error_->setToolTip(
      tr("FS(x): v = x; for t = 1..K: spike z = [v ≥ T(t)], v −= h(t)·z, output += d(t)·z.\n"
         "Error sampled at %1 points of [−0.1α, 1.15α]; the bound is one quantisation step "
         "(Stöckl & Maass 2021).")
          .arg(kCurvePoints));
}

}  // namespace snn::gui
