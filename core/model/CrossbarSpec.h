#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "DeviceParams.h"
#include "Diagnostic.h"
#include "ParamValue.h"

namespace snn {

// A memristor crossbar as a project describes it: plain values. Units: conductance µS,
// resistance Ω, voltage V, current µA, time s. Every field has a schema entry (CrossbarSchema.h)
// that says its unit, default, range, meaning and whether it can change while a network runs.
//
// rows x cols is the physical device grid: cell (i, j) sits where row wire i crosses column
// wire j. A signed weight matrix of pre x post is carried by differential pairs on adjacent
// columns (column 2k holds G+ of output k, column 2k + 1 holds G-), so cols = 2 post; with
// mapping.differential off, one device per weight and cols = post.

// The device: a preset (DevicePresets.h) and the fields the project overrides.
struct CrossbarDeviceSpec {
  std::string preset = "ideal";
  std::map<std::string, ParamValue> params;  // only those the project sets (numbers or words)
  bool operator==(const CrossbarDeviceSpec&) const = default;
};

// The physical arrays and their periphery.
struct CrossbarArraySpec {
  int64_t tileRows = 0;  // rows of one physical array; 0 = all rows in one array
  int64_t tileCols = 0;  // columns of one physical array; 0 = all columns
  double rWire = 0.0;    // Ω, wire segment between neighbouring cells
  double rSource = 0.0;  // Ω, row driver output resistance
  double rSense = 0.0;   // Ω, column sense input resistance (to virtual ground)
  double vRead = 0.2;    // V, the read voltage a spike puts on its row
  int64_t dacBits = 0;   // input DAC resolution; 0 = ideal (no quantisation)
  double dacVMax = 0.0;  // V, DAC full scale (inputs clip to ±dacVMax); 0 = vRead
  int64_t adcBits = 0;   // output ADC resolution; 0 = ideal
  double adcIMax = 0.0;  // µA, ADC full scale; 0 = the largest current a tile can give
  bool adcClip = true;   // currents beyond full scale saturate
  // Relative std of each column's sense amplifier gain before the ADC, drawn once per chip
  // (from the chip's seed): the fixed-pattern mismatch of analog periphery that write-verify
  // cannot see (it verifies the devices) and chip-in-the-loop training learns around.
  double gainMismatch = 0.0;
  double readPulseWidth = 10e-9;  // s, for energy estimates
  bool operator==(const CrossbarArraySpec&) const = default;
};

// How a weight becomes conductances, and how a weight change becomes pulses.
enum class UpdatePolicy {
  PushPull,      // increase: RESET G- down to G_min, then SET G+; decrease: the reverse
  SetOnly,       // increase: SET G+; decrease: SET G- (unidirectional devices such as PCM)
  PositiveOnly,  // only G+ moves (SET or RESET); G- is a fixed reference
};
struct CrossbarMappingSpec {
  double wMax = 0.0;  // weight magnitude mapped to G_max - G_min; 0 = the largest |w| programmed
  bool differential = true;
  UpdatePolicy updatePolicy = UpdatePolicy::PushPull;
  bool operator==(const CrossbarMappingSpec&) const = default;
};

// How target conductances are written.
enum class ProgrammingMode {
  WriteVerify,  // pulse, read, compare, repeat until within tolerance or out of pulses
  OpenLoop,     // the pulses the nominal device needs, without verifying
  Direct,       // set the quantised target (plus programming noise); pulses counted as nominal
};
struct CrossbarProgrammingSpec {
  ProgrammingMode mode = ProgrammingMode::WriteVerify;
  double tolerance = 0.5;    // write-verify: accepted |G - target|, in level spacings
  int64_t maxPulses = 1000;  // pulse budget per device per programming
  double tInference = 0.0;   // s since programming when the array is read (drift, PCM noise)
  bool operator==(const CrossbarProgrammingSpec&) const = default;
};

// Devices stuck from fabrication.
struct CrossbarFaultSpec {
  double stuckOnRate = 0.0;   // fraction of devices stuck at their G_max
  double stuckOffRate = 0.0;  // fraction stuck at their G_min
  bool operator==(const CrossbarFaultSpec&) const = default;
};

// A device the user marked stuck (e.g. by clicking a cell), on top of the random fault rates.
struct CrossbarStuckCell {
  int64_t row = 0;
  int64_t col = 0;
  bool on = false;  // stuck at its G_max (on) or at its G_min (off)
  bool operator==(const CrossbarStuckCell&) const = default;
};

struct CrossbarSpec {
  std::string id;
  int64_t rows = 1;
  int64_t cols = 2;
  CrossbarDeviceSpec device;
  CrossbarArraySpec array;
  CrossbarMappingSpec mapping;
  CrossbarProgrammingSpec programming;
  CrossbarFaultSpec faults;
  // Seed of the fabricated chip (device-to-device variation, stuck devices); 0 = the run's seed.
  // Programming, pulse and read noise always follow the run's seed.
  uint64_t seed = 0;
  // The conductances as programmed, µS, row-major rows x cols; empty = not given.
  std::vector<double> conductances;
  std::vector<CrossbarStuckCell> stuckCells;  // rebuilding the crossbar applies them

  bool hasConductances() const { return !conductances.empty(); }
  // Weight columns the crossbar carries: cols / 2 for differential pairs, else cols.
  int64_t weightCols() const { return mapping.differential ? cols / 2 : cols; }
  bool operator==(const CrossbarSpec&) const = default;
};

// The project-file words of the enums ("push_pull", "write_verify", "pcm"...).
const char* updatePolicyName(UpdatePolicy p);
const char* programmingModeName(ProgrammingMode m);
const char* deviceStatisticsName(DeviceStatistics s);

// Every problem of a crossbar, each naming the crossbar and the field ("device.g_min",
// "array.tile_cols", "conductances"...). Checks the device preset and its overrides, ranges,
// sizes and the conductances' shape and values.
std::vector<Diagnostic> validateCrossbarSpec(const CrossbarSpec& spec);

// Whether a crossbar can carry a projection of preSize x postSize synapses: rows = preSize and
// cols = postSize (2 postSize with differential pairs). The problems name the projection and its
// field "crossbar".
std::vector<Diagnostic> checkCrossbarCarries(const CrossbarSpec& spec,
                                             const std::string& projection, int64_t preSize,
                                             int64_t postSize);

// The device parameters of a crossbar: its preset with the overrides applied. Throws SpecError
// (naming the crossbar and field) for an unknown preset or field, a value out of range, a
// non-scalar value, G_min >= G_max or levels < 2.
DeviceParams resolveDeviceParams(const CrossbarSpec& spec);

}  // namespace snn
