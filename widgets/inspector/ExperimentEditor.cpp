#include "ExperimentEditor.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QUndoStack>
#include <QVBoxLayout>

#include "SchemaField.h"
#include "document/NetworkDocument.h"
#include "sim/NetworkValidator.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

ExperimentEditor::ExperimentEditor(NetworkDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 10, 10, 10);
  layout->addWidget(headingLabel(tr("Experiment"), this));
  auto* box = new QGroupBox(tr("Run"), this);
  auto* form = new QFormLayout(box);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  const std::pair<const char*, QString> rows[] = {
      {"dt", tr("Time step")}, {"duration", tr("Duration")}, {"seed", tr("Seed")}};
  for (const auto& [field, label] : rows) {
    auto* f = new SchemaField(
        document_, ObjectKind::Experiment, [] { return std::string(); }, field, this);
    form->addRow(label, f);
    fields_.push_back(f);
  }
  layout->addWidget(box);

  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  layout->addWidget(summary_);
  auto* help = new QLabel(
      tr("<p><b>Build a network</b><br>Drag a model from the palette onto the canvas. Drag from "
         "a node's output port (right) to another's input port (left) to connect them. Select a "
         "node or a connection to edit it here.</p>"
         "<p><b>Run it</b><br>Press Run (Space). Drag a parameter's slider while it runs; click a "
         "neuron in the raster to trace its membrane.</p>"),
      this);
  help->setWordWrap(true);
  help->setForegroundRole(QPalette::PlaceholderText);
  layout->addWidget(help);
  layout->addStretch(1);
  refresh();
}

void ExperimentEditor::refresh() {
  const Project& project = document_->project();
  for (SchemaField* f : fields_) f->refresh();
  const NetworkFootprint f = estimateFootprint(project);
  const QLocale locale;
  summary_->setText(tr("%1 populations, %2 neurons, about %3 synapses, %4 projections")
                        .arg(project.network.populations.size())
                        .arg(locale.toString(static_cast<qlonglong>(f.neurons)))
                        .arg(locale.toString(static_cast<qlonglong>(f.synapses)))
                        .arg(project.network.projections.size()));
}

}  // namespace snn::gui
