#include "ExperimentEditor.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QUndoStack>
#include <QVBoxLayout>

#include "ParamField.h"
#include "commands/ChangeExperiment.h"
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
  dt_ = ParamField::structural({.name = "dt",
                                .unit = "ms",
                                .defaultValue = 0.1,
                                .min = 0,
                                .minInclusive = false,
                                .meaning = "Time step of the simulation"},
                               this);
  duration_ =
      ParamField::structural({.name = "duration",
                              .unit = "ms",
                              .defaultValue = 1000,
                              .min = 0,
                              .minInclusive = false,
                              .meaning = "How long Run simulates (unless it runs continuously)"},
                             this);
  seed_ = ParamField::structural({.name = "seed",
                                  .defaultValue = 1,
                                  .min = 0,
                                  .meaning = "Seed of every random stream: same seed, same spikes",
                                  .integer = true},
                                 this);
  form->addRow(tr("Time step"), dt_);
  form->addRow(tr("Duration"), duration_);
  form->addRow(tr("Seed"), seed_);
  layout->addWidget(box);
  auto set = [this](ParamField* f, auto apply) {
    auto push = [this, apply, f](const ParamValue& v) {
      ExperimentSpec e = document_->project().experiment;
      apply(e, std::get<ValueSpec>(v).scalar);
      if (e == document_->project().experiment) return;
      document_->undoStack()->push(
          new ChangeExperiment(document_, e, tr("Change %1").arg(toQ(f->info().name))));
    };
    connect(f, &ParamField::valueEdited, this, [push](const ParamValue& v, int) { push(v); });
    connect(f, &ParamField::resetRequested, this,
            [push, f] { push(f->info().defaultParamValue()); });
  };
  set(dt_, [](ExperimentSpec& e, double v) { e.dt = v; });
  set(duration_, [](ExperimentSpec& e, double v) { e.duration = v; });
  set(seed_, [](ExperimentSpec& e, double v) { e.seed = static_cast<uint64_t>(v); });

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
  const ExperimentSpec& e = project.experiment;
  dt_->setValue(ValueSpec::constant(e.dt), e.dt == 0.1);
  duration_->setValue(ValueSpec::constant(e.duration), e.duration == 1000);
  seed_->setValue(ValueSpec::constant(static_cast<double>(e.seed)), e.seed == 1);
  const NetworkFootprint f = estimateFootprint(project);
  const QLocale locale;
  summary_->setText(tr("%1 populations, %2 neurons, about %3 synapses, %4 projections")
                        .arg(project.network.populations.size())
                        .arg(locale.toString(static_cast<qlonglong>(f.neurons)))
                        .arg(locale.toString(static_cast<qlonglong>(f.synapses)))
                        .arg(project.network.projections.size()));
}

}  // namespace snn::gui
