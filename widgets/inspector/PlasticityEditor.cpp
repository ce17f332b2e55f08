#include "PlasticityEditor.h"

#include <QComboBox>
#include <QLabel>
#include <QUndoStack>
#include <QVBoxLayout>

#include "ParamForm.h"
#include "commands/ChangeField.h"
#include "commands/ChangeProjection.h"
#include "document/NetworkDocument.h"
#include "plasticity/PlasticityRules.h"
#include "util/QtText.h"

namespace snn::gui {

PlasticityEditor::PlasticityEditor(NetworkDocument* document, std::string projection,
                                   QWidget* parent)
    : QGroupBox(tr("Plasticity"), parent), document_(document), id_(std::move(projection)) {
  setCheckable(true);
  setToolTip(tr("Let the weights learn from the spikes while the network runs or trains"));
  layout_ = new QVBoxLayout(this);
  rule_ = new QComboBox(this);
  for (const PlasticityRuleEntry& rule : plasticityRuleEntries())
    rule_->addItem(toQ(rule.info->displayName), toQ(rule.info->name));
  layout_->addWidget(rule_);
  meaning_ = new QLabel(this);
  meaning_->setWordWrap(true);
  meaning_->setForegroundRole(QPalette::PlaceholderText);
  layout_->addWidget(meaning_);
  connect(this, &QGroupBox::clicked, this, [this](bool on) {
    auto* change = new ChangeField(document_, ObjectKind::Projection, id_, "plasticity",
                                   ValueSpec::constant(on ? 1.0 : 0.0));
    change->setText(on ? tr("Plasticity on for '%1'").arg(toQ(id_))
                       : tr("Plasticity off for '%1'").arg(toQ(id_)));
    document_->undoStack()->push(change);
  });
  connect(rule_, &QComboBox::activated, this, [this](int index) {
    const std::string rule = toStd(rule_->itemData(index).toString());
    edit(tr("plasticity rule"), [rule](ProjectionSpec& p) {
      if (p.plasticity && p.plasticity->rule != rule) p.plasticity = PlasticitySpec{.rule = rule};
    });
  });
  refresh();
}

void PlasticityEditor::setProjection(std::string id) {
  id_ = std::move(id);
  refresh();
}

void PlasticityEditor::edit(const QString& what,
                            const std::function<void(ProjectionSpec&)>& change) {
  const ProjectionSpec* current = document_->project().network.findProjection(id_);
  if (!current) return;
  ProjectionSpec changed = *current;
  change(changed);
  if (changed == *current) return;
  document_->undoStack()->push(
      new ChangeProjection(document_, changed, tr("Change %1 of '%2'").arg(what, toQ(id_))));
}

void PlasticityEditor::rebuildForm(const std::string& rule) {
  delete form_;
  form_ = nullptr;
  builtForRule_ = rule;
  const ModelInfo* info = findPlasticityRule(rule);
  if (!info) return;
  form_ = new ParamForm(info->params, this);
  layout_->addWidget(form_);
  auto set = [this](const QString& name, std::optional<ParamValue> value) {
    const ProjectionSpec* p = document_->project().network.findProjection(id_);
    if (!p || !p->plasticity) return;
    document_->undoStack()->push(new ChangeField(document_, ObjectKind::Projection, id_,
                                                 "plasticity.params." + toStd(name), value));
  };
  connect(form_, &ParamForm::valueEdited, this,
          [set](const QString& name, const ParamValue& value) { set(name, value); });
  connect(form_, &ParamForm::resetRequested, this,
          [set](const QString& name) { set(name, std::nullopt); });
}

void PlasticityEditor::refresh() {
  const ProjectionSpec* p = document_->project().network.findProjection(id_);
  if (!p) return;
  const bool on = p->plasticity.has_value();
  setChecked(on);
  const std::string rule =
      p->plasticity ? p->plasticity->rule : plasticityRuleEntries().front().info->name;
  if (rule != builtForRule_ || !form_) rebuildForm(rule);
  rule_->setCurrentIndex(rule_->findData(toQ(rule)));
  const ModelInfo* info = findPlasticityRule(rule);
  meaning_->setText(info ? toQ(info->meaning) : tr("Unknown rule '%1'").arg(toQ(rule)));
  QString tip;
  if (info)
    tip = "<b>" + toQ(info->displayName).toHtmlEscaped() + "</b><pre>" +
          toQ(info->equation).toHtmlEscaped() + "</pre><i>" + toQ(info->reference).toHtmlEscaped() +
          "</i>";
  meaning_->setToolTip(tip);
  if (form_) form_->setValues(on ? p->plasticity->params : std::map<std::string, ParamValue>{});
  // Unchecked, the group is one line: the weights are fixed.
  for (QWidget* w : {static_cast<QWidget*>(rule_), static_cast<QWidget*>(meaning_),
                     static_cast<QWidget*>(form_)})
    if (w) w->setVisible(on);
}

}  // namespace snn::gui
