#pragma once

#include <QStringList>
#include <QWidget>
#include <functional>
#include <optional>

#include "model/ParamSchema.h"

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QSlider;
class QToolButton;

namespace snn::gui {

// The editor of one parameter, made from its schema entry: a text field (with a slider for a
// number, a list for a choice), its unit, and a reset button when it differs from the default.
// A value is committed on Enter or when the field loses focus; one the schema refuses is kept
// in the field, outlined red, with the reason underneath, and never reaches the document.
class ParamField : public QWidget {
  Q_OBJECT

 public:
  // The reason a parsed value is not acceptable, or an empty string.
  using Check = std::function<QString(const ParamValue&)>;

  // A number (PerNeuron or Scalar) gets a slider when `info.effect` is live: a knob a running
  // network takes at once. A flag is a check box, a choice a list.
  ParamField(const ParamInfo& info, Check check, QWidget* parent = nullptr);

  const ParamInfo& info() const { return info_; }
  // Shows the document's value; `isDefault` when the project does not set it.
  void setValue(const ParamValue& value, bool isDefault);
  // The reason shown under the field, empty when the text is acceptable.
  QString problem() const;
  QLineEdit* lineEdit() const { return edit_; }
  QSlider* slider() const { return slider_; }
  // The text field takes the slider's room.
  void hideSlider();
  // A Reference field (a projection's pre or post): the ids it offers, in the order shown. The
  // value shown is kept even when it is not among them (a missing population), marked so.
  void setReferenceChoices(const QStringList& ids);
  QComboBox* comboBox() const { return choice_; }

  // The slider's range for a value (from the schema, widened to include the value): public for
  // the tests.
  static std::pair<double, double> sliderRange(const ParamInfo& info, double value);

 Q_SIGNALS:
  // A new value: `gesture` is non-zero while one slider drag goes on (the edits merge).
  void valueEdited(const snn::ParamValue& value, int gesture);
  void resetRequested();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void commitText();
  std::optional<ParamValue> validate(const QString& text);
  void showProblem(const QString& problem);
  void onSliderMoved(int position);
  void updateSlider();
  double sliderValue(int position) const;
  void showReference();

  ParamInfo info_;
  Check check_;
  ParamValue value_;
  QLineEdit* edit_ = nullptr;
  QComboBox* choice_ = nullptr;
  QCheckBox* flag_ = nullptr;
  QSlider* slider_ = nullptr;
  QToolButton* reset_ = nullptr;
  QLabel* problem_ = nullptr;
  QGridLayout* grid_ = nullptr;
  double lo_ = 0.0, hi_ = 1.0;
  QStringList references_;
  int gesture_ = 0;
  bool updating_ = false;
};

}  // namespace snn::gui
