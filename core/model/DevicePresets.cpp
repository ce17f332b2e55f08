#include "DevicePresets.h"

#include <stdexcept>

#include "CrossbarSchema.h"

namespace snn {

namespace {

// Sources of the table below.
//  [NS]  NeuroSim device table: P.-Y. Chen, X. Peng, S. Yu, "NeuroSim: a circuit-level macro model
//        for benchmarking neuro-inspired architectures in online learning", IEEE TCAD 37:3067
//        (2018); the values as NeuroSim's RealDevice takes them (MLP_NeuroSim V3.0, Cell.cpp, and
//        the MELISO device files that copy them). NeuroSim gives the nonlinearity as a label NL
//        and converts it to the normalised A of G(P) = B (1 - exp(-P/A)) + G_min with its table
//        documents/Nonlinearity-NormA.htm; nl here is 1 / (normalised A). Its c2c is the std of
//        one pulse's change as a fraction of (G_max - G_min), as here.
//  [AK]  IBM aihwkit presets (src/aihwkit/simulator/presets/devices.py), normalised weight units;
//        converted here to the same pulse model: levels - 1 = pulses from G_min to G_max, nl =
//        ln(step at one bound / step at the other), c2c at the mean step.
//  [J20] V. Joshi et al., "Accurate deep neural network inference using computational phase-change
//        memory", Nat. Commun. 11:2473 (2020), as aihwkit's PCMLikeNoiseModel gives it
//        (g_max = 25 µS, t0 = 20 s; programming noise, drift and read noise fits in
//        CrossbarDevice).
const std::vector<DevicePreset>& presetTable() {
  static const std::vector<DevicePreset> table = {
      {"ideal",
       "Ideal device",
       "linear, noise-free, 256 levels in [0, 100] µS: the reference point, not a real device",
       DeviceStatistics::Generic,
       {}},
      {"rram_hfox",
       "RRAM, AlOx/HfO2",
       "HfO2-based bilayer RRAM (Woo et al., IEEE EDL 37:994, 2016) as benchmarked by NeuroSim",
       DeviceStatistics::Generic,
       {{"g_min", 13.357, "[NS] minConductance 1.3357e-5 S"},
        {"g_max", 59.172, "[NS] maxConductance 5.9172e-5 S"},
        {"levels", 40, "[NS] maxNumLevel 40 (NeuroSim counts 40 pulses, 41 states)"},
        {"nl_set", 1.5891960, "[NS] NL_LTP 1.94 -> normalised A 0.629249"},
        {"nl_reset", 0.4846685, "[NS] NL_LTD -0.61 -> normalised A 2.063266"},
        {"c2c", 0.05, "[NS] sigmaCtoC 5% of the range"}}},
      {"rram_taox",
       "RRAM, TaOx/HfOx",
       "TaOx/HfOx RRAM (Wu et al., Tsinghua, VLSI 2017) as benchmarked by NeuroSim",
       DeviceStatistics::Generic,
       {{"g_min", 1.0, "[NS] minConductance 1e-6 S"},
        {"g_max", 10.0, "[NS] maxConductance 1e-5 S"},
        {"levels", 128, "[NS] maxNumLevel 128"},
        {"nl_set", 0.0316788, "[NS] NL_LTP 0.04 -> normalised A 31.566827"},
        {"nl_reset", 0.5006679, "[NS] NL_LTD -0.63 -> normalised A 1.997332"},
        {"c2c", 0.037, "[NS] sigmaCtoC 3.7% of the range"}}},
      {"pcm",
       "PCM, Ge2Sb2Te5",
       "phase-change memory: gradual SET, abrupt RESET; Joshi et al. 2020 noise and drift",
       DeviceStatistics::Pcm,
       {{"g_min", 0.0, "[J20] conductances mapped to [0, g_max]"},
        {"g_max", 25.0, "[J20] g_max 25 µS"},
        {"levels", 74,
         "[AK] PCMPresetDevice (Nandakumar et al., Front. Neurosci. 2020): 73.1 SET pulses "
         "from 0 to w_max"},
        {"nl_set", 3.172, "[AK] PCMPresetDevice: SET step 0.282 at w = 0, 0.0118 at w_max"},
        {"nl_reset", 1000.0,
         "[AK] PCM is unidirectional: one RESET pulse melts the cell back to "
         "G_min (a very large nl)"},
        {"c2c", 0.0082, "[AK] PCMPresetDevice dw_min_std 0.6 of the step, at the mean step"},
        {"step_d2d", 0.2, "[AK] PCMPresetDevice dw_min_dtod 0.2"},
        {"range_d2d", 0.1, "[AK] PCMPresetDevice w_max_dtod 0.1"},
        {"drift_t0", 20.0, "[J20] t0 = 20 s"}}},
      {"ecram",
       "ECRAM, Li/WO3",
       "lithium ECRAM: ~1000 nearly linear, symmetric states (Tang et al., IEDM 2018)",
       DeviceStatistics::Generic,
       {{"g_min", 1.0, "assumed: the aihwkit fit is normalised and gives no conductances"},
        {"g_max", 10.0, "assumed, as g_min"},
        {"levels", 1000,
         "[AK] EcRamPresetDevice (Tang et al., IEDM 2018): 1020 pulses bound to bound; "
         "Tang et al. report up to 1000 states"},
        {"nl_set", 0.2008, "[AK] EcRamPresetDevice gamma_up 0.1153 (step ratio 1.222)"},
        {"nl_reset", 1.2528, "[AK] EcRamPresetDevice gamma_down 0.5085 (step ratio 3.500)"},
        {"c2c", 0.00029, "[AK] EcRamPresetDevice dw_min_std 0.3 of the step, at the mean step"},
        {"step_d2d", 0.1, "[AK] EcRamPresetDevice dw_min_dtod 0.1"},
        {"range_d2d", 0.05, "[AK] EcRamPresetDevice w_max_dtod, w_min_dtod 0.05"}}},
  };
  return table;
}

}  // namespace

const std::vector<DevicePreset>& devicePresets() {
  return presetTable();
}

const DevicePreset* findDevicePreset(std::string_view name) {
  for (const DevicePreset& p : presetTable())
    if (p.name == name) return &p;
  return nullptr;
}

std::string devicePresetNames() {
  std::string s;
  for (const DevicePreset& p : presetTable()) s += (s.empty() ? "" : ", ") + std::string(p.name);
  return s;
}

DeviceParams presetDeviceParams(const DevicePreset& preset) {
  DeviceParams d;
  d.statistics = preset.statistics;
  for (const PresetValue& v : preset.values)
    if (!setDeviceNumber(d, v.field, v.value))
      throw std::logic_error("device preset '" + std::string(preset.name) +
                             "' sets unknown field '" + std::string(v.field) + "'");
  return d;
}

}  // namespace snn
