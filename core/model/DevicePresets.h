#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "DeviceParams.h"

namespace snn {

// One parameter of a preset with the publication (or tool) it comes from.
struct PresetValue {
  std::string_view field;  // a device field (CrossbarSchema), e.g. "g_max"
  double value = 0.0;
  std::string_view source;
};

// A named memristive device: every value that differs from the ideal device, each with its
// source. Fields a preset does not list take the ideal device's value (no variation, no noise,
// no drift, unlimited endurance).
struct DevicePreset {
  std::string_view name;         // the key in project files, e.g. "rram_taox"
  std::string_view displayName;  // "RRAM, TaOx/HfOx"
  std::string_view meaning;      // one line for the inspector
  DeviceStatistics statistics = DeviceStatistics::Generic;
  std::vector<PresetValue> values;
};

// The presets, "ideal" first (DevicePresets.cpp holds the one table of values and sources).
const std::vector<DevicePreset>& devicePresets();
const DevicePreset* findDevicePreset(std::string_view name);
std::string devicePresetNames();  // "ideal, rram_hfox, ..." for messages

// The preset's parameters (no overrides).
DeviceParams presetDeviceParams(const DevicePreset& preset);

}  // namespace snn
