// The one table of energy constants (DESIGN.md: a constant from the literature lives in one
// table with its source). Figures marked "(recalled)" were not checked against the paper when
// they were entered; the README's energy section says so too.
#include "EnergyConstants.h"

#include <cmath>
#include <stdexcept>

namespace snn {

namespace {

const char* const kHorowitz = "Horowitz, Computing's energy problem, ISSCC 2014 (45 nm, 0.9 V)";
const char* const kHorowitzRecalled =
    "Horowitz, Computing's energy problem, ISSCC 2014 (45 nm; recalled from the paper's table)";
const char* const kTang =
    "Tang et al., SENECA, Front. Neurosci. 2023 (comparison table; the basis differs by chip)";

EnergyConstant measured(const char* key, double value, const char* unit, const char* meaning,
                        const char* source) {
  return {key, value, unit, meaning, source, false, false};
}

EnergyConstant assumed(const char* key, double value, const char* unit, const char* meaning,
                       const char* why) {
  return {key, value, unit, meaning, std::string("assumption: ") + why, true, false};
}

}  // namespace

const std::vector<EnergyConstant>& defaultEnergyConstants() {
  static const std::vector<EnergyConstant> table = {
      // CMOS arithmetic and memory, 45 nm.
      measured("cmos.fp32_mac", 4.6, "pJ", "32-bit float multiply-accumulate (3.7 mult + 0.9 add)",
               kHorowitz),
      measured("cmos.fp32_add", 0.9, "pJ", "32-bit float add: an accumulate (AC)", kHorowitz),
      measured("cmos.int32_add", 0.1, "pJ", "32-bit integer add", kHorowitz),
      measured("cmos.int32_mult", 3.1, "pJ", "32-bit integer multiply", kHorowitz),
      measured("cmos.int8_mac", 0.23, "pJ",
               "8-bit integer multiply-accumulate (0.2 mult + 0.03 add)", kHorowitzRecalled),
      measured("cmos.int8_add", 0.03, "pJ", "8-bit integer add", kHorowitzRecalled),
      measured("cmos.sram_64bit", 10.0, "pJ", "64-bit read of an 8 KB cache (SRAM)", kHorowitz),
      assumed("cmos.sram_write_64bit", 10.0, "pJ",
              "64-bit write into an 8 KB cache (SRAM): plasticity's weight and trace writes",
              "Horowitz gives the read (10 pJ); a write of the same cache is taken as costing the "
              "same; replace with your memory's figure"),
      measured("cmos.dram_64bit", 1300.0, "pJ", "64-bit DRAM access (1.3-2.6 nJ; the low end)",
               kHorowitz),
      assumed("cmos.neuron_update", 4.6, "pJ",
              "one neuron state update in digital CMOS beside an accelerator or crossbar",
              "one fp32 multiply-accumulate per update (v = a v + input; Horowitz's 4.6 pJ)"),
      // Digital neuromorphic chips: energy per synaptic operation (and per neuron / spike where
      // the paper gives one).
      measured("chip.truenorth.synop", 26.0, "pJ",
               "TrueNorth synaptic event, whole chip with leakage",
               "Merolla et al., Science 345:668, 2014"),
      measured("chip.loihi.synop", 23.6, "pJ", "Loihi synaptic operation (pre-silicon minimum)",
               "Davies et al., IEEE Micro 38(1), 2018"),
      measured("chip.loihi.neuron_update", 52.0, "pJ",
               "Loihi neuron update (52-81 pJ; the low end)",
               "Davies et al., IEEE Micro 38(1), 2018"),
      measured("chip.loihi.spike", 1.7, "pJ", "Loihi spike within a tile",
               "Davies et al., IEEE Micro 38(1), 2018"),
      measured("chip.tianjic.synop", 1.54, "pJ", "Tianjic synaptic operation", kTang),
      measured("chip.odin.synop", 12.7, "pJ", "ODIN synaptic operation", kTang),
      measured("chip.spinnaker2.synop", 10.0, "pJ", "SpiNNaker2 synaptic operation", kTang),
      measured("chip.spinnaker.synop", 43000.0, "pJ",
               "SpiNNaker postsynaptic potential, whole system (43 nJ)",
               "Sharp et al., J. Neurosci. Methods 210:110, 2012"),
      measured("chip.spinnaker.neuron_ms", 100000.0, "pJ",
               "SpiNNaker neuron per ms of simulated time, whole system (100 nJ)",
               "Sharp et al., J. Neurosci. Methods 210:110, 2012"),
      // Analog crossbars: cell reads V^2 G t, converters, programming.
      measured("xbar.adc", 1.5, "pJ", "one 8-bit ADC conversion (2 mW at 1.28 GS/s)",
               "Shafiee et al., ISAAC, ISCA 2016 (recalled)"),
      assumed("xbar.dac", 0.4, "pJ", "one DAC conversion of a row input",
              "order of ISAAC's 1-bit row DACs (Shafiee et al. 2016, recalled); replace with "
              "your periphery's figure"),
      assumed("xbar.periphery", 0.3, "1",
              "drivers, sample-and-hold and shift-add as a fraction of cell + ADC + DAC energy",
              "ISAAC reports ADCs dominating tile power; the rest taken as 30 % of it"),
      assumed("xbar.pulse", 10.0, "pJ", "one SET or RESET programming pulse",
              "order of RRAM/PCM switching energies (fJ to tens of pJ); device-specific"),
      assumed("xbar.v_read", 0.2, "V",
              "read voltage of a hypothetical crossbar (a real one uses its array.v_read)",
              "the workbench's crossbar default"),
      assumed("xbar.read_pulse", 10.0, "ns",
              "read pulse of a hypothetical crossbar (a real one uses its array.read_pulse_width)",
              "the workbench's crossbar default"),
      assumed("xbar.g_mean", 50.0, "uS",
              "mean device conductance of a hypothetical crossbar (a real one uses its devices)",
              "half the default device range 0-100 uS"),
  };
  return table;
}

const std::vector<NeuromorphicChip>& neuromorphicChips() {
  static const std::vector<NeuromorphicChip> chips = {
      {"loihi", "Intel Loihi", "minimum (pre-silicon estimate per operation)", "chip.loihi.synop",
       "chip.loihi.neuron_update", "chip.loihi.spike", ""},
      {"truenorth", "IBM TrueNorth", "whole chip, leakage included", "chip.truenorth.synop", "", "",
       ""},
      {"tianjic", "Tianjic", "as compared by Tang et al. 2023", "chip.tianjic.synop", "", "", ""},
      {"odin", "ODIN", "as compared by Tang et al. 2023", "chip.odin.synop", "", "", ""},
      {"spinnaker2", "SpiNNaker2", "as compared by Tang et al. 2023", "chip.spinnaker2.synop", "",
       "", ""},
      {"spinnaker", "SpiNNaker", "whole system (boards, links, host)", "chip.spinnaker.synop", "",
       "", "chip.spinnaker.neuron_ms"},
  };
  return chips;
}

const NeuromorphicChip* findChip(std::string_view key) {
  for (const NeuromorphicChip& c : neuromorphicChips())
    if (c.key == key) return &c;
  return nullptr;
}

std::string chipKeys() {
  std::string out;
  for (const NeuromorphicChip& c : neuromorphicChips()) out += (out.empty() ? "" : ", ") + c.key;
  return out;
}

EnergyTable::EnergyTable() : constants_(defaultEnergyConstants()) {}

void EnergyTable::set(std::string_view key, double value) {
  for (EnergyConstant& c : constants_) {
    if (c.key != key) continue;
    if (!std::isfinite(value) || value < 0)
      throw std::invalid_argument("energy constant '" + c.key +
                                  "' must be a finite number >= 0 (in " + c.unit + ")");
    if (value != c.value) {
      c.value = value;
      c.overridden = true;
      c.source = "set in the project (was: " + c.source + ")";
    }
    return;
  }
  throw std::invalid_argument("unknown energy constant '" + std::string(key) + "'");
}

void EnergyTable::setAll(const std::map<std::string, double>& overrides) {
  for (const auto& [key, value] : overrides) set(key, value);
}

const EnergyConstant* EnergyTable::find(std::string_view key) const {
  for (const EnergyConstant& c : constants_)
    if (c.key == key) return &c;
  return nullptr;
}

double EnergyTable::value(std::string_view key) const {
  if (const EnergyConstant* c = find(key)) return c->value;
  throw std::out_of_range("unknown energy constant '" + std::string(key) + "'");
}

}  // namespace snn
