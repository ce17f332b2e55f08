#include "NirLayout.h"

#include <deque>
#include <map>
#include <set>

namespace snn::nir {

namespace {
// Canvas spacing (scene units): a population card is about 180 x 60.
constexpr double kColumnStep = 240.0;
constexpr double kRowStep = 110.0;
constexpr double kMargin = 40.0;
}  // namespace

void layOutByLayer(Project& project) {
  const NetworkSpec& net = project.network;
  std::set<std::string> fed;
  for (const ProjectionSpec& p : net.projections)
    if (p.pre != p.post) fed.insert(p.post);
  std::map<std::string, int> column;
  std::deque<std::string> queue;
  for (const PopulationSpec& p : net.populations)
    if (!fed.count(p.id)) {
      column[p.id] = 0;
      queue.push_back(p.id);
    }
  while (!queue.empty()) {  // breadth first: each population at its first (shortest) distance
    const std::string id = queue.front();
    queue.pop_front();
    for (const ProjectionSpec& p : net.projections)
      if (p.pre == id && !column.count(p.post)) {
        column[p.post] = column[id] + 1;
        queue.push_back(p.post);
      }
  }
  std::map<int, int> rows;
  for (const PopulationSpec& p : net.populations) {
    const int c = column.count(p.id) ? column[p.id] : 0;  // a cycle with no entry: first column
    const int r = rows[c]++;
    if (!project.layout.count(p.id))
      project.layout[p.id] = {kMargin + c * kColumnStep, kMargin + r * kRowStep};
  }
}

}  // namespace snn::nir
