#include "NodeColors.h"

#include <algorithm>
#include <array>

#include "NodeKinds.h"

namespace snn {

namespace {

std::vector<std::string> allNodeIds(const NetworkSpec& network) {
  std::vector<std::string> ids;
  for (const NodeKindInfo& kind : nodeKinds()) {
    std::vector<std::string> more = kind.ids(network);
    ids.insert(ids.end(), more.begin(), more.end());
  }
  return ids;
}

// The least-used index (the first free one while there is one).
int leastUsed(const std::array<int, kNodeColorCount>& uses) {
  int best = 0;
  for (int c = 1; c < kNodeColorCount; ++c)
    if (uses[static_cast<size_t>(c)] < uses[static_cast<size_t>(best)]) best = c;
  return best;
}

std::array<int, kNodeColorCount> usesOf(const Project& project) {
  std::array<int, kNodeColorCount> uses{};
  for (const std::string& id : allNodeIds(project.network))
    if (auto it = project.colors.find(id); it != project.colors.end())
      ++uses[static_cast<size_t>(it->second % kNodeColorCount)];
  return uses;
}

}  // namespace

int firstFreeNodeColor(const Project& project) {
  return leastUsed(usesOf(project));
}

bool assignNodeColors(Project& project) {
  bool changed = false;
  const std::vector<std::string> ids = allNodeIds(project.network);
  for (auto it = project.colors.begin(); it != project.colors.end();) {
    if (std::find(ids.begin(), ids.end(), it->first) == ids.end()) {
      it = project.colors.erase(it);
      changed = true;
    } else {
      ++it;
    }
  }
  std::array<int, kNodeColorCount> uses = usesOf(project);
  for (const std::string& id : ids) {
    if (project.colors.count(id)) continue;
    const int c = leastUsed(uses);
    project.colors[id] = c;
    ++uses[static_cast<size_t>(c)];
    changed = true;
  }
  return changed;
}

int nodeColorIndex(const Project& project, std::string_view id) {
  if (auto it = project.colors.find(std::string(id)); it != project.colors.end())
    return it->second % kNodeColorCount;
  Project copy;
  copy.network = project.network;
  copy.colors = project.colors;
  assignNodeColors(copy);
  auto it = copy.colors.find(std::string(id));
  return it == copy.colors.end() ? 0 : it->second;
}

}  // namespace snn
