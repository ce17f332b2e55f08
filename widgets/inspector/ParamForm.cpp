#include "ParamForm.h"

#include <QFormLayout>
#include <QLabel>

#include "ParamField.h"
#include "sim/NetworkValidator.h"
#include "util/QtText.h"

namespace snn::gui {

ParamForm::ParamForm(std::vector<ParamInfo> schema, QWidget* parent)
    : QWidget(parent), schema_(std::move(schema)) {
  auto* form = new QFormLayout(this);
  form->setContentsMargins(0, 0, 0, 0);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setRowWrapPolicy(QFormLayout::WrapLongRows);  // a narrow dock puts fields under labels
  for (const ParamInfo& p : schema_) {
    auto* f = new ParamField(
        p,
        [p](const ParamValue& v) -> QString {
          const auto* spec = std::get_if<ValueSpec>(&v);
          if (spec && !spec->isScalar() && p.kind == ParamKind::PerNeuron)
            return tr("must be a single number");
          auto problem = checkParamValue(p, v, 1);
          return problem ? toQ(*problem) : QString();
        },
        this);
    f->hideSlider();
    const QString name = toQ(p.name);
    connect(f, &ParamField::valueEdited, this,
            [this, name](const ParamValue& v, int) { Q_EMIT valueEdited(name, v); });
    connect(f, &ParamField::resetRequested, this, [this, name] { Q_EMIT resetRequested(name); });
    auto* label = new QLabel(name, this);
    label->setToolTip(f->toolTip());
    form->addRow(label, f);
    fields_[p.name] = f;
  }
}

void ParamForm::setValues(const std::map<std::string, ParamValue>& values) {
  for (const ParamInfo& p : schema_) {
    auto it = values.find(p.name);
    const bool isDefault = it == values.end();
    fields_.at(p.name)->setValue(isDefault ? p.defaultParamValue() : it->second, isDefault);
  }
}

ParamField* ParamForm::field(const std::string& name) const {
  auto it = fields_.find(name);
  return it == fields_.end() ? nullptr : it->second;
}

}  // namespace snn::gui
