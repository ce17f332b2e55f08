#include "SetMonitors.h"

#include <QCoreApplication>
#include <algorithm>
#include <map>

namespace snn::gui {

std::vector<MonitorSpec> SetMonitors::withProbes(const Project& project,
                                                 const std::vector<Probe>& probes) {
  std::vector<MonitorSpec> monitors = project.network.monitors;
  std::erase_if(monitors, [](const MonitorSpec& m) {
    return m.type == MonitorSpec::Type::State && m.variable == "v";
  });
  std::map<std::string, std::vector<int64_t>> byPopulation;
  std::vector<std::string> order;
  for (const Probe& p : probes) {
    if (!byPopulation.count(p.population)) order.push_back(p.population);
    auto& n = byPopulation[p.population];
    if (std::find(n.begin(), n.end(), p.neuron) == n.end()) n.push_back(p.neuron);
  }
  for (const std::string& population : order)
    monitors.push_back({.type = MonitorSpec::Type::State,
                        .target = population,
                        .variable = "v",
                        .neurons = byPopulation[population]});
  return monitors;
}

SetMonitors::SetMonitors(NetworkDocument* document, const std::vector<Probe>& probes,
                         QUndoCommand* parent)
    : QUndoCommand(QCoreApplication::translate("Undo", "Save Traced Neurons"), parent),
      document_(document),
      old_(document->project().network.monitors),
      new_(withProbes(document->project(), probes)) {}

void SetMonitors::redo() {
  document_->setMonitors(new_);
}

void SetMonitors::undo() {
  document_->setMonitors(old_);
}

}  // namespace snn::gui
