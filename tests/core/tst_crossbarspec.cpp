// The crossbar as a project describes it (core/model/CrossbarSpec, CrossbarSchema, DevicePresets):
// bad specs give clear errors that name the crossbar and the field; every field has a schema entry
// and every preset value a source.
#include <QTest>

#include "TestSupport.h"
#include "crossbar/CrossbarArray.h"
#include "model/CrossbarSchema.h"
#include "model/DevicePresets.h"

using namespace snn;

namespace {

CrossbarSpec goodSpec() {
  CrossbarSpec s;
  s.id = "xb1";
  s.rows = 4;
  s.cols = 6;
  return s;
}

// The diagnostics' text, one per line.
QString problems(const CrossbarSpec& s) {
  return QString::fromStdString(joinDiagnostics(validateCrossbarSpec(s)));
}

}  // namespace

class TestCrossbarSpec : public QObject {
  Q_OBJECT

 private slots:
  void aGoodSpecHasNoProblems() {
    QVERIFY2(validateCrossbarSpec(goodSpec()).empty(), qPrintable(problems(goodSpec())));
    for (const DevicePreset& p : devicePresets()) {
      CrossbarSpec s = goodSpec();
      s.device.preset = std::string(p.name);
      QVERIFY2(validateCrossbarSpec(s).empty(), qPrintable(problems(s)));
    }
  }

  void badSpecsNameTheCrossbarAndTheField_data() {
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("expected");
    QTest::newRow("levels < 2")
        << "levels"
        << "crossbar 'xb1', field 'device.levels': must be between 2 and 1000000 (got 1)";
    QTest::newRow("g_min >= g_max")
        << "gminmax"
        << "crossbar 'xb1', field 'device.g_max': g_min (50 uS) must be below g_max (20 uS)";
    QTest::newRow("negative g_min")
        << "gneg"
        << "crossbar 'xb1', field 'device.g_min': must be >= 0 uS (got -1 uS)";
    QTest::newRow("negative conductance") << "conductance"
                                          << "crossbar 'xb1', field 'conductances': value at row "
                                             "1, column 2 must be a finite number >= 0 (got -3)";
    QTest::newRow("conductances shape")
        << "shape"
        << "crossbar 'xb1', field 'conductances': has 5 values, expected rows x cols = 24";
    QTest::newRow("no rows") << "rows"
                             << "crossbar 'xb1', field 'rows': must be between 1 and 1000000 (got 0)";
    QTest::newRow("odd columns with pairs")
        << "oddcols"
        << "crossbar 'xb1', field 'cols': must be even with differential pairs";
    QTest::newRow("odd tile columns") << "oddtile"
                                      << "crossbar 'xb1', field 'array.tile_cols': must be even";
    QTest::newRow("unknown preset") << "preset"
                                    << "crossbar 'xb1', field 'device.preset': unknown device "
                                       "preset 'memristor' (known: ideal, rram_hfox";
    QTest::newRow("unknown device field")
        << "field"
        << "crossbar 'xb1', field 'device.g_mid': unknown device field (known: statistics, g_min";
    QTest::newRow("distribution for a device field")
        << "random"
        << "crossbar 'xb1', field 'device.c2c': must be a single number";
    QTest::newRow("negative wire resistance")
        << "wire"
        << "crossbar 'xb1', field 'array.r_wire': must be >= 0 Ohm (got -2 Ohm)";
    QTest::newRow("fault rates above 1") << "faults"
                                         << "crossbar 'xb1', field 'faults.stuck_off_rate': "
                                            "stuck_on_rate + stuck_off_rate must be <= 1 (got 1.2)";
    QTest::newRow("stuck cell outside")
        << "stuck"
        << "crossbar 'xb1', field 'stuck_cells[0]': cell (4, 0) is outside the 4 x 6 array";
    QTest::newRow("too many ADC bits")
        << "adc"
        << "crossbar 'xb1', field 'array.adc_bits': must be between 0 and 24 (got 30)";
    QTest::newRow("no id") << "id"
                           << "crossbar '', field 'id': must not be empty";
  }
  void badSpecsNameTheCrossbarAndTheField() {
    QFETCH(QString, what);
    QFETCH(QString, expected);
    CrossbarSpec s = goodSpec();
    if (what == "levels") s.device.params["levels"] = ValueSpec::constant(1);
    if (what == "gminmax") {
      s.device.params["g_min"] = ValueSpec::constant(50);
      s.device.params["g_max"] = ValueSpec::constant(20);
    }
    if (what == "gneg") s.device.params["g_min"] = ValueSpec::constant(-1);
    if (what == "conductance") {
      s.conductances.assign(24, 5.0);
      s.conductances[1 * 6 + 2] = -3.0;
    }
    if (what == "shape") s.conductances.assign(5, 1.0);
    if (what == "rows") s.rows = 0;
    if (what == "oddcols") s.cols = 5;
    if (what == "oddtile") s.array.tileCols = 3;
    if (what == "preset") s.device.preset = "memristor";
    if (what == "field") s.device.params["g_mid"] = ValueSpec::constant(3);
    if (what == "random") s.device.params["c2c"] = ValueSpec::uniform(0.0, 0.1);
    if (what == "wire") s.array.rWire = -2;
    if (what == "faults") {
      s.faults.stuckOnRate = 0.5;
      s.faults.stuckOffRate = 0.7;
    }
    if (what == "stuck") s.stuckCells.push_back({4, 0, true});
    if (what == "adc") s.array.adcBits = 30;
    if (what == "id") s.id.clear();
    const QString text = problems(s);
    QVERIFY2(text.contains(expected), qPrintable("got: " + text));
    // A crossbar is never built from it.
    if (what != "id") QVERIFY_THROWS_EXCEPTION(SpecError, CrossbarArray(s, 1));
  }

  void sizesMustMatchTheProjection() {
    CrossbarSpec s = goodSpec();  // 4 x 6: 4 inputs, 3 outputs on pairs
    QVERIFY(checkCrossbarCarries(s, "p", 4, 3).empty());
    const std::vector<Diagnostic> d = checkCrossbarCarries(s, "p", 5, 3);
    QCOMPARE(d.size(), size_t(1));
    QCOMPARE(QString::fromStdString(d[0].toString()),
             QString("projection 'p', field 'crossbar': crossbar 'xb1' is 4 x 6 but the projection "
                     "needs 5 x 6 (one row per presynaptic neuron, two columns per postsynaptic "
                     "neuron)"));
    s.mapping.differential = false;
    QVERIFY(!checkCrossbarCarries(s, "p", 4, 3).empty());
    QVERIFY(checkCrossbarCarries(s, "p", 4, 6).empty());
  }

  void resolvingAppliesOverridesToThePreset() {
    CrossbarSpec s = goodSpec();
    s.device.preset = "rram_taox";
    s.device.params["levels"] = ValueSpec::constant(16);
    s.device.params["statistics"] = std::string("pcm");
    const DeviceParams d = resolveDeviceParams(s);
    QCOMPARE(d.levels, int64_t(16));
    QCOMPARE(d.statistics, DeviceStatistics::Pcm);
    QCOMPARE(d.gMax, 10.0);  // from the preset
    s.device.params["levels"] = ValueSpec::constant(1.5);
    QVERIFY_THROWS_EXCEPTION(SpecError, resolveDeviceParams(s));
  }

  void everyFieldHasASchemaEntry() {
    QVERIFY(crossbarFields().size() >= 40);
    for (const CrossbarFieldInfo& f : crossbarFields()) {
      QVERIFY2(!f.info.meaning.empty(), f.path().c_str());
      if (f.info.kind == ParamKind::Choice) {
        QVERIFY(!f.info.choices.empty());
      } else {
        QVERIFY2(f.info.inRange(f.info.defaultValue), f.path().c_str());
      }
      // The default spec holds each field's default.
      const ParamValue v = *crossbarField(goodSpec(), f.path());
      if (f.path() == "rows" || f.path() == "cols") continue;
      if (f.info.kind == ParamKind::Choice)
        QCOMPARE(std::get<std::string>(v), f.info.choices.front());
      else
        QCOMPARE(std::get<ValueSpec>(v).scalar, f.info.defaultValue);
    }
    const std::vector<ParamInfo> array = crossbarSchema("array");
    QVERIFY(std::any_of(array.begin(), array.end(),
                        [](const ParamInfo& p) { return p.name == "r_wire" && p.unit == "Ohm"; }));
    QCOMPARE(findCrossbarField("device.read_noise")->effect, CrossbarFieldEffect::Live);
    QCOMPARE(findCrossbarField("array.adc_bits")->effect, CrossbarFieldEffect::Live);
    QCOMPARE(findCrossbarField("array.r_wire")->effect, CrossbarFieldEffect::Refold);
    QCOMPARE(findCrossbarField("programming.t_inference")->effect, CrossbarFieldEffect::Refold);
    QCOMPARE(findCrossbarField("device.levels")->effect, CrossbarFieldEffect::Reprogram);
  }

  void fieldsReadAndWriteByPath() {
    CrossbarSpec s = goodSpec();
    s.device.preset = "pcm";
    QCOMPARE(std::get<ValueSpec>(*crossbarField(s, "device.g_max")).scalar, 25.0);  // the preset's
    QVERIFY(!setCrossbarField(s, "device.g_max", ValueSpec::constant(30.0)));
    QCOMPARE(std::get<ValueSpec>(s.device.params.at("g_max")).scalar, 30.0);  // an override
    QVERIFY(!setCrossbarField(s, "array.r_wire", ValueSpec::constant(1.5)));
    QCOMPARE(s.array.rWire, 1.5);
    QVERIFY(!setCrossbarField(s, "programming.mode", std::string("open_loop")));
    QCOMPARE(s.programming.mode, ProgrammingMode::OpenLoop);
    QVERIFY(!setCrossbarField(s, "mapping.differential", ValueSpec::constant(0)));
    QCOMPARE(s.mapping.differential, false);
    QCOMPARE(*setCrossbarField(s, "array.v_read", ValueSpec::constant(0.0)),
             std::string("must be > 0 V (got 0 V)"));
    QVERIFY(setCrossbarField(s, "array.nothing", ValueSpec::constant(1))->find("unknown") !=
            std::string::npos);
    QVERIFY(setCrossbarField(s, "programming.mode", std::string("guess"))
                ->find("must be one of write_verify") != std::string::npos);
  }

  void everyPresetValueHasASourceAndFitsTheSchema() {
    QCOMPARE(devicePresets().front().name, std::string_view("ideal"));
    QVERIFY(presetDeviceParams(devicePresets().front()) == DeviceParams{});  // ideal = defaults
    for (const DevicePreset& p : devicePresets()) {
      for (const PresetValue& v : p.values) {
        QVERIFY2(!v.source.empty(), std::string(v.field).c_str());
        const CrossbarFieldInfo* f = findCrossbarField("device." + std::string(v.field));
        QVERIFY2(f, std::string(v.field).c_str());
        QVERIFY2(f->info.inRange(v.value), std::string(v.field).c_str());
      }
      const DeviceParams d = presetDeviceParams(p);
      QVERIFY(d.gMin < d.gMax && d.levels >= 2);
    }
  }
};

QTEST_GUILESS_MAIN(TestCrossbarSpec)
#include "tst_crossbarspec.moc"
