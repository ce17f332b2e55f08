#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "CrossbarSpec.h"
#include "DeviceParams.h"
#include "ParamSchema.h"

namespace snn {

// What it takes for a changed crossbar field to reach a running network. The schema registry's
// `live` flag is `effect != Reprogram`.
enum class CrossbarFieldEffect {
  Live,       // the next read or pulse uses it (periphery, read noise, update policy)
  Refold,     // same devices, the array's effective matrix is solved again (wires, tiles, drift
              // time): live, at the cost of one fold between chunks
  Reprogram,  // devices, mapping or programming change: the crossbar is built and programmed again
};

// One field of a crossbar: its section ("" for top-level fields, "device", "array", "mapping",
// "programming", "faults"), its schema entry and its effect. Numbers are ParamKind::PerNeuron
// entries that accept a single number only; words are ParamKind::Choice.
struct CrossbarFieldInfo {
  std::string section;
  ParamInfo info;
  CrossbarFieldEffect effect = CrossbarFieldEffect::Reprogram;
  std::string path() const { return section.empty() ? info.name : section + "." + info.name; }
};

// Every field of a crossbar, section by section (top-level rows, cols, seed first). The device
// fields' defaults are the ideal preset's.
const std::vector<CrossbarFieldInfo>& crossbarFields();
// The schema entries of one section, e.g. crossbarSchema("array").
std::vector<ParamInfo> crossbarSchema(std::string_view section);
const CrossbarFieldInfo* findCrossbarField(std::string_view path);  // "array.r_wire"

// The reason a value does not suit a field (not a single number, not an allowed word, out of
// range), or nothing.
std::optional<std::string> checkCrossbarValue(const ParamInfo& info, const ParamValue& value);

// Reading and writing a crossbar field by path, for the inspector, live edits and sweeps
// ("device.levels", "array.r_wire", "rows"). A device field reads as the project's override or
// else the preset's value; writing one stores an override. set returns the reason a path or
// value is refused, or nothing.
std::optional<ParamValue> crossbarField(const CrossbarSpec& spec, std::string_view path);
std::optional<std::string> setCrossbarField(CrossbarSpec& spec, std::string_view path,
                                            const ParamValue& value);

// The same without the value check, for readers and undo commands whose values have the field's
// shape (a single number, or a word) and are checked by validateCrossbarSpec afterwards. Returns
// false for an unknown path.
bool assignCrossbarField(CrossbarSpec& spec, std::string_view path, const ParamValue& value);

// Device parameters by field name (numbers only; "statistics" is a word).
bool setDeviceNumber(DeviceParams& d, std::string_view field, double value);
std::optional<double> deviceNumber(const DeviceParams& d, std::string_view field);

}  // namespace snn
