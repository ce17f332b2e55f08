#include "ParamField.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QToolButton>
#include <cmath>

#include "document/ValueText.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {
constexpr int kSliderSteps = 1000;
constexpr int kSliderMinimumWidth = 120;
int gestureCounter = 0;  // GUI thread only
}  // namespace

std::pair<double, double> ParamField::sliderRange(const ParamInfo& info, double value) {
  const double d = info.defaultValue;
  double lo, hi;
  if (std::isfinite(info.min) && std::isfinite(info.max)) {
    lo = info.min;
    hi = info.max;
  } else if (std::isfinite(info.min)) {
    lo = info.min;
    hi = lo + 5.0 * std::max({std::abs(d - lo), std::abs(value - lo), 1.0});
  } else if (std::isfinite(info.max)) {
    hi = info.max;
    lo = hi - 5.0 * std::max({std::abs(hi - d), std::abs(hi - value), 1.0});
  } else {
    const double half = std::max({std::abs(d) * 0.5, std::abs(value - d) * 1.5, 1.0});
    lo = d - half;
    hi = d + half;
  }
  if (!info.minInclusive) lo += (hi - lo) / kSliderSteps;  // e.g. tau_m > 0: never offer 0
  if (!info.maxInclusive) hi -= (hi - lo) / kSliderSteps;
  return {lo, hi};
}

ParamField::ParamField(const ParamInfo& info, Check check, QWidget* parent)
    : QWidget(parent), info_(info), check_(std::move(check)), value_(info.defaultParamValue()) {
  auto* grid = grid_ = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setHorizontalSpacing(6);
  grid->setVerticalSpacing(2);
  QString tip = "<b>" + toQ(info.name) + "</b>";
  if (!info.unit.empty()) tip += " [" + toQ(info.unit) + "]";
  tip += "<br>" + toQ(info.meaning).toHtmlEscaped();
  if (!info.rangeText().empty()) tip += "<br><i>" + toQ(info.rangeText()) + "</i>";
  if (info.kind == ParamKind::PerNeuron || info.kind == ParamKind::Scalar)
    tip += "<br>" + tr("default %1").arg(formatNumber(info.defaultValue));
  setToolTip(tip);

  int column = 0;
  const bool number = info.kind == ParamKind::PerNeuron || info.kind == ParamKind::Scalar;
  if (info.kind == ParamKind::Flag) {
    flag_ = new QCheckBox(toQ(info.meaning), this);
    grid->addWidget(flag_, 0, column++);
    connect(flag_, &QCheckBox::toggled, this, [this](bool on) {
      if (!updating_) Q_EMIT valueEdited(ParamValue(ValueSpec::constant(on ? 1.0 : 0.0)), 0);
    });
  } else if (info.kind == ParamKind::Reference) {
    choice_ = new QComboBox(this);
    choice_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    choice_->setMinimumContentsLength(8);
    grid->addWidget(choice_, 0, column++);
    connect(choice_, &QComboBox::activated, this, [this](int index) {
      const QString id = choice_->itemData(index).toString();
      if (!id.isEmpty()) Q_EMIT valueEdited(ParamValue(toStd(id)), 0);
    });
  } else if (info.kind == ParamKind::Choice) {
    choice_ = new QComboBox(this);
    // As narrow as a dock allows; the popup still shows the whole names.
    choice_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    choice_->setMinimumContentsLength(8);
    for (size_t i = 0; i < info.choices.size(); ++i)
      choice_->addItem(toQ(i < info.choiceLabels.size() ? info.choiceLabels[i] : info.choices[i]),
                       toQ(info.choices[i]));
    grid->addWidget(choice_, 0, column++);
    connect(choice_, &QComboBox::activated, this, [this](int index) {
      Q_EMIT valueEdited(ParamValue(info_.choices[static_cast<size_t>(index)]), 0);
    });
  } else {
    if (number && info.effect == RunEffect::Live) {
      // On a row of its own under the number, as wide as the field: a slider squeezed beside
      // the number was ~55 px, so a 15 px drag spanned a third of the range.
      slider_ = new QSlider(Qt::Horizontal, this);
      slider_->setRange(0, kSliderSteps);
      slider_->setFocusPolicy(Qt::StrongFocus);
      slider_->installEventFilter(this);
      slider_->setMinimumWidth(kSliderMinimumWidth);
      connect(slider_, &QSlider::sliderPressed, this, [this] { gesture_ = ++gestureCounter; });
      connect(slider_, &QSlider::sliderReleased, this, [this] { gesture_ = 0; });
      connect(slider_, &QSlider::valueChanged, this, &ParamField::onSliderMoved);
    }
    edit_ = new QLineEdit(this);
    edit_->installEventFilter(this);
    if (slider_) {
      edit_->setPlaceholderText(formatNumber(info.defaultValue));
    } else if (number) {
      edit_->setPlaceholderText(formatNumber(info.defaultValue));
    } else if (info.kind == ParamKind::Sequence) {
      edit_->setPlaceholderText(tr("e.g. 100, 400, 700"));
    } else if (info.kind == ParamKind::SpikeTrains) {
      edit_->setPlaceholderText(tr("e.g. [[5, 20], [12]]"));
    } else if (info.kind == ParamKind::Shape) {
      edit_->setPlaceholderText(tr("channels, height, width"));
    }
    grid->addWidget(edit_, 0, column++);
    connect(edit_, &QLineEdit::editingFinished, this, &ParamField::commitText);
    connect(edit_, &QLineEdit::textEdited, this, [this](const QString& text) { validate(text); });
  }
  auto* unit = new QLabel(toQ(info.unit), this);
  unit->setMinimumWidth(QFontMetrics(font()).horizontalAdvance("mV/ms"));
  grid->addWidget(unit, 0, column++);
  reset_ = new QToolButton(this);
  reset_->setIcon(themeIcon("reset"));
  reset_->setAutoRaise(true);
  reset_->setToolTip(tr("Back to the model's default"));
  QSizePolicy keep = reset_->sizePolicy();
  keep.setRetainSizeWhenHidden(true);  // fields line up whether or not they can be reset
  reset_->setSizePolicy(keep);
  grid->addWidget(reset_, 0, column++);
  connect(reset_, &QToolButton::clicked, this, &ParamField::resetRequested);
  if (slider_) grid->addWidget(slider_, 1, 0, 1, column);
  problem_ = new QLabel(this);
  problem_->setWordWrap(true);
  problem_->setVisible(false);
  QFont small = problem_->font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  problem_->setFont(small);
  grid->addWidget(problem_, 2, 0, 1, column);
  grid->setColumnStretch(0, 1);
}

void ParamField::hideSlider() {
  if (!slider_ || slider_->isHidden()) return;
  slider_->hide();
}

void ParamField::setValue(const ParamValue& value, bool isDefault) {
  value_ = value;
  updating_ = true;
  if (choice_ && info_.kind == ParamKind::Reference) {
    // shown below, after the problem line is cleared
  } else if (choice_) {
    if (const auto* s = std::get_if<std::string>(&value))
      choice_->setCurrentIndex(choice_->findData(toQ(*s)));
  } else if (flag_) {
    if (const auto* v = std::get_if<ValueSpec>(&value)) flag_->setChecked(v->scalar != 0.0);
  } else if (edit_) {
    const QString text = formatValue(value);
    if (edit_->text() != text) edit_->setText(text);
    edit_->setCursorPosition(0);
    const auto* v = std::get_if<ValueSpec>(&value);
    edit_->setReadOnly(v && v->kind == ValueSpec::Kind::Array);
    if (edit_->isReadOnly())
      edit_->setToolTip(tr("A per-neuron array: edit it in the project file"));
  }
  reset_->setVisible(!isDefault);
  showProblem({});
  if (info_.kind == ParamKind::Reference) showReference();
  updateSlider();
  updating_ = false;
}

void ParamField::setReferenceChoices(const QStringList& ids) {
  references_ = ids;
  updating_ = true;
  showReference();
  updating_ = false;
}

void ParamField::showReference() {
  const auto* current = std::get_if<std::string>(&value_);
  const QString id = current ? toQ(*current) : QString();
  const QSignalBlocker block(choice_);
  choice_->clear();
  if (!id.isEmpty() && !references_.contains(id))
    choice_->addItem(tr("%1 (missing)").arg(id), QString());  // choose another to repair it
  for (const QString& r : references_) choice_->addItem(r, r);
  const int at = choice_->findData(id);
  choice_->setCurrentIndex(at >= 0 ? at : 0);
  showProblem(!id.isEmpty() && !references_.contains(id)
                  ? tr("No object '%1' in the network: choose one").arg(id)
                  : QString());
}

QString ParamField::problem() const {
  return problem_->isVisible() ? problem_->text() : QString();
}

void ParamField::showProblem(const QString& problem) {
  problem_->setText(problem);
  problem_->setVisible(!problem.isEmpty());
  const QColor red = problemColor(palette());
  problem_->setStyleSheet(QStringLiteral("color: %1").arg(red.name()));
  if (edit_)
    edit_->setStyleSheet(problem.isEmpty() ? QString()
                                           : QStringLiteral("QLineEdit { border: 1.5px solid %1; "
                                                            "border-radius: 3px; padding: 1px; }")
                                                 .arg(red.name()));
}

std::optional<ParamValue> ParamField::validate(const QString& text) {
  ParsedValue parsed = parseValue(info_.kind, text);
  if (!parsed.value) {
    showProblem(parsed.error);
    return std::nullopt;
  }
  if (check_) {
    const QString reason = check_(*parsed.value);
    if (!reason.isEmpty()) {
      showProblem(reason);
      return std::nullopt;
    }
  }
  showProblem({});
  return parsed.value;
}

void ParamField::commitText() {
  if (!edit_ || edit_->isReadOnly() || updating_) return;
  if (edit_->text() == formatValue(value_)) {
    showProblem({});
    return;
  }
  if (auto value = validate(edit_->text())) Q_EMIT valueEdited(*value, 0);
}

bool ParamField::eventFilter(QObject* watched, QEvent* event) {
  // A slider under the mouse wheel would change values while the inspector scrolls.
  if (watched == slider_ && event->type() == QEvent::Wheel) {
    event->ignore();
    return true;
  }
  if (watched == edit_ && event->type() == QEvent::KeyPress &&
      static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
    setValue(value_, !reset_->isVisible());  // give up the edit
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

void ParamField::updateSlider() {
  if (!slider_) return;
  const auto* v = std::get_if<ValueSpec>(&value_);
  const bool scalar = v && v->kind == ValueSpec::Kind::Scalar;
  slider_->setEnabled(scalar);
  if (!scalar) return;
  // Keep the range while dragging, otherwise it would move under the mouse.
  if (!slider_->isSliderDown()) std::tie(lo_, hi_) = sliderRange(info_, v->scalar);
  const QSignalBlocker block(slider_);
  const double t = hi_ > lo_ ? (v->scalar - lo_) / (hi_ - lo_) : 0.0;
  slider_->setValue(static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * kSliderSteps)));
}

double ParamField::sliderValue(int position) const {
  double v = lo_ + (hi_ - lo_) * position / kSliderSteps;
  if (info_.integer) return std::round(v);
  // Round to the slider's resolution so the field reads "20.3", not "20.2999…".
  const double step = (hi_ - lo_) / kSliderSteps;
  const double quantum = std::pow(10.0, std::floor(std::log10(step)));
  v = std::round(v / quantum) * quantum;
  return std::abs(v) < quantum / 2 ? 0.0 : v;
}

void ParamField::onSliderMoved(int position) {
  if (updating_) return;
  const ParamValue value = ValueSpec::constant(sliderValue(position));
  if (check_ && !check_(value).isEmpty()) return;  // the range is the schema's: rare
  if (edit_) edit_->setText(formatValue(value));
  Q_EMIT valueEdited(value, slider_->isSliderDown() ? gesture_ : 0);
}

}  // namespace snn::gui
