#pragma once

#include <QList>
#include <QWidget>

#include "conversion/FsCoding.h"

class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace snn::gui {

class ThemedPlot;

// The few-spike code of one neuron (Stöckl & Maass, Nat. Mach. Intell. 3:230, 2021): K steps
// with threshold T(t), reset h(t) and output weight d(t), editable, and the K-step
// approximation of ReLU drawn against the true one. Starts from the closed form
// T(t) = h(t) = d(t) = alpha 2^-t (fsReluCoefficients); every keystroke in a coefficient redraws
// the staircase and the error (the largest |FS(x) - ReLU(x)| on [0, alpha (1 - 2^-K)], next to
// the closed form's bound alpha 2^-K) and the spikes per neuron.
//
// The code shown is the one the Conversion dock's FS run and "Convert to project" use on every
// relu / qcfs layer: the closed form until a coefficient is edited, then the edited code
// (isEdited(), said in stateLabel(); "Reset to closed form" goes back). The conversion applies
// it to the layers' normalised activations, in [0, 1], so normalisedCoefficients() divides it by
// alpha. GUI thread.
class FsCodeView : public QWidget {
  Q_OBJECT

 public:
  explicit FsCodeView(QWidget* parent = nullptr);

  // Sets K and alpha and the closed-form coefficients.
  void setClosedForm(int steps, double alpha);
  const FsCoefficients& coefficients() const { return code_; }
  // Whether the coefficients differ from the closed form of the K and alpha shown.
  bool isEdited() const { return edited_; }
  // The coefficients divided by alpha: the code for inputs normalised to [0, 1].
  FsCoefficients normalisedCoefficients() const;
  QLabel* stateLabel() const { return state_; }
  QPushButton* resetButton() const { return reset_; }
  // The largest |FS(x) - ReLU(x)| on [0, alpha (1 - 2^-K)] (sampled finely), and the mean
  // spikes per neuron over that range, of the coefficients shown.
  double maxError() const { return maxError_; }
  double meanSpikes() const { return meanSpikes_; }
  // The line edit of coefficient `column` (0: T, 1: h, 2: d) of step t (0-based), for tests.
  QLineEdit* coefficientEdit(int t, int column) const;
  QLabel* errorLabel() const { return error_; }
  ThemedPlot* plot() const { return plot_; }

 Q_SIGNALS:
  // The code went from the closed form to edited or back.
  void editedChanged(bool edited);

 private:
  void setEdited(bool edited);
  void rebuildRows();
  void onEdited();
  void redraw();

  QSpinBox* steps_;
  QDoubleSpinBox* alpha_;
  QGridLayout* grid_;
  QList<QLineEdit*> edits_;  // 3 per step: T, h, d
  QLabel* error_;
  QLabel* state_;
  QPushButton* reset_;
  ThemedPlot* plot_;
  FsCoefficients code_;
  double maxError_ = 0.0;
  double meanSpikes_ = 0.0;
  bool edited_ = false;
};

}  // namespace snn::gui
