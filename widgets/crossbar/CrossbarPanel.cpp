#include "CrossbarPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "ConductanceHistogram.h"
#include "CrossbarMapPlot.h"
#include "CrossbarProbe.h"
#include "commands/CrossbarCommands.h"
#include "document/NetworkDocument.h"
#include "util/QtText.h"

namespace snn::gui {

CrossbarPanel::CrossbarPanel(NetworkDocument* document, QWidget* parent)
    : QWidget(parent), document_(document), probe_(new CrossbarProbe(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  auto* bar = new QHBoxLayout;
  choice_ = new QComboBox(this);
  choice_->setMinimumContentsLength(10);
  tileBox_ = new QSpinBox(this);
  tileBox_->setPrefix(tr("tile "));
  tileBox_->setToolTip(tr("Which physical array of the crossbar the maps show"));
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  bar->addWidget(new QLabel(tr("Crossbar"), this));
  bar->addWidget(choice_);
  bar->addWidget(tileBox_);
  auto* logCounts = new QCheckBox(tr("Log counts"), this);
  logCounts->setObjectName("histogramLogScale");
  logCounts->setToolTip(tr("Device counts of the histogram on a logarithmic axis"));
  bar->addWidget(logCounts);
  bar->addStretch(1);
  layout->addLayout(bar);
  layout->addWidget(status_);

  conductance_ = new CrossbarMapPlot(tr("Conductance"), tr("µS"), this);
  conductance_->setToolTip(
      tr("Click a device to make it stuck ON (Shift-click: OFF); click a "
         "device marked stuck to free it"));
  voltage_ = new CrossbarMapPlot(tr("IR drop: row-wire voltage"), tr("V"), this);
  histogram_ = new ConductanceHistogram(this);
  connect(logCounts, &QCheckBox::toggled, histogram_, &ConductanceHistogram::setLogScale);
  auto* maps = new QSplitter(Qt::Horizontal, this);
  maps->addWidget(conductance_);
  maps->addWidget(voltage_);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(maps);
  split->addWidget(histogram_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);

  edits_ = new QTimer(this);
  edits_->setSingleShot(true);
  edits_->setInterval(250);  // one compile after a burst of edits (a slider drag)
  connect(edits_, &QTimer::timeout, this, &CrossbarPanel::refreshNow);
  connect(document_, &NetworkDocument::changed, this, &CrossbarPanel::onDocumentChanged);
  connect(probe_, &CrossbarProbe::snapshotsReady, this, [this](CrossbarSnapshotsPtr s) {
    if (!live_) showSnapshots(std::move(s));
  });
  connect(probe_, &CrossbarProbe::failed, this, [this](const QString& reason) {
    if (live_) return;
    status_->setText(tr("Cannot program the crossbars: %1").arg(reason));
  });
  connect(choice_, &QComboBox::activated, this,
          [this](int index) { showCrossbar(toStd(choice_->itemText(index))); });
  connect(tileBox_, &QSpinBox::valueChanged, this, [this] { draw(); });
  connect(conductance_, &CrossbarMapPlot::cellClicked, this,
          [this](qint64 row, qint64 col, bool shift) { clickCell(row, col, shift); });
  refreshNow();
}

CrossbarPanel::~CrossbarPanel() = default;

void CrossbarPanel::onDocumentChanged(const ChangeEvent& event) {
  if (event.type == ChangeEvent::Type::NodesMoved) return;
  if (event.type == ChangeEvent::Type::ProjectReplaced) crossbar_.clear();
  if (!live_) edits_->start();
}

void CrossbarPanel::refreshNow() {
  edits_->stop();
  if (document_->project().network.crossbars.empty()) {
    showSnapshots(std::make_shared<const CrossbarSnapshots>());
    return;
  }
  status_->setText(tr("Programming…"));
  probe_->request(document_->project());
}

void CrossbarPanel::setRunSnapshots(CrossbarSnapshotsPtr snapshots) {
  live_ = snapshots != nullptr;
  if (live_)
    showSnapshots(std::move(snapshots));
  else
    refreshNow();
}

void CrossbarPanel::showCrossbar(const std::string& id) {
  if (!document_->project().network.findCrossbar(id)) return;
  crossbar_ = id;
  fillChoices();
  draw();
}

const CrossbarSnapshot* CrossbarPanel::shown() const {
  if (!snapshots_) return nullptr;
  for (const CrossbarSnapshot& s : *snapshots_)
    if (s.id == crossbar_) return &s;
  return nullptr;
}

int CrossbarPanel::tile() const {
  return tileBox_->value();
}

void CrossbarPanel::showSnapshots(CrossbarSnapshotsPtr snapshots) {
  snapshots_ = std::move(snapshots);
  if (!shown() && !snapshots_->empty()) crossbar_ = snapshots_->front().id;
  fillChoices();
  draw();
  Q_EMIT snapshotsShown();
}

void CrossbarPanel::fillChoices() {
  const QSignalBlocker block(choice_);
  choice_->clear();
  if (snapshots_)
    for (const CrossbarSnapshot& s : *snapshots_) choice_->addItem(toQ(s.id));
  choice_->setCurrentIndex(choice_->findText(toQ(crossbar_)));
}

void CrossbarPanel::draw() {
  const CrossbarSnapshot* s = shown();
  if (!s) {
    const QString hint = tr("Add a crossbar from the palette (Hardware) to see its devices here");
    conductance_->clear(hint);
    voltage_->clear(QString());
    histogram_->clear(QString());
    status_->setText(QString());
    tileBox_->setEnabled(false);
    return;
  }
  {
    const QSignalBlocker block(tileBox_);
    tileBox_->setRange(0, std::max(0, static_cast<int>(s->tiles.size()) - 1));
    tileBox_->setEnabled(s->tiles.size() > 1);
  }
  const CrossbarSnapshot::Tile& t = s->tiles.at(static_cast<size_t>(tileBox_->value()));
  conductance_->setTile(s->conductances.block(t.row0, t.col0, t.rows, t.cols), t.row0, t.col0,
                        s->gMin, s->gMax);
  conductance_->setFaults(s->faults);
  voltage_->setTitle(s->fullRead ? tr("IR drop: row-wire voltage, every row at v_read")
                                 : tr("IR drop: row-wire voltage, last read"));
  if (t.rowVolts.size() > 0)
    voltage_->setTile(t.rowVolts, t.row0, t.col0);  // its own range: the sag is often small
  else
    voltage_->clear(tr("This array is too large to solve node by node for a view"));
  histogram_->setData(s->conductances, s->levels, s->gMin, s->gMax);
  int stuck = 0;
  for (Eigen::Index k = 0; k < s->faults.size(); ++k) stuck += s->faults(k) != 0;
  const QString when = s->step < 0 ? tr("as programmed") : tr("at step %1").arg(s->step);
  const QString what = s->projection.empty() ? tr("carries no projection")
                                             : tr("carries '%1'").arg(toQ(s->projection));
  status_->setText(tr("%1 × %2 devices, %3, %4; %5 faulty; %6 tile(s)")
                       .arg(s->rows())
                       .arg(s->cols())
                       .arg(what, when)
                       .arg(stuck)
                       .arg(s->tiles.size()));
}

void CrossbarPanel::clickCell(int64_t row, int64_t col, bool shift) {
  const CrossbarSpec* spec = document_->project().network.findCrossbar(crossbar_);
  if (!spec || row < 0 || col < 0 || row >= spec->rows || col >= spec->cols) return;
  const bool marked =
      std::any_of(spec->stuckCells.begin(), spec->stuckCells.end(),
                  [&](const CrossbarStuckCell& c) { return c.row == row && c.col == col; });
  setStuckCell(*document_, crossbar_, row, col,
               marked ? std::nullopt : std::optional<bool>(!shift));
}

}  // namespace snn::gui
