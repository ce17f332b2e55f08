#include "CrossbarChecks.h"

#include <algorithm>
#include <map>

namespace snn {

namespace {

void checkCarried(const NetworkSpec& network, const ProjectionSpec& proj,
                  std::vector<Diagnostic>& out) {
  const auto k = ObjectKind::Projection;
  const CrossbarSpec* crossbar = network.findCrossbar(proj.crossbar);
  if (!crossbar) {
    out.push_back({k, proj.id, "crossbar", "no crossbar '" + proj.crossbar + "'"});
    return;
  }
  const PopulationSpec* pre = network.findPopulation(proj.pre);
  const PopulationSpec* post = network.findPopulation(proj.post);
  if (pre && post) {
    for (Diagnostic& d : checkCrossbarCarries(*crossbar, proj.id, pre->size, post->size))
      out.push_back(std::move(d));
  }
  if (proj.plasticity && proj.plasticity->rule != "stdp")
    out.push_back({k, proj.id, "plasticity.rule",
                   "rule '" + proj.plasticity->rule +
                       "' cannot be carried out as device pulses on a crossbar (stdp can)"});
  if (!proj.delay.isScalar())
    out.push_back({k, proj.id, "delay",
                   "must be one number on a crossbar projection (its column currents arrive "
                   "together)"});
  if (std::any_of(proj.connector.list.begin(), proj.connector.list.end(),
                  [](const ConnectorSpec::Entry& e) { return e.delay.has_value(); }))
    out.push_back({k, proj.id, "connector.list",
                   "delays per synapse are not possible on a crossbar projection"});
}

}  // namespace

std::vector<Diagnostic> checkCrossbarNetwork(const NetworkSpec& network) {
  std::vector<Diagnostic> out;
  for (const CrossbarSpec& c : network.crossbars)
    if (c.hasConductances() && c.mapping.wMax <= 0.0)
      out.push_back({ObjectKind::Crossbar, c.id, "mapping.w_max",
                     "must be > 0 when conductances are given: it is the weight the "
                     "conductance range G_max - G_min stands for"});
  std::map<std::string, std::string> carrier;  // crossbar -> the first projection on it
  for (const ProjectionSpec& p : network.projections) {
    if (p.crossbar.empty()) continue;
    checkCarried(network, p, out);
    auto [it, fresh] = carrier.emplace(p.crossbar, p.id);
    if (!fresh)
      out.push_back({ObjectKind::Projection, p.id, "crossbar",
                     "crossbar '" + p.crossbar + "' already carries projection '" + it->second +
                         "' (one projection per crossbar)"});
  }
  return out;
}

}  // namespace snn
