#include "AnnEditor.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

#include "SchemaField.h"
#include "document/NetworkDocument.h"
#include "model/AnnFields.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

QString floats(const std::vector<float>& v) {
  QStringList parts;
  for (float x : v) parts << QString::number(x);
  return parts.join(QStringLiteral(", "));
}

int64_t valueCount(const AnnLayerSpec& l) {
  return static_cast<int64_t>(l.weight.values.size() + l.bias.values.size());
}

}  // namespace

AnnEditor::AnnEditor(NetworkDocument* document, std::string id, QWidget* parent)
    : InspectorPage(ObjectKind::Ann, std::move(id), parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 10, 10, 10);
  title_ = headingLabel(QString(), this);
  layout->addWidget(title_);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  summary_->setForegroundRole(QPalette::PlaceholderText);
  layout->addWidget(summary_);
  layers_ = new QVBoxLayout;
  layout->addLayout(layers_);
  layout->addStretch(1);
  refresh();
}

SchemaField* AnnEditor::field(const std::string& path) const {
  auto it = fields_.find(path);
  return it == fields_.end() ? nullptr : it->second;
}

std::vector<std::string> AnnEditor::layerKeys() const {
  std::vector<std::string> keys;
  if (const AnnNodeSpec* a = document_->project().network.findAnn(id_))
    for (const AnnLayerSpec& l : a->ann.layers)
      keys.push_back(l.id + ":" + std::string(annLayerTypeName(l.type)));
  return keys;
}

void AnnEditor::build() {
  while (QLayoutItem* item = layers_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  fields_.clear();
  layerTitles_.clear();
  builtFor_ = layerKeys();
  const AnnNodeSpec* node = document_->project().network.findAnn(id_);
  if (!node) return;
  auto id = [this] { return id_; };
  auto addGroup = [&](const QString& title, const std::vector<std::string>& paths) {
    auto* box = new QGroupBox(title, this);
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const std::string& path : paths) {
      auto* f = new SchemaField(document_, ObjectKind::Ann, id, path, box);
      auto* label = new QLabel(toQ(path.substr(path.rfind('.') + 1)), box);
      label->setToolTip(f->toolTip());
      form->addRow(label, f);
      fields_[path] = f;
    }
    layers_->addWidget(box);
    return form;
  };
  addGroup(tr("Input"), {"input.channels", "input.height", "input.width"});
  for (const AnnLayerSpec& l : node->ann.layers) {
    std::vector<std::string> paths;
    for (const ParamInfo& p : annLayerParams(l.type))
      paths.push_back("layers." + l.id + "." + p.name);
    QFormLayout* form = addGroup(toQ(l.id), paths);
    auto* info = new QLabel(form->parentWidget());
    info->setForegroundRole(QPalette::PlaceholderText);
    form->insertRow(0, info);
    layerTitles_.push_back(info);
  }
}

void AnnEditor::refresh() {
  const AnnNodeSpec* node = document_->project().network.findAnn(id_);
  if (!node) return;
  if (layerKeys() != builtFor_ || fields_.empty()) build();
  const AnnSpec& ann = node->ann;
  std::vector<AnnShape> shapes;
  try {
    shapes = inferAnnShapes(ann);
  } catch (const SpecError&) {
    // The Problems panel and the fields say what is wrong; shapes show as "?".
  }
  int64_t weights = 0;
  for (const AnnLayerSpec& l : ann.layers) weights += valueCount(l);
  title_->setText(tr("ANN '%1'").arg(toQ(id_)));
  QString summary = tr("%1 layers, %L2 weights and biases").arg(ann.layers.size()).arg(weights);
  if (!ann.mean.empty())
    summary +=
        tr("; input normalised by mean [%1] and std [%2]").arg(floats(ann.mean), floats(ann.std));
  summary_->setText(summary);
  for (size_t i = 0; i < ann.layers.size() && i < layerTitles_.size(); ++i) {
    const AnnLayerSpec& l = ann.layers[i];
    QString text = QStringLiteral("%1 → %2").arg(
        toQ(std::string(annLayerTypeName(l.type))),
        i < shapes.size() ? toQ(shapes[i].toString()) : QStringLiteral("?"));
    if (annLayerHasWeights(l.type))
      text += valueCount(l) > 0 ? tr(", %L1 weights").arg(valueCount(l)) : tr(", untrained");
    layerTitles_[i]->setText(text);
  }
  for (const auto& [path, f] : fields_) f->refresh();
}

}  // namespace snn::gui
