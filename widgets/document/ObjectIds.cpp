#include "ObjectIds.h"

namespace snn::gui {

namespace {
bool isIdChar(unsigned char c) {
  return c > ' ' && c != 0x7f;
}
}  // namespace

bool isIdTaken(const Project& project, const std::string& id) {
  return project.network.findPopulation(id) || project.network.findProjection(id);
}

std::string uniqueId(const Project& project, std::string base) {
  for (char& c : base)
    if (!isIdChar(static_cast<unsigned char>(c))) c = '_';
  if (base.empty()) base = "object";
  if (!isIdTaken(project, base)) return base;
  for (int n = 2;; ++n) {
    std::string candidate = base + "_" + std::to_string(n);
    if (!isIdTaken(project, candidate)) return candidate;
  }
}

std::optional<std::string> renameProblem(const Project& project, const std::string& oldId,
                                         const std::string& newId) {
  if (newId.empty()) return "must not be empty";
  for (unsigned char c : newId)
    if (!isIdChar(c)) return "must not contain spaces";
  if (newId == oldId) return std::nullopt;
  if (project.network.findPopulation(newId)) return "is already the id of a population";
  if (project.network.findProjection(newId)) return "is already the id of a projection";
  return std::nullopt;
}

}  // namespace snn::gui
