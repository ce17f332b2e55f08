#include "LabelVote.h"

#include <algorithm>

namespace snn {

std::vector<double> labelVotes(std::span<const int> labels, std::span<const int32_t> fired,
                               int classes) {
  const auto n = static_cast<size_t>(std::max(classes, 0));
  std::vector<int64_t> assigned(n, 0);
  for (int l : labels)
    if (l >= 0 && static_cast<size_t>(l) < n) ++assigned[static_cast<size_t>(l)];
  std::vector<double> votes(n, 0.0);
  for (int32_t neuron : fired) {
    if (neuron < 0 || static_cast<size_t>(neuron) >= labels.size()) continue;
    const int l = labels[static_cast<size_t>(neuron)];
    if (l >= 0 && static_cast<size_t>(l) < n) votes[static_cast<size_t>(l)] += 1.0;
  }
  for (size_t c = 0; c < n; ++c)
    if (assigned[c] > 0) votes[c] /= static_cast<double>(assigned[c]);
  return votes;
}

int votedClass(std::span<const double> votes) {
  if (votes.empty()) return -1;
  const auto best = std::max_element(votes.begin(), votes.end());
  return *best > 0.0 ? static_cast<int>(best - votes.begin()) : -1;
}

std::vector<int> trainedLabels(const Project& project) {
  if (!project.training) return {};
  auto it = project.training->params.find("labels");
  if (it == project.training->params.end()) return {};
  const auto* s = std::get_if<Sequence>(&it->second);
  if (!s) return {};
  std::vector<int> labels;
  for (double v : *s) labels.push_back(static_cast<int>(v));
  const bool any = std::any_of(labels.begin(), labels.end(), [](int l) { return l >= 0; });
  return any ? labels : std::vector<int>{};
}

}  // namespace snn
