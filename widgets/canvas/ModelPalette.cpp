#include "ModelPalette.h"

#include <QMimeData>
#include <QPainter>
#include <QStyledItemDelegate>

#include "sim/NeuronModelRegistry.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

constexpr int kModelRole = Qt::UserRole + 1;
constexpr int kMeaningRole = Qt::UserRole + 2;

// Name in bold, meaning below in a quieter colour; section headers in small capitals.
class PaletteDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    const QFontMetrics fm(option.font);
    if (index.data(kModelRole).toString().isEmpty()) return {100, fm.height() + 12};
    return {200, 2 * fm.height() + 14};
  }

  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override {
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QPalette& pal = opt.palette;
    painter->save();
    if (index.data(kModelRole).toString().isEmpty()) {  // a section header
      QFont f = opt.font;
      f.setBold(true);
      f.setPointSizeF(f.pointSizeF() * 0.85);
      f.setCapitalization(QFont::AllUppercase);
      painter->setFont(f);
      painter->setPen(pal.color(QPalette::PlaceholderText));
      painter->drawText(opt.rect.adjusted(8, 0, -4, 0), Qt::AlignLeft | Qt::AlignBottom,
                        index.data(Qt::DisplayRole).toString());
      painter->restore();
      return;
    }
    const bool selected = opt.state & QStyle::State_Selected;
    if (selected)
      painter->fillRect(opt.rect, pal.color(QPalette::Highlight));
    else if (opt.state & QStyle::State_MouseOver)
      painter->fillRect(opt.rect, pal.color(QPalette::AlternateBase));
    const int iconSize = opt.rect.height() - 14;
    const QRect iconRect(opt.rect.left() + 8, opt.rect.top() + 7, iconSize, iconSize);
    opt.icon.paint(painter, iconRect);
    const QRect text = opt.rect.adjusted(iconSize + 16, 5, -6, -5);
    QFont name = opt.font;
    name.setBold(true);
    painter->setFont(name);
    painter->setPen(pal.color(selected ? QPalette::HighlightedText : QPalette::Text));
    const QFontMetrics nm(name);
    painter->drawText(
        text, Qt::AlignLeft | Qt::AlignTop,
        nm.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, text.width()));
    QFont small = opt.font;
    small.setPointSizeF(small.pointSizeF() * 0.88);
    painter->setFont(small);
    painter->setPen(selected ? pal.color(QPalette::HighlightedText)
                             : pal.color(QPalette::PlaceholderText));
    const QFontMetrics sm(small);
    painter->drawText(
        text, Qt::AlignLeft | Qt::AlignBottom,
        sm.elidedText(index.data(kMeaningRole).toString(), Qt::ElideRight, text.width()));
    painter->restore();
  }
};

QString iconFor(ModelRole role) {
  switch (role) {
    case ModelRole::Neuron:
      return "model-neuron";
    case ModelRole::SpikeSource:
      return "model-spike-source";
    case ModelRole::CurrentSource:
      return "model-current-source";
  }
  return "model-neuron";
}

}  // namespace

ModelPalette::ModelPalette(QWidget* parent) : QListWidget(parent) {
  setItemDelegate(new PaletteDelegate(this));
  setDragEnabled(true);
  setDragDropMode(DragOnly);
  setSelectionMode(SingleSelection);
  setMouseTracking(true);
  setUniformItemSizes(false);
  setFrameShape(QFrame::NoFrame);
  setVerticalScrollMode(ScrollPerPixel);

  auto section = [this](const QString& title) {
    auto* header = new QListWidgetItem(title, this);
    header->setFlags(Qt::NoItemFlags);
  };
  const auto& entries = NeuronModelRegistry::instance().entries();
  for (bool neurons : {true, false}) {
    section(neurons ? tr("Neurons") : tr("Sources and encoders"));
    for (const NeuronModelEntry& e : entries) {
      const ModelInfo& info = *e.info;
      if ((info.role == ModelRole::Neuron) != neurons) continue;
      auto* item = new QListWidgetItem(themeIcon(iconFor(info.role)), toQ(info.displayName), this);
      item->setData(kModelRole, toQ(info.name));
      item->setData(kMeaningRole, toQ(info.meaning));
      QString tip = QStringLiteral("<b>%1</b> (<code>%2</code>)<br>%3")
                        .arg(toQ(info.displayName).toHtmlEscaped(), toQ(info.name),
                             toQ(info.meaning).toHtmlEscaped());
      if (!info.equation.empty()) tip += "<pre>" + toQ(info.equation).toHtmlEscaped() + "</pre>";
      if (!info.reference.empty()) tip += "<i>" + toQ(info.reference).toHtmlEscaped() + "</i>";
      item->setToolTip(tip);
      item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
  }
  section(tr("Hardware"));
  auto* crossbar = new QListWidgetItem(themeIcon("model-crossbar"), tr("Memristor crossbar"), this);
  crossbar->setData(kModelRole, QString::fromLatin1(kCrossbarEntry));
  crossbar->setData(kMeaningRole, tr("Carries a projection's synapses as device conductances"));
  crossbar->setToolTip(
      tr("<b>Memristor crossbar</b><br>Carries the synapses of a projection no "
         "crossbar carries yet (the selected one first) as conductances of "
         "RRAM devices, with their levels, variation, faults and IR drop"));
  crossbar->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
  connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    const QString model = item->data(kModelRole).toString();
    if (!model.isEmpty()) Q_EMIT modelActivated(model);
  });
}

QStringList ModelPalette::mimeTypes() const {
  return {kMimeType};
}

QMimeData* ModelPalette::mimeData(const QList<QListWidgetItem*>& items) const {
  if (items.isEmpty()) return nullptr;
  const QString model = items.first()->data(kModelRole).toString();
  if (model.isEmpty()) return nullptr;
  auto* data = new QMimeData;
  data->setData(kMimeType, model.toUtf8());
  data->setText(model);
  return data;
}

}  // namespace snn::gui
