#include "CrossbarSpec.h"

#include <cmath>
#include <sstream>

#include "CrossbarSchema.h"
#include "DevicePresets.h"

namespace snn {

namespace {

constexpr double kMaxDevices = 1e8;  // beyond this a crossbar is surely a typo, not a chip

std::string text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

class Problems {
 public:
  explicit Problems(const CrossbarSpec& spec) : id_(spec.id) {}
  void add(std::string field, std::string message) {
    list_.push_back({ObjectKind::Crossbar, id_, std::move(field), std::move(message)});
  }
  std::vector<Diagnostic>& list() { return list_; }

 private:
  std::string id_;
  std::vector<Diagnostic> list_;
};

std::string deviceFieldNames() {
  std::string s;
  for (const CrossbarFieldInfo& f : crossbarFields())
    if (f.section == "device" && f.info.name != "preset")
      s += (s.empty() ? "" : ", ") + f.info.name;
  return s;
}

DeviceParams resolveDevice(const CrossbarSpec& spec, Problems& problems) {
  DeviceParams d;
  if (const DevicePreset* preset = findDevicePreset(spec.device.preset)) {
    d = presetDeviceParams(*preset);
  } else {
    problems.add("device.preset", "unknown device preset '" + spec.device.preset +
                                      "' (known: " + devicePresetNames() + ")");
  }
  for (const auto& [name, value] : spec.device.params) {
    const std::string path = "device." + name;
    const CrossbarFieldInfo* field = findCrossbarField(path);
    if (!field || name == "preset") {
      problems.add(path, "unknown device field (known: " + deviceFieldNames() + ")");
      continue;
    }
    if (auto problem = checkCrossbarValue(field->info, value)) {
      problems.add(path, *problem);
      continue;
    }
    if (name == "statistics")
      d.statistics =
          std::get<std::string>(value) == "pcm" ? DeviceStatistics::Pcm : DeviceStatistics::Generic;
    else
      setDeviceNumber(d, name, std::get<ValueSpec>(value).scalar);
  }
  if (!(d.gMin < d.gMax))
    problems.add(spec.device.params.count("g_max") ? "device.g_max" : "device.g_min",
                 "g_min (" + text(d.gMin) + " uS) must be below g_max (" + text(d.gMax) + " uS)");
  return d;
}

void checkConductances(const CrossbarSpec& spec, Problems& problems) {
  if (!spec.hasConductances()) return;
  const double expected = static_cast<double>(spec.rows) * static_cast<double>(spec.cols);
  if (static_cast<double>(spec.conductances.size()) != expected) {
    problems.add("conductances", "has " + std::to_string(spec.conductances.size()) +
                                     " values, expected rows x cols = " + text(expected));
    return;
  }
  for (size_t k = 0; k < spec.conductances.size(); ++k) {
    const double g = spec.conductances[k];
    if (std::isfinite(g) && g >= 0.0) continue;
    const auto row = static_cast<int64_t>(k) / spec.cols;
    const auto col = static_cast<int64_t>(k) % spec.cols;
    problems.add("conductances", "value at row " + std::to_string(row) + ", column " +
                                     std::to_string(col) + " must be a finite number >= 0 (got " +
                                     text(g) + ")");
    return;  // one is enough to say what is wrong
  }
}

}  // namespace

std::vector<Diagnostic> validateCrossbarSpec(const CrossbarSpec& spec) {
  Problems problems(spec);
  if (spec.id.empty()) problems.add("id", "must not be empty");
  for (const CrossbarFieldInfo& f : crossbarFields()) {
    if (f.section == "device") continue;  // a preset and its overrides, checked below
    if (auto problem = checkCrossbarValue(f.info, *crossbarField(spec, f.path())))
      problems.add(f.path(), *problem);
  }
  resolveDevice(spec, problems);

  if (static_cast<double>(spec.rows) * static_cast<double>(spec.cols) > kMaxDevices)
    problems.add("cols", "rows x cols = " +
                             text(static_cast<double>(spec.rows) * static_cast<double>(spec.cols)) +
                             " devices, more than " + text(kMaxDevices));
  if (spec.mapping.differential && spec.cols % 2 != 0)
    problems.add("cols",
                 "must be even with differential pairs (columns 2k and 2k+1 carry weight "
                 "column k) (got " +
                     std::to_string(spec.cols) + ")");
  if (spec.mapping.differential && spec.array.tileCols % 2 != 0)
    problems.add("array.tile_cols",
                 "must be even with differential pairs, so that a pair never "
                 "straddles two arrays (got " +
                     std::to_string(spec.array.tileCols) + ")");
  if (spec.faults.stuckOnRate + spec.faults.stuckOffRate > 1.0)
    problems.add("faults.stuck_off_rate",
                 "stuck_on_rate + stuck_off_rate must be <= 1 (got " +
                     text(spec.faults.stuckOnRate + spec.faults.stuckOffRate) + ")");
  checkConductances(spec, problems);
  for (size_t k = 0; k < spec.stuckCells.size(); ++k) {
    const CrossbarStuckCell& cell = spec.stuckCells[k];
    if (cell.row < 0 || cell.row >= spec.rows || cell.col < 0 || cell.col >= spec.cols)
      problems.add("stuck_cells[" + std::to_string(k) + "]",
                   "cell (" + std::to_string(cell.row) + ", " + std::to_string(cell.col) +
                       ") is outside the " + std::to_string(spec.rows) + " x " +
                       std::to_string(spec.cols) + " array");
  }
  return std::move(problems.list());
}

const char* updatePolicyName(UpdatePolicy p) {
  switch (p) {
    case UpdatePolicy::PushPull:
      return "push_pull";
    case UpdatePolicy::SetOnly:
      return "set_only";
    case UpdatePolicy::PositiveOnly:
      return "positive_only";
  }
  return "push_pull";
}

const char* programmingModeName(ProgrammingMode m) {
  switch (m) {
    case ProgrammingMode::WriteVerify:
      return "write_verify";
    case ProgrammingMode::OpenLoop:
      return "open_loop";
    case ProgrammingMode::Direct:
      return "direct";
  }
  return "write_verify";
}

const char* deviceStatisticsName(DeviceStatistics s) {
  return s == DeviceStatistics::Pcm ? "pcm" : "generic";
}

std::vector<Diagnostic> checkCrossbarCarries(const CrossbarSpec& spec,
                                             const std::string& projection, int64_t preSize,
                                             int64_t postSize) {
  std::vector<Diagnostic> problems;
  const int64_t cols = spec.mapping.differential ? 2 * postSize : postSize;
  if (spec.rows != preSize || spec.cols != cols)
    problems.push_back({ObjectKind::Projection, projection, "crossbar",
                        "crossbar '" + spec.id + "' is " + std::to_string(spec.rows) + " x " +
                            std::to_string(spec.cols) + " but the projection needs " +
                            std::to_string(preSize) + " x " + std::to_string(cols) +
                            " (one row per presynaptic neuron, " +
                            (spec.mapping.differential ? "two columns per postsynaptic neuron)"
                                                       : "one column per postsynaptic neuron)")});
  return problems;
}

DeviceParams resolveDeviceParams(const CrossbarSpec& spec) {
  Problems problems(spec);
  DeviceParams d = resolveDevice(spec, problems);
  if (!problems.list().empty()) throw SpecError(std::move(problems.list()));
  return d;
}

}  // namespace snn
