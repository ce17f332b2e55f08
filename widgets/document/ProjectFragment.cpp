#include "ProjectFragment.h"

#include <algorithm>
#include <set>

#include "ObjectIds.h"

namespace snn::gui {

Project copyFragment(const Project& project, const std::vector<std::string>& populations,
                     const std::map<std::string, NodePosition>& positions) {
  const std::set<std::string> chosen(populations.begin(), populations.end());
  Project out;
  out.experiment = project.experiment;
  const NetworkSpec& net = project.network;
  for (const PopulationSpec& p : net.populations) {
    if (!chosen.count(p.id)) continue;
    out.network.populations.push_back(p);
    if (auto it = positions.find(p.id); it != positions.end())
      out.layout[p.id] = it->second;
    else if (auto at = project.layout.find(p.id); at != project.layout.end())
      out.layout[p.id] = at->second;
  }
  for (const ProjectionSpec& proj : net.projections)
    if (chosen.count(proj.pre) && chosen.count(proj.post)) out.network.projections.push_back(proj);
  for (const MonitorSpec& m : net.monitors)
    if (chosen.count(m.target)) out.network.monitors.push_back(m);
  return out;
}

Project prepareForPaste(const Project& target, Project fragment, double dx, double dy) {
  // Ids are claimed one by one against the target plus everything renamed so far.
  Project claimed = target;
  std::map<std::string, std::string> renamed;
  auto claim = [&](const std::string& id) {
    const std::string fresh = uniqueId(claimed, id);
    claimed.network.populations.push_back(PopulationSpec{.id = fresh});
    return fresh;
  };
  for (PopulationSpec& p : fragment.network.populations) {
    const std::string fresh = claim(p.id);
    renamed[p.id] = fresh;
    p.id = fresh;
  }
  for (ProjectionSpec& proj : fragment.network.projections) {
    proj.id = claim(proj.id);
    proj.pre = renamed.count(proj.pre) ? renamed[proj.pre] : proj.pre;
    proj.post = renamed.count(proj.post) ? renamed[proj.post] : proj.post;
  }
  for (MonitorSpec& m : fragment.network.monitors)
    if (renamed.count(m.target)) m.target = renamed[m.target];
  std::map<std::string, NodePosition> layout;
  for (const auto& [id, pos] : fragment.layout)
    if (renamed.count(id)) layout[renamed[id]] = {pos.x + dx, pos.y + dy};
  fragment.layout = std::move(layout);
  // Pasted projections must join pasted populations only.
  auto& projs = fragment.network.projections;
  projs.erase(std::remove_if(projs.begin(), projs.end(),
                             [&](const ProjectionSpec& p) {
                               return !fragment.network.findPopulation(p.pre) ||
                                      !fragment.network.findPopulation(p.post);
                             }),
              projs.end());
  return fragment;
}

}  // namespace snn::gui
