#include "CrossbarEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "SchemaField.h"
#include "commands/CrossbarCommands.h"
#include "document/NetworkDocument.h"
#include "model/CrossbarSchema.h"
#include "model/DevicePresets.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

QString fromView(std::string_view s) {
  return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString sectionTitle(const std::string& section) {
  if (section.empty()) return QObject::tr("Size");
  if (section == "device") return QObject::tr("Device");
  if (section == "array") return QObject::tr("Array and periphery");
  if (section == "mapping") return QObject::tr("Mapping");
  if (section == "programming") return QObject::tr("Programming");
  if (section == "faults") return QObject::tr("Faults");
  return toQ(section);
}

}  // namespace

CrossbarEditor::CrossbarEditor(NetworkDocument* document, std::string id, QWidget* parent)
    : InspectorPage(ObjectKind::Crossbar, std::move(id), parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 10, 10, 10);
  title_ = headingLabel(QString(), this);
  layout->addWidget(title_);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  layout->addWidget(summary_);

  auto* top = new QFormLayout;
  top->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  preset_ = new QComboBox(this);
  for (const DevicePreset& p : devicePresets()) {
    preset_->addItem(fromView(p.displayName), fromView(p.name));
    preset_->setItemData(preset_->count() - 1, fromView(p.meaning), Qt::ToolTipRole);
  }
  preset_->setToolTip(
      tr("The device the other device fields start from; choosing one drops "
         "the fields set by hand"));
  top->addRow(tr("Device preset"), preset_);
  carries_ = new QComboBox(this);
  carries_->setToolTip(tr("The projection whose synapses this crossbar's devices carry"));
  top->addRow(tr("Carries"), carries_);
  layout->addLayout(top);

  connect(preset_, &QComboBox::activated, this, [this](int index) {
    chooseDevicePreset(*document_, id_, toStd(preset_->itemData(index).toString()));
  });
  connect(carries_, &QComboBox::activated, this, [this](int index) {
    carryProjection(*document_, id_, toStd(carries_->itemData(index).toString()));
  });

  std::map<std::string, QFormLayout*> sections;
  for (const CrossbarFieldInfo& f : crossbarFields()) {
    const std::string path = f.path();
    if (path == "device.preset") continue;
    QFormLayout*& form = sections[f.section];
    if (!form) {
      auto* box = new QGroupBox(sectionTitle(f.section), this);
      form = new QFormLayout(box);
      form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
      layout->addWidget(box);
    }
    auto* field = new SchemaField(
        document_, ObjectKind::Crossbar, [this] { return id_; }, path, this);
    auto* name = new QLabel(toQ(f.info.name), this);
    name->setToolTip(field->toolTip());
    form->addRow(name, field);
    fields_[path] = field;
  }
  layout->addStretch(1);
  refresh();
}

SchemaField* CrossbarEditor::schemaField(const std::string& path) const {
  auto it = fields_.find(path);
  return it == fields_.end() ? nullptr : it->second;
}

void CrossbarEditor::refresh() {
  const Project& project = document_->project();
  const CrossbarSpec* c = project.network.findCrossbar(id_);
  if (!c) return;
  std::string carried;
  {
    const QSignalBlocker block(carries_);
    carries_->clear();
    carries_->addItem(tr("(none)"), QString());
    for (const ProjectionSpec& p : project.network.projections) {
      if (!p.crossbar.empty() && p.crossbar != id_) continue;  // another crossbar has it
      carries_->addItem(toQ(p.id + "  (" + p.pre + " → " + p.post + ")"), toQ(p.id));
      if (p.crossbar == id_) carried = p.id, carries_->setCurrentIndex(carries_->count() - 1);
    }
  }
  {
    const QSignalBlocker block(preset_);
    preset_->setCurrentIndex(std::max(0, preset_->findData(toQ(c->device.preset))));
  }
  title_->setText(tr("Crossbar %1").arg(toQ(id_)));
  QString summary = tr("%1 × %2 devices").arg(c->rows).arg(c->cols);
  if (!c->device.params.empty())
    summary +=
        tr(", %n device field(s) set by hand", nullptr, static_cast<int>(c->device.params.size()));
  if (!c->stuckCells.empty())
    summary += tr(", %n cell(s) marked stuck", nullptr, static_cast<int>(c->stuckCells.size()));
  summary +=
      carried.empty() ? tr("; carries no projection") : tr("; carries '%1'").arg(toQ(carried));
  summary_->setText(summary);
  for (const auto& [path, f] : fields_) f->refresh();
}

}  // namespace snn::gui
