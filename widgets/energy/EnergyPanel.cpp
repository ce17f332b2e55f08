#include "EnergyPanel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include "AccuracyBar.h"
#include "EnergyPlot.h"
#include "commands/ChangeEnergy.h"
#include "conversion/ConversionEnergy.h"
#include "document/NetworkDocument.h"
#include "energy/EnergyFields.h"
#include "io/AtomicFile.h"
#include "project/ProjectEnergy.h"
#include "session/SimulationSession.h"
#include "util/QtText.h"

namespace snn::gui {

EnergyPanel::EnergyPanel(NetworkDocument* document, SimulationSession* session, QWidget* parent)
    : QWidget(parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("Chip:"), this));
  chip_ = new QComboBox(this);
  for (const NeuromorphicChip& c : neuromorphicChips()) {
    chip_->addItem(toQ(c.name), toQ(c.key));
    chip_->setItemData(chip_->count() - 1, toQ(c.basis), Qt::ToolTipRole);
  }
  row->addWidget(chip_);
  stacking_ = new QComboBox(this);
  stacking_->addItems({tr("by kind of operation"), tr("by layer")});
  row->addWidget(stacking_);
  row->addStretch();
  layout->addLayout(row);
  // Two rows, so the panel stays as narrow as the other tabs of its dock area (the widest tab
  // sets the area's width, and a third combo made it squeeze the canvas and the run plots).
  row = new QHBoxLayout;
  source_ = new QComboBox(this);
  source_->addItem(tr("the present run"));
  source_->setToolTip(tr("What the bars show: the present run, or the last conversion at one T"));
  row->addWidget(new QLabel(tr("Showing:"), this));
  row->addWidget(source_);
  row->addStretch();
  auto* csv = new QPushButton(tr("Export CSV…"), this);
  auto* picture = new QPushButton(tr("Export picture…"), this);
  row->addWidget(csv);
  row->addWidget(picture);
  layout->addLayout(row);
  accuracyBar_ = new AccuracyBar(document_, this);
  layout->addWidget(accuracyBar_);

  auto* split = new QSplitter(Qt::Vertical, this);
  plot_ = new EnergyPlot(split);
  table_ = new QTableWidget(0, 4, split);
  table_->setHorizontalHeaderLabels({tr("constant"), tr("value"), tr("unit"), tr("source")});
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->setVisible(false);
  split->addWidget(plot_);
  split->addWidget(table_);
  layout->addWidget(split, 1);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  layout->addWidget(status_);

  refreshTimer_ = new QTimer(this);
  refreshTimer_->setSingleShot(true);
  refreshTimer_->setInterval(300);  // chunks arrive ~30 times a second; the bars need not
  connect(refreshTimer_, &QTimer::timeout, this, &EnergyPanel::refresh);
  connect(chip_, &QComboBox::activated, this, &EnergyPanel::onChipChosen);
  connect(stacking_, &QComboBox::activated, this, [this](int i) {
    plot_->setStacking(i == 0 ? EnergyPlot::Stacking::ByKind : EnergyPlot::Stacking::ByLayer);
  });
  connect(source_, &QComboBox::activated, this, [this] { refresh(); });
  connect(accuracyBar_, &AccuracyBar::measured, this, &EnergyPanel::setAccuracies);
  connect(table_, &QTableWidget::cellChanged, this, &EnergyPanel::onConstantEdited);
  connect(csv, &QPushButton::clicked, this, [this] { chooseExport(false); });
  connect(picture, &QPushButton::clicked, this, [this] { chooseExport(true); });
  connect(document_, &NetworkDocument::changed, this, &EnergyPanel::onDocumentChanged);
  if (session) {
    connect(session, &SimulationSession::chunkReady, this, [this](ChunkPtr chunk) {
      if (chunk->counts.populations.empty()) return;
      counts_ = chunk->counts;
      if (!refreshTimer_->isActive()) refreshTimer_->start();
    });
    // A new run is what the bars show; a run of a network fed a dataset ends with its accuracy
    // measured in the background (when the project changed since the last measurement).
    connect(session, &SimulationSession::runStarted, this,
            [this](RunLayoutPtr) { showConversionPoint(-1); });
    connect(session, &SimulationSession::stateChanged, this, [this](RunState state) {
      const bool stopped = state == RunState::Paused || state == RunState::Finished;
      if (stopped && !counts_.populations.empty()) accuracyBar_->measureIfFedAndChanged();
    });
  }
  fillConstants();
  refresh();
}

void EnergyPanel::setCounts(const OperationCounts& counts) {
  counts_ = counts;
  refresh();
}

void EnergyPanel::setAccuracy(const std::string& substrate, std::optional<double> accuracy,
                              const std::string& note) {
  accuracy_[substrate] = SubstrateAccuracy{accuracy, note};
  refresh();
}

void EnergyPanel::setAccuracies(const SubstrateAccuracies& accuracies) {
  EnergyReport names = report_;
  if (names.substrates.empty())  // no run yet: the names every report has
    for (const char* n : {"ann_fp32", "ann_int8", "snn_cmos", "snn_chip", "crossbar"})
      names.substrates.push_back(SubstrateEnergy{.name = n});
  applyAccuracies(names, accuracies);
  for (const SubstrateEnergy& s : names.substrates)
    accuracy_[s.name] = SubstrateAccuracy{s.accuracy, s.accuracyNote};
  refresh();
}

void EnergyPanel::showConversion(std::shared_ptr<const AnnSpec> ann,
                                 std::vector<ConvertedPoint> points) {
  if (!ann || points.empty()) return;
  convertedAnn_ = std::move(ann);
  converted_ = std::move(points);
  while (source_->count() > 1) source_->removeItem(1);
  int largest = 0;
  for (size_t k = 0; k < converted_.size(); ++k) {
    source_->addItem(tr("conversion, T = %1").arg(converted_[k].timesteps));
    if (converted_[k].timesteps > converted_[static_cast<size_t>(largest)].timesteps)
      largest = static_cast<int>(k);
  }
  showConversionPoint(largest);
}

int EnergyPanel::shownConversionPoint() const {
  return source_->currentIndex() - 1;
}

void EnergyPanel::showConversionPoint(int index) {
  source_->setCurrentIndex(index >= 0 && index < static_cast<int>(converted_.size()) ? index + 1
                                                                                     : 0);
  refresh();
}

// The bars of conversion point `k`, priced now (the chip and constants in force), with the
// source ANN on the ANN bars and the conversion's accuracies.
EnergyReport EnergyPanel::convertedReport(size_t k) const {
  const Project& project = document_->project();
  const ConvertedPoint& point = converted_[k];
  EnergyReport report = projectEnergyReport(project, point.counts);
  useSourceAnn(report, *convertedAnn_, point.counts.inferences(),
               energyTableFor(project.energy.value_or(EnergySpec{})));
  applyConversionAccuracies(report, point.annAccuracy, point.snnAccuracy);
  return report;
}

void EnergyPanel::refresh() {
  const Project& project = document_->project();
  const EnergySpec spec = project.energy.value_or(EnergySpec{});
  chip_->setCurrentIndex(std::max(0, chip_->findData(toQ(spec.chip))));
  const int point = shownConversionPoint();
  if (point >= 0) {
    try {
      report_ = convertedReport(static_cast<size_t>(point));
    } catch (const std::exception& e) {
      status_->setText(toQ(e.what()));
      return;
    }
    plot_->showReport(report_);
    const ConvertedPoint& p = converted_[static_cast<size_t>(point)];
    status_->setText(tr("The converted network at T = %1 on %2 test samples: ANN %3 %, SNN %4 %. "
                        "Hover a bar for its formula and constants.")
                         .arg(p.timesteps)
                         .arg(p.counts.inferences())
                         .arg(100 * p.annAccuracy, 0, 'f', 1)
                         .arg(100 * p.snnAccuracy, 0, 'f', 1));
    return;
  }
  if (counts_.populations.empty()) {
    report_ = {};
    plot_->showReport(report_);
    status_->setText(tr("Run the network to count its operations."));
    return;
  }
  try {
    report_ = projectEnergyReport(project, counts_);
  } catch (const std::exception& e) {
    status_->setText(toQ(e.what()));
    return;
  }
  for (SubstrateEnergy& s : report_.substrates)
    if (auto it = accuracy_.find(s.name); it != accuracy_.end()) {
      s.accuracy = it->second.accuracy;
      s.accuracyNote = it->second.note;
    }
  plot_->showReport(report_);
  status_->setText(tr("%1 s simulated, %2 inference(s): %3 synaptic operations, %4 spikes. "
                      "Hover a bar for its formula and constants.")
                       .arg(counts_.simulatedSeconds())
                       .arg(counts_.inferences())
                       .arg(counts_.totalSynapticOps())
                       .arg(counts_.totalSpikes()));
}

// Fills the table in place (items are kept: an edit's own cellChanged may be what refills it).
void EnergyPanel::fillConstants() {
  filling_ = true;
  EnergyTable table;
  try {
    table = energyTableFor(document_->project().energy.value_or(EnergySpec{}));
  } catch (const std::exception&) {
  }
  table_->setRowCount(static_cast<int>(table.constants().size()));
  for (int r = 0; r < table_->rowCount(); ++r) {
    const EnergyConstant& c = table.constants()[static_cast<size_t>(r)];
    const QString texts[] = {toQ(c.key), QString::number(c.value, 'g', 6), toQ(c.unit),
                             toQ(c.source)};
    for (int col = 0; col < 4; ++col) {
      QTableWidgetItem* item = table_->item(r, col);
      if (!item) {
        item = new QTableWidgetItem;
        if (col != 1) item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        table_->setItem(r, col, item);
      }
      item->setText(texts[col]);
      item->setToolTip(col == 1 ? toQ(c.meaning) + tr("\nEdit to change it in this project "
                                                      "(undoable).")
                                : toQ(c.meaning + "\n" + c.source));
      QFont font = item->font();
      font.setBold(col == 1 && c.overridden);
      item->setFont(font);
    }
  }
  table_->resizeColumnsToContents();
  filling_ = false;
}

void EnergyPanel::onDocumentChanged(const ChangeEvent& event) {
  if (event.type == ChangeEvent::Type::ProjectReplaced) {
    counts_ = {};
    accuracy_.clear();
    converted_.clear();
    convertedAnn_.reset();
    while (source_->count() > 1) source_->removeItem(1);
  } else if (event.type == ChangeEvent::Type::NodesMoved) {
    return;
  } else if (!(event.kind == ObjectKind::File && event.field.rfind("energy", 0) == 0)) {
    // The network changed: the accuracies measured before no longer describe it.
    if (!accuracy_.empty()) {
      accuracy_.clear();
      refresh();
    }
    return;
  }
  fillConstants();
  refresh();
}

void EnergyPanel::onConstantEdited(int row, int column) {
  if (filling_ || column != 1) return;
  const std::string key = table_->item(row, 0)->text().toStdString();
  bool ok = false;
  const double value = table_->item(row, 1)->text().toDouble(&ok);
  EnergySpec spec = document_->project().energy.value_or(EnergySpec{});
  EnergyTable check;
  try {
    if (!ok) throw std::invalid_argument("'" + key + "' needs a number");
    check.set(key, value);
  } catch (const std::exception& e) {
    status_->setText(toQ(e.what()));
    fillConstants();  // back to the value in force
    return;
  }
  if (value == check.find(key)->value && !check.find(key)->overridden)
    spec.constants.erase(key);  // back to the published default
  else
    spec.constants[key] = value;
  document_->undoStack()->push(new ChangeEnergy(document_, spec, "energy.constants." + key,
                                                tr("Set energy constant %1").arg(toQ(key))));
}

void EnergyPanel::onChipChosen(int index) {
  EnergySpec spec = document_->project().energy.value_or(EnergySpec{});
  const std::string chip = chip_->itemData(index).toString().toStdString();
  if (chip == spec.chip) return;
  spec.chip = chip;
  document_->undoStack()->push(new ChangeEnergy(document_, spec, "energy.chip",
                                                tr("Choose chip %1").arg(chip_->itemText(index))));
}

QString EnergyPanel::exportCsv(const QString& path) const {
  try {
    AtomicFile file(path.toStdString());
    std::ostream& out = file.stream();
    out.precision(10);
    out << "substrate,chip,layer,kind,joules,joules_per_inference\n";
    for (const SubstrateEnergy& s : report_.substrates)
      for (const EnergyLayer& l : s.layers)
        for (const auto& [kind, j] : l.joules)
          out << s.name << ',' << s.chip << ',' << l.id << ',' << kind << ',' << j << ','
              << j / double(std::max<int64_t>(1, s.inferences)) << '\n';
    file.commit();
  } catch (const std::exception& e) {
    return toQ(e.what());
  }
  return {};
}

void EnergyPanel::chooseExport(bool picture) {
  const QString path = QFileDialog::getSaveFileName(
      this, picture ? tr("Export energy picture") : tr("Export energy table"),
      picture ? "energy.png" : "energy.csv",
      picture ? tr("Pictures (*.png *.svg *.pdf)") : tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  const QString problem = picture ? plot_->exportTo(path) : exportCsv(path);
  status_->setText(problem.isEmpty() ? tr("Written to %1").arg(path) : problem);
}

}  // namespace snn::gui
