#include "CrossbarSchema.h"

#include <cmath>
#include <functional>
#include <limits>
#include <type_traits>

#include "DevicePresets.h"

namespace snn {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using Effect = CrossbarFieldEffect;

ParamInfo number(std::string name, std::string unit, double def, double min, double max,
                 std::string meaning, bool integer = false) {
  ParamInfo p;
  p.name = std::move(name);
  p.unit = std::move(unit);
  p.defaultValue = def;
  p.min = min;
  p.max = max;
  p.meaning = std::move(meaning);
  p.integer = integer;
  return p;
}
ParamInfo positive(std::string name, std::string unit, double def, std::string meaning) {
  ParamInfo p = number(std::move(name), std::move(unit), def, 0.0, kInf, std::move(meaning));
  p.minInclusive = false;
  return p;
}
ParamInfo count(std::string name, double def, double min, double max, std::string meaning) {
  return number(std::move(name), "", def, min, max, std::move(meaning), true);
}
ParamInfo words(std::string name, std::vector<std::string> choices, std::string meaning) {
  ParamInfo p;
  p.name = std::move(name);
  p.kind = ParamKind::Choice;
  p.choices = std::move(choices);
  p.meaning = std::move(meaning);
  return p;
}

double scalarOf(const ParamValue& v) {
  return std::get<ValueSpec>(v).scalar;
}
const std::string& wordOf(const ParamValue& v) {
  return std::get<std::string>(v);
}

// ---- device fields, over DeviceParams ----

struct DeviceField {
  ParamInfo info;
  Effect effect = Effect::Reprogram;
  double (*get)(const DeviceParams&) = nullptr;
  void (*set)(DeviceParams&, double) = nullptr;
};

template <auto Member>
double getDevice(const DeviceParams& d) {
  return static_cast<double>(d.*Member);
}
template <auto Member>
void setDevice(DeviceParams& d, double v) {
  d.*Member = static_cast<std::remove_reference_t<decltype(d.*Member)>>(v);
}
template <auto Member>
DeviceField deviceField(ParamInfo info, Effect effect = Effect::Reprogram) {
  const DeviceParams ideal;
  info.defaultValue = static_cast<double>(ideal.*Member);
  return {std::move(info), effect, &getDevice<Member>, &setDevice<Member>};
}

const std::vector<DeviceField>& deviceNumberFields() {
  using D = DeviceParams;
  static const std::vector<DeviceField> fields = {
      deviceField<&D::gMin>(number("g_min", "uS", 0, 0, kInf, "lowest conductance (RESET state)")),
      deviceField<&D::gMax>(positive("g_max", "uS", 0, "highest conductance (SET state)")),
      deviceField<&D::levels>(
          count("levels", 0, 2, 1e6,
                "programmable conductance states; levels - 1 pulses span the range")),
      deviceField<&D::nlSet>(number(
          "nl_set", "", 0, 0, 1000,
          "potentiation nonlinearity: ln(SET step at G_min / SET step at G_max); 0 = linear")),
      deviceField<&D::nlReset>(
          number("nl_reset", "", 0, 0, 1000,
                 "depression nonlinearity: ln(RESET step at G_max / RESET step at G_min)")),
      deviceField<&D::c2c>(number(
          "c2c", "", 0, 0, 1, "cycle-to-cycle std of one pulse's change, fraction of the range")),
      deviceField<&D::stepD2d>(
          number("step_d2d", "", 0, 0, 1, "device-to-device relative std of the pulse step")),
      deviceField<&D::rangeD2d>(
          number("range_d2d", "", 0, 0, 1, "device-to-device relative std of G_min and G_max")),
      deviceField<&D::nlD2d>(
          number("nl_d2d", "", 0, 0, 100, "device-to-device std of the nonlinearities")),
      deviceField<&D::programNoise>(
          number("program_noise", "", 0, 0, 1,
                 "std of the programmed conductance, relative to its target")),
      deviceField<&D::readNoise>(
          number("read_noise", "", 0, 0, 1, "std of the conductance on every read, relative to it"),
          Effect::Live),
      deviceField<&D::driftNu>(
          number("drift_nu", "", 0, 0, 1, "mean drift exponent nu: G(t) = G_prog (t / t0)^-nu")),
      deviceField<&D::driftNuStd>(
          number("drift_nu_std", "", 0, 0, 1, "device-to-device std of the drift exponent")),
      deviceField<&D::driftT0>(
          positive("drift_t0", "s", 0, "time after programming drift counts from")),
      deviceField<&D::endurance>(
          count("endurance", 0, 0, kInf, "pulses a device takes before it sticks; 0 = unlimited")),
  };
  return fields;
}

const DeviceField* findDeviceField(std::string_view name) {
  for (const DeviceField& f : deviceNumberFields())
    if (f.info.name == name) return &f;
  return nullptr;
}

// ---- all fields, over CrossbarSpec ----

struct Field {
  CrossbarFieldInfo meta;
  std::function<ParamValue(const CrossbarSpec&)> get;
  std::function<void(CrossbarSpec&, const ParamValue&)> set;  // the value was checked
};

template <auto Section, auto Member>
Field sectionNumber(std::string section, ParamInfo info, Effect effect) {
  return {{std::move(section), std::move(info), effect},
          [](const CrossbarSpec& s) -> ParamValue {
            return ValueSpec::constant(static_cast<double>((s.*Section).*Member));
          },
          [](CrossbarSpec& s, const ParamValue& v) {
            auto& m = (s.*Section).*Member;
            m = static_cast<std::remove_reference_t<decltype(m)>>(scalarOf(v));
          }};
}
template <auto Member>
Field topNumber(ParamInfo info) {
  return {{"", std::move(info), Effect::Reprogram},
          [](const CrossbarSpec& s) -> ParamValue {
            return ValueSpec::constant(static_cast<double>(s.*Member));
          },
          [](CrossbarSpec& s, const ParamValue& v) {
            s.*Member = static_cast<std::remove_reference_t<decltype(s.*Member)>>(scalarOf(v));
          }};
}

DeviceParams presetOrIdeal(const CrossbarSpec& s) {
  const DevicePreset* p = findDevicePreset(s.device.preset);
  return p ? presetDeviceParams(*p) : DeviceParams{};
}

Field deviceSpecField(const DeviceField& f) {
  const std::string name = f.info.name;
  return {{"device", f.info, f.effect},
          [name](const CrossbarSpec& s) -> ParamValue {
            auto it = s.device.params.find(name);
            if (it != s.device.params.end()) return it->second;
            return ValueSpec::constant(*deviceNumber(presetOrIdeal(s), name));
          },
          [name](CrossbarSpec& s, const ParamValue& v) { s.device.params[name] = v; }};
}

template <auto Section, auto Member, typename Enum>
Field wordField(std::string section, ParamInfo info, Effect effect, const char* (*nameOf)(Enum)) {
  const std::vector<std::string> choices = info.choices;
  return {{std::move(section), std::move(info), effect},
          [nameOf](const CrossbarSpec& s) -> ParamValue {
            return std::string(nameOf((s.*Section).*Member));
          },
          [choices](CrossbarSpec& s, const ParamValue& v) {
            for (size_t i = 0; i < choices.size(); ++i)
              if (choices[i] == wordOf(v)) (s.*Section).*Member = static_cast<Enum>(i);
          }};
}

std::vector<std::string> presetNames() {
  std::vector<std::string> names;
  for (const DevicePreset& p : devicePresets()) names.emplace_back(p.name);
  return names;
}

std::vector<Field> buildFields() {
  using S = CrossbarSpec;
  using A = CrossbarArraySpec;
  using M = CrossbarMappingSpec;
  using P = CrossbarProgrammingSpec;
  using F = CrossbarFaultSpec;
  std::vector<Field> f;
  f.push_back(topNumber<&S::rows>(count("rows", 1, 1, 1e6, "row wires (inputs)")));
  f.push_back(topNumber<&S::cols>(count(
      "cols", 2, 1, 1e6, "column wires (outputs); 2 per weight column with differential pairs")));
  f.push_back(topNumber<&S::seed>(
      count("seed", 0, 0, 9.007199254740992e15,
            "seed of the fabricated chip (variation, stuck devices); 0 = the run's seed")));

  f.push_back({{"device", words("preset", presetNames(), "the device the other fields start from"),
                Effect::Reprogram},
               [](const S& s) -> ParamValue { return s.device.preset; },
               [](S& s, const ParamValue& v) { s.device.preset = wordOf(v); }});
  f.push_back({{"device",
                words("statistics", {"generic", "pcm"},
                      "noise and drift model: generic, or PCM (Joshi et al. 2020)"),
                Effect::Reprogram},
               [](const S& s) -> ParamValue {
                 auto it = s.device.params.find("statistics");
                 if (it != s.device.params.end()) return it->second;
                 return std::string(deviceStatisticsName(presetOrIdeal(s).statistics));
               },
               [](S& s, const ParamValue& v) { s.device.params["statistics"] = v; }});
  for (const DeviceField& d : deviceNumberFields()) f.push_back(deviceSpecField(d));

  const A a;
  f.push_back(sectionNumber<&S::array, &A::tileRows>(
      "array", count("tile_rows", a.tileRows, 0, 1e6, "rows of one physical array; 0 = all rows"),
      Effect::Refold));
  f.push_back(sectionNumber<&S::array, &A::tileCols>(
      "array",
      count("tile_cols", a.tileCols, 0, 1e6, "columns of one physical array; 0 = all columns"),
      Effect::Refold));
  f.push_back(sectionNumber<&S::array, &A::rWire>(
      "array",
      number("r_wire", "Ohm", a.rWire, 0, kInf, "wire resistance between neighbouring cells"),
      Effect::Refold));
  f.push_back(sectionNumber<&S::array, &A::rSource>(
      "array", number("r_source", "Ohm", a.rSource, 0, kInf, "row driver output resistance"),
      Effect::Refold));
  f.push_back(sectionNumber<&S::array, &A::rSense>(
      "array", number("r_sense", "Ohm", a.rSense, 0, kInf, "column sense input resistance"),
      Effect::Refold));
  f.push_back(sectionNumber<&S::array, &A::vRead>(
      "array", positive("v_read", "V", a.vRead, "read voltage a spike puts on its row"),
      Effect::Live));
  f.push_back(sectionNumber<&S::array, &A::dacBits>(
      "array", count("dac_bits", a.dacBits, 0, 24, "input DAC resolution; 0 = ideal"),
      Effect::Live));
  f.push_back(sectionNumber<&S::array, &A::dacVMax>(
      "array",
      number("dac_v_max", "V", a.dacVMax, 0, kInf, "DAC full scale, inputs clip to +-; 0 = v_read"),
      Effect::Live));
  f.push_back(sectionNumber<&S::array, &A::adcBits>(
      "array", count("adc_bits", a.adcBits, 0, 24, "output ADC resolution; 0 = ideal"),
      Effect::Live));
  f.push_back(sectionNumber<&S::array, &A::adcIMax>(
      "array",
      number("adc_i_max", "uA", a.adcIMax, 0, kInf,
             "ADC full scale; 0 = the largest current a tile can give"),
      Effect::Live));
  f.push_back(sectionNumber<&S::array, &A::adcClip>(
      "array",
      count("adc_clip", a.adcClip ? 1 : 0, 0, 1,
            "1: currents beyond full scale saturate; 0: quantised without limit"),
      Effect::Live));
  f.push_back(sectionNumber<&S::array, &A::gainMismatch>(
      "array",
      number("gain_mismatch", "", a.gainMismatch, 0, 1,
             "relative std of each column's sense/ADC gain, fixed per chip (mismatch)"),
      Effect::Reprogram));
  f.push_back(sectionNumber<&S::array, &A::readPulseWidth>(
      "array",
      positive("read_pulse_width", "s", a.readPulseWidth, "read pulse width (energy estimates)"),
      Effect::Live));

  const M m;
  f.push_back(sectionNumber<&S::mapping, &M::wMax>(
      "mapping",
      number("w_max", "", m.wMax, 0, kInf,
             "weight magnitude mapped to G_max - G_min; 0 = largest |w| programmed"),
      Effect::Reprogram));
  f.push_back(sectionNumber<&S::mapping, &M::differential>(
      "mapping",
      count("differential", 1, 0, 1,
            "1: a weight is G+ - G- on two columns; 0: one device, weights >= 0"),
      Effect::Reprogram));
  f.push_back(wordField<&S::mapping, &M::updatePolicy>(
      "mapping",
      words("update_policy", {"push_pull", "set_only", "positive_only"},
            "which devices a weight change pulses"),
      Effect::Live, &updatePolicyName));

  const P p;
  f.push_back(wordField<&S::programming, &P::mode>(
      "programming",
      words("mode", {"write_verify", "open_loop", "direct"}, "how targets are written"),
      Effect::Reprogram, &programmingModeName));
  f.push_back(sectionNumber<&S::programming, &P::tolerance>(
      "programming",
      number("tolerance", "levels", p.tolerance, 0, kInf,
             "write-verify accepts |G - target| up to this many level spacings"),
      Effect::Reprogram));
  f.push_back(sectionNumber<&S::programming, &P::maxPulses>(
      "programming",
      count("max_pulses", static_cast<double>(p.maxPulses), 1, 1e9,
            "pulse budget per device per programming"),
      Effect::Reprogram));
  f.push_back(sectionNumber<&S::programming, &P::tInference>(
      "programming",
      number("t_inference", "s", p.tInference, 0, kInf,
             "time since programming when read (drift, PCM read noise)"),
      Effect::Refold));

  f.push_back(sectionNumber<&S::faults, &F::stuckOnRate>(
      "faults", number("stuck_on_rate", "", 0, 0, 1, "fraction of devices stuck at G_max"),
      Effect::Reprogram));
  f.push_back(sectionNumber<&S::faults, &F::stuckOffRate>(
      "faults", number("stuck_off_rate", "", 0, 0, 1, "fraction of devices stuck at G_min"),
      Effect::Reprogram));
  return f;
}

const std::vector<Field>& allFields() {
  static const std::vector<Field> fields = buildFields();
  return fields;
}

const Field* findField(std::string_view path) {
  for (const Field& f : allFields())
    if (f.meta.path() == path) return &f;
  return nullptr;
}

}  // namespace

const std::vector<CrossbarFieldInfo>& crossbarFields() {
  static const std::vector<CrossbarFieldInfo> infos = [] {
    std::vector<CrossbarFieldInfo> v;
    for (const Field& f : allFields()) v.push_back(f.meta);
    return v;
  }();
  return infos;
}

std::vector<ParamInfo> crossbarSchema(std::string_view section) {
  std::vector<ParamInfo> v;
  for (const CrossbarFieldInfo& f : crossbarFields())
    if (f.section == section) v.push_back(f.info);
  return v;
}

const CrossbarFieldInfo* findCrossbarField(std::string_view path) {
  const Field* f = findField(path);
  return f ? &f->meta : nullptr;
}

std::optional<std::string> checkCrossbarValue(const ParamInfo& info, const ParamValue& value) {
  if (info.kind != ParamKind::Choice) {
    const ValueSpec* v = std::get_if<ValueSpec>(&value);
    if (!v || !v->isScalar()) return std::string("must be a single number");
  }
  return checkParamValue(info, value, 1);  // the same check and message as every other field
}

std::optional<ParamValue> crossbarField(const CrossbarSpec& spec, std::string_view path) {
  const Field* f = findField(path);
  if (!f) return std::nullopt;
  return f->get(spec);
}

std::optional<std::string> setCrossbarField(CrossbarSpec& spec, std::string_view path,
                                            const ParamValue& value) {
  const Field* f = findField(path);
  if (!f) return "unknown crossbar field '" + std::string(path) + "'";
  if (auto problem = checkCrossbarValue(f->meta.info, value)) return problem;
  f->set(spec, value);
  return std::nullopt;
}

bool assignCrossbarField(CrossbarSpec& spec, std::string_view path, const ParamValue& value) {
  const Field* f = findField(path);
  if (!f) return false;
  f->set(spec, value);
  return true;
}

bool setDeviceNumber(DeviceParams& d, std::string_view field, double value) {
  const DeviceField* f = findDeviceField(field);
  if (!f) return false;
  f->set(d, value);
  return true;
}

std::optional<double> deviceNumber(const DeviceParams& d, std::string_view field) {
  const DeviceField* f = findDeviceField(field);
  if (!f) return std::nullopt;
  return f->get(d);
}

}  // namespace snn
