#include "MemoryBudget.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace snn {

namespace {

namespace fs = std::filesystem;

// A cgroup v1 limit this high means "no limit" (the kernel reports PAGE_COUNTER_MAX pages).
constexpr double kNoCgroupLimit = 4.0e18;

std::optional<double> readNumber(const fs::path& file) {
  std::ifstream in(file);
  std::string word;
  if (!(in >> word) || word == "max") return std::nullopt;
  try {
    return std::stod(word);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The value of `key` in a "key value" file (memory.stat) or "Key: value kB" (meminfo).
std::optional<double> readField(const fs::path& file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, key.size(), key) != 0 || line.size() <= key.size()) continue;
    const char next = line[key.size()];
    if (next != ' ' && next != ':') continue;
    std::istringstream rest(line.substr(key.size() + 1));
    double value = 0;
    std::string unit;
    if (!(rest >> value)) return std::nullopt;
    rest >> unit;
    return unit == "kB" ? value * 1024.0 : value;
  }
  return std::nullopt;
}

struct CgroupPaths {
  std::optional<std::string> unified;   // "0::PATH"
  std::optional<std::string> memoryV1;  // "N:...memory...:PATH"
};

CgroupPaths readCgroupPaths(const fs::path& file) {
  CgroupPaths paths;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const size_t a = line.find(':'), b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    const std::string controllers = line.substr(a + 1, b - a - 1), path = line.substr(b + 1);
    if (line.compare(0, a, "0") == 0 && controllers.empty()) paths.unified = path;
    std::istringstream list(controllers);
    for (std::string c; std::getline(list, c, ',');)
      if (c == "memory") paths.memoryV1 = path;
  }
  return paths;
}

// The tightest (limit - usage) from the process's cgroup up to the hierarchy's root. A container
// usually sees its own cgroup as the root; a path that does not exist there is read at the root.
void readCgroup(const fs::path& mount, const std::string& path, bool v2, MemoryLimits& out) {
  if (!fs::is_directory(mount)) return;
  fs::path dir = mount / fs::path(path).relative_path();
  if (!fs::is_directory(dir)) dir = mount;
  const char* limitFile = v2 ? "memory.max" : "memory.limit_in_bytes";
  const char* usageFile = v2 ? "memory.current" : "memory.usage_in_bytes";
  const char* inactive = v2 ? "inactive_file" : "total_inactive_file";
  std::optional<double> bestHeadroom;
  for (;;) {
    const std::optional<double> limit = readNumber(dir / limitFile);
    if (limit && *limit < kNoCgroupLimit) {
      // Page cache the kernel can drop does not count as used (as `docker stats` reports).
      double usage = readNumber(dir / usageFile).value_or(0.0);
      usage -= std::min(usage, readField(dir / "memory.stat", inactive).value_or(0.0));
      if (!bestHeadroom || *limit - usage < *bestHeadroom) {
        bestHeadroom = *limit - usage;
        out.cgroupLimit = *limit;
        out.cgroupUsage = usage;
        out.cgroupFile = (dir / limitFile).string();
      }
    }
    if (dir == mount || !dir.has_parent_path()) break;
    dir = dir.parent_path();
  }
}

std::optional<double> softLimit(int resource) {
  rlimit r{};
  if (getrlimit(resource, &r) != 0 || r.rlim_cur == RLIM_INFINITY) return std::nullopt;
  return static_cast<double>(r.rlim_cur);
}

}  // namespace

std::string formatBytes(double bytes) {
  char text[48];
  if (bytes >= 1e9)
    std::snprintf(text, sizeof text, "%.3g GB", bytes / 1e9);
  else if (bytes >= 1e6)
    std::snprintf(text, sizeof text, "%.3g MB", bytes / 1e6);
  else
    std::snprintf(text, sizeof text, "%.3g kB", bytes / 1e3);
  return text;
}

MemoryLimits readMemoryLimits(const std::string& procRoot, const std::string& cgroupRoot) {
  MemoryLimits l;
  const fs::path proc(procRoot), cgroups(cgroupRoot);
  const CgroupPaths paths = readCgroupPaths(proc / "self" / "cgroup");
  if (paths.unified) {
    // cgroup v2 alone is mounted at the root; in hybrid mode it sits under unified/.
    const fs::path mount =
        fs::exists(cgroups / "cgroup.controllers") ? cgroups : cgroups / "unified";
    readCgroup(mount, *paths.unified, true, l);
  }
  if (paths.memoryV1) readCgroup(cgroups / "memory", *paths.memoryV1, false, l);

  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  std::ifstream statm(proc / "self" / "statm");
  double size = 0, resident = 0, shared = 0, text = 0, lib = 0, data = 0;
  if (statm >> size >> resident >> shared >> text >> lib >> data) {
    l.addressUsed = size * page;
    l.dataUsed = data * page;
  }
  l.addressLimit = softLimit(RLIMIT_AS);
  l.dataLimit = softLimit(RLIMIT_DATA);
  l.memAvailable = readField(proc / "meminfo", "MemAvailable");
  const long pages = sysconf(_SC_PHYS_PAGES);
  if (pages > 0) l.physicalMemory = static_cast<double>(pages) * page;
  return l;
}

MemoryBudget budgetFrom(const MemoryLimits& l) {
  struct Candidate {
    double headroom;
    double margin;
    std::string limit;
  };
  std::vector<Candidate> candidates;
  // Address space also holds thread stacks and malloc's per-thread arenas (64 MB each).
  constexpr double kAddressReserve = 64e6;
  if (l.cgroupLimit)
    candidates.push_back({*l.cgroupLimit - l.cgroupUsage.value_or(0.0), 0.0,
                          "the cgroup memory limit (" + l.cgroupFile + ") of " +
                              formatBytes(*l.cgroupLimit) + ", " +
                              formatBytes(l.cgroupUsage.value_or(0.0)) + " in use"});
  if (l.addressLimit)
    candidates.push_back({*l.addressLimit - l.addressUsed.value_or(0.0), kAddressReserve,
                          "the address-space limit (ulimit -v) of " + formatBytes(*l.addressLimit) +
                              ", " + formatBytes(l.addressUsed.value_or(0.0)) + " in use"});
  if (l.dataLimit)
    candidates.push_back({*l.dataLimit - l.dataUsed.value_or(0.0), 0.0,
                          "the data-segment limit (ulimit -d) of " + formatBytes(*l.dataLimit) +
                              ", " + formatBytes(l.dataUsed.value_or(0.0)) + " in use"});
  if (l.memAvailable)
    candidates.push_back({*l.memAvailable, 0.0, "the memory available on this machine"});
  else if (l.physicalMemory)
    candidates.push_back({0.8 * *l.physicalMemory, 0.0, "80 % of this machine's memory"});
  MemoryBudget best{8e9, "an assumed 8 GB (no limit could be read)"};
  bool found = false;
  for (const Candidate& c : candidates) {
    // 10 % for the allocator's overhead and fragmentation.
    const double usable = std::max(0.0, 0.9 * (c.headroom - c.margin));
    if (!found || usable < best.bytes) best = {usable, c.limit};
    found = true;
  }
  return best;
}

MemoryBudget availableMemory() {
  return budgetFrom(readMemoryLimits());
}

void requireMemory(double bytes, const std::string& what) {
  if (bytes <= kAlwaysAffordableBytes) return;  // not worth reading /proc and the cgroups for
  const MemoryBudget budget = availableMemory();
  if (!(bytes <= budget.bytes))
    throw std::runtime_error(what + " needs about " + formatBytes(bytes) + ", more than the " +
                             formatBytes(budget.bytes) + " this process can still allocate (" +
                             budget.limit + ")");
}

}  // namespace snn
