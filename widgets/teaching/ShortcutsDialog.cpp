#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <map>

namespace snn::gui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Keyboard Shortcuts"));
  auto* layout = new QVBoxLayout(this);
  text_ = new QTextBrowser(this);
  layout->addWidget(text_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  std::map<QString, QString> rows;  // by action name, each once
  for (QAction* a : actions) {
    if (a->shortcut().isEmpty()) continue;
    QString name = a->text();
    name.remove('&');
    name.remove(QStringLiteral("…"));
    QString keys;
    for (const QKeySequence& k : a->shortcuts())
      keys += (keys.isEmpty() ? "" : ", ") + k.toString(QKeySequence::NativeText).toHtmlEscaped();
    rows[name] = keys;
  }
  QString html = "<h3>" + tr("Keys") + "</h3><table cellpadding=\"3\">";
  for (const auto& [name, keys] : rows)
    html += "<tr><td><b>" + keys + "</b></td><td>" + name.toHtmlEscaped() + "</td></tr>";
  html += "</table><h3>" + tr("Mouse") + "</h3><table cellpadding=\"3\">";
  const std::pair<const char*, const char*> mouse[] = {
      {"Drag a model from the palette", "add a population where it is dropped"},
      {"Drag from an output port (right) to an input port (left)", "connect two nodes"},
      {"Rubber band, Ctrl+click", "select several nodes"},
      {"Wheel over the canvas", "zoom; middle button or Alt+drag pans"},
      {"Click a neuron in the raster", "trace its membrane (Ctrl+click adds it)"},
      {"Wheel over a plot", "zoom the time axis; drag to scroll back through the run"},
      {"Right-click a plot", "time window, Follow the Run, export as PNG, SVG or PDF"},
      {"Drag an inspector slider", "change a parameter while the network runs"},
  };
  for (const auto& [what, does] : mouse)
    html += "<tr><td><b>" + tr(what) + "</b></td><td>" + tr(does) + "</td></tr>";
  html += "</table>";
  text_->setHtml(html);
  resize(560, 560);
}

QString ShortcutsDialog::html() const {
  return text_->toHtml();
}

}  // namespace snn::gui
