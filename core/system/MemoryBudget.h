#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace snn {

// The limits on how much more memory this process may take, as the kernel sees them. Each is
// optional: a limit that is not set (or cannot be read) is absent. Bytes.
struct MemoryLimits {
  std::optional<double> cgroupLimit;     // cgroup v2 memory.max / v1 memory.limit_in_bytes
  std::optional<double> cgroupUsage;     // memory.current / memory.usage_in_bytes of that cgroup
  std::string cgroupFile;                // where cgroupLimit was read
  std::optional<double> addressLimit;    // RLIMIT_AS (ulimit -v)
  std::optional<double> addressUsed;     // this process's virtual size (/proc/self/statm)
  std::optional<double> dataLimit;       // RLIMIT_DATA (ulimit -d)
  std::optional<double> dataUsed;        // this process's data segment (/proc/self/statm)
  std::optional<double> memAvailable;    // /proc/meminfo MemAvailable: RAM not yet in use
  std::optional<double> physicalMemory;  // the machine's RAM, when nothing else is known
};

// How much more this process can allocate, and which limit says so.
struct MemoryBudget {
  double bytes = 0;
  std::string limit;  // e.g. "the address-space limit (ulimit -v) of 2 GB, 0.12 GB in use"
};

// Reads the limits from /proc and the cgroup file systems (the roots can be moved for tests).
MemoryLimits readMemoryLimits(const std::string& procRoot = "/proc",
                              const std::string& cgroupRoot = "/sys/fs/cgroup");

// The smallest headroom any limit leaves, less a margin for the allocator's own overhead and
// fragmentation (10 % of it, and at least 64 MB of address space for thread arenas and stacks).
MemoryBudget budgetFrom(const MemoryLimits& limits);

// budgetFrom(readMemoryLimits()).
MemoryBudget availableMemory();

// "1.5 GB", "820 MB", "12 kB": a byte count as a person reads it.
std::string formatBytes(double bytes);

// Throws std::runtime_error("<what> needs about X, more than the Y this process can still
// allocate (<limit>)") when `bytes` exceed availableMemory(): what a file or a network merely
// claims is checked before it is allocated.
// Amounts up to kAlwaysAffordableBytes pass without reading the limits.
void requireMemory(double bytes, const std::string& what);
inline constexpr double kAlwaysAffordableBytes = 16e6;

}  // namespace snn
