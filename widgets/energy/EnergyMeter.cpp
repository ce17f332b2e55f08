#include "EnergyMeter.h"

#include "document/NetworkDocument.h"
#include "project/ProjectEnergy.h"
#include "session/SimulationSession.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

QString wattsText(double w) {
  const std::pair<const char*, double> units[] = {
      {"W", 1.0}, {"mW", 1e-3}, {"µW", 1e-6}, {"nW", 1e-9}, {"pW", 1e-12}};
  for (const auto& [name, size] : units)
    if (w >= size) return QString::number(w / size, 'g', 3) + " " + QString::fromUtf8(name);
  return QString::number(w / 1e-12, 'g', 3) + " pW";
}

}  // namespace

EnergyMeter::EnergyMeter(NetworkDocument* document, SimulationSession* session, QWidget* parent)
    : QLabel(parent), document_(document) {
  setVisible(false);
  if (!session) return;
  connect(session, &SimulationSession::runStarted, this, [this](RunLayoutPtr) { restart(); });
  connect(session, &SimulationSession::recordingCleared, this, [this] {
    restart();
    setVisible(false);
  });
  connect(session, &SimulationSession::chunkReady, this,
          [this](ChunkPtr chunk) { addCounts(chunk->counts); });
}

void EnergyMeter::restart() {
  previous_ = OperationCounts{};
}

void EnergyMeter::addCounts(const OperationCounts& counts) {
  if (counts.populations.empty()) return;  // counting was off
  const OperationCounts delta = countsBetween(counts, previous_);
  previous_ = counts;
  const double seconds = delta.simulatedSeconds();
  if (seconds <= 0) return;
  const Project& project = document_->project();
  const EnergySpec spec = project.energy.value_or(EnergySpec{});
  try {
    const EnergyReport report = projectEnergyReport(project, delta);
    const SubstrateEnergy* s = report.find(spec.substrate);
    if (!s) s = report.find("snn_chip");
    watts_ = s->total() / seconds;
    const QString where = s->name == "snn_chip"
                              ? toQ(findChip(s->chip) ? findChip(s->chip)->name : s->chip)
                              : toQ(s->name);
    setText(tr("⚡ %1 on %2").arg(wattsText(watts_), where));
    setToolTip(tr("Energy per simulated second of the running network on %1: %2\n"
                  "From this chunk's exact operation counts (%3 synaptic ops, %4 spikes).\n"
                  "Assumes: %5\nChange the substrate, chip and constants in the Energy panel.")
                   .arg(toQ(s->title), wattsText(watts_))
                   .arg(delta.totalSynapticOps())
                   .arg(delta.totalSpikes())
                   .arg(toQ(s->assumption)));
  } catch (const std::exception& e) {
    setText(tr("⚡ ?"));
    setToolTip(toQ(e.what()));
  }
  setVisible(true);
}

}  // namespace snn::gui
