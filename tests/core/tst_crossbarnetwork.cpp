// Crossbars in the project and in the simulator (issue 11): the project file round trip with
// packed arrays, clear errors naming the crossbar or projection and the field, the spine's
// get/set and schema of crossbar fields, live changes, exact equivalence of an ideal crossbar
// with ideal synapses, seeded determinism whatever the thread count, and pulse STDP against the
// device model's closed form.
#include <QTest>
#include <cmath>

#include "TestSupport.h"
#include "crossbar/PulseStdpSynapses.h"
#include "io/PackedArray.h"
#include "io/ProjectJson.h"
#include "model/ObjectFields.h"
#include "project/FieldPath.h"
#include "project/FieldSchemas.h"
#include "project/ProjectValidator.h"

using namespace snn;

namespace {

// JSON written with single quotes (moc cannot read raw string literals).
std::string J(std::string s) {
  for (char& c : s)
    if (c == '\'') c = '"';
  return s;
}

// 40 Poisson inputs drive 12 LIF neurons through a 40 x 24 crossbar.
std::string network(const std::string& crossbarFields, const std::string& projectionExtra = "",
                    int cols = 24) {
  return J("{'format': 'snn-workbench', 'version': 1, 'network': {"
           "    'populations': [{'id': 'in', 'model': 'poisson', 'size': 40, 'params': {'rate': "
           "50}},"
           "                    {'id': 'out', 'model': 'lif', 'size': 12}],"
           "    'projections': [{'id': 'p', 'pre': 'in', 'post': 'out', 'connector': 'all_to_all',"
           "                     'weight': 0.25, 'crossbar': 'xb1'") +
         projectionExtra +
         J("}],"
           "    'crossbars': [{'id': 'xb1', 'rows': 40, 'cols': ") +
         std::to_string(cols) + (crossbarFields.empty() ? "" : ", ") + crossbarFields +
         J("}],"
           "    'monitors': [{'type': 'spikes', 'target': 'out'}]},"
           "    'experiment': {'dt': 0.1, 'duration': 300, 'seed': 7}}");
}

bool mentions(const std::vector<Diagnostic>& ds, ObjectKind kind, const std::string& id,
              const std::string& field, const std::string& words) {
  for (const Diagnostic& d : ds)
    if (d.kind == kind && d.objectId == id && d.field == field &&
        d.message.find(words) != std::string::npos)
      return true;
  return false;
}

}  // namespace

class TestCrossbarNetwork : public QObject {
  Q_OBJECT
 private slots:
  void packedArraysRoundTrip() {
    std::vector<double> v(3000);
    for (size_t i = 0; i < v.size(); ++i) v[i] = std::sin(0.37 * double(i)) * 1e3 + 1e-9 * i;
    const UnpackedArray back = unpackArray(nlohmann::json::parse(packArray(v, {30, 100}).dump()));
    QCOMPARE(back.shape, (std::vector<int64_t>{30, 100}));
    QVERIFY(back.values == v);  // float64: bit for bit
    // Claims the data cannot back are refused before anything is allocated.
    nlohmann::json lie = nlohmann::json::parse(packArray(v, {30, 100}).dump());
    lie["shape"] = {1000000000, 1000000000};
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, unpackArray(lie));
    lie = nlohmann::json::parse(packArray(v, {30, 100}).dump());
    lie["data"] = "AAA";
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, unpackArray(lie));
  }

  void projectRoundTrip() {
    Project p =
        test::parse(network(J("'device': {'preset': 'rram_hfox', 'levels': 16},"
                              "        'array': {'r_wire': 1.5, 'tile_rows': 16, 'adc_bits': 6},"
                              "        'faults': {'stuck_on_rate': 0.01}, 'stuck_cells': [[1, 2, "
                              "'on'], [3, 4, 'off']]")));
    QVERIFY(validateProject(p).empty());
    QCOMPARE(p.network.crossbars.size(), size_t(1));
    QCOMPARE(p.network.projections[0].crossbar, std::string("xb1"));
    CrossbarSpec& c = p.network.crossbars[0];
    QCOMPARE(c.array.rWire, 1.5);
    QCOMPARE(c.stuckCells.size(), size_t(2));
    c.mapping.wMax = 0.5;
    for (int i = 0; i < 40 * 24; ++i) c.conductances.push_back(13.357 + 0.01 * i + 1e-12 * i);
    QVERIFY(validateProject(p).empty());
    const std::string text = serializeProject(p);
    QVERIFY(text.find("\"dtype\": \"<f8\"") != std::string::npos);  // conductances packed
    ProjectParseResult back = parseProject(text);
    QVERIFY2(back.ok(), joinDiagnostics(back.diagnostics).c_str());
    QVERIFY(back.project == p);
    QCOMPARE(serializeProject(back.project), text);
  }

  void listOfRowsConductances() {
    std::string rows = "[";
    for (int r = 0; r < 40; ++r) {
      rows += r ? ",[" : "[";
      for (int c = 0; c < 24; ++c) rows += (c ? ",50" : "50");
      rows += "]";
    }
    rows += "]";
    ProjectParseResult r =
        parseProject(network(J("'mapping': {'w_max': 1}, 'conductances': ") + rows));
    QVERIFY2(r.ok(), joinDiagnostics(r.diagnostics).c_str());
    QCOMPARE(r.project.network.crossbars[0].conductances.size(), size_t(960));
  }

  void clearErrors_data() {
    QTest::addColumn<QString>("fields");
    QTest::addColumn<int>("cols");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("words");
    QTest::newRow("size") << "" << 26 << int(ObjectKind::Projection) << "p"
                          << "crossbar"
                          << "is 40 x 26 but the projection needs 40 x 24";
    QTest::newRow("levels") << QString::fromStdString(J("'device': {'levels': 1}")) << 24
                            << int(ObjectKind::Crossbar) << "xb1"
                            << "device.levels"
                            << "must be";
    const std::string negative =
        J("'mapping': {'w_max': 1}, 'conductances': {'dtype': '<f8', 'shape': [40, 24], 'data': "
          "'") +
        packArray(std::vector<double>(960, -1.0), {40, 24}).at("data").get<std::string>() + "\"}";
    QTest::newRow("negative") << QString::fromStdString(negative) << 24 << int(ObjectKind::Crossbar)
                              << "xb1"
                              << "conductances"
                              << "must be a finite number >= 0";
    QTest::newRow("scale") << QString::fromStdString(J("'conductances': [[1]]")) << 24
                           << int(ObjectKind::Crossbar) << "xb1"
                           << "conductances"
                           << "has 1 rows";
    QTest::newRow("wire") << QString::fromStdString(J("'array': {'r_wire': -2}")) << 24
                          << int(ObjectKind::Crossbar) << "xb1"
                          << "array.r_wire"
                          << "must be >= 0";
    QTest::newRow("key") << QString::fromStdString(J("'array': {'r_wires': 2}")) << 24
                         << int(ObjectKind::Crossbar) << "xb1"
                         << "array.r_wires"
                         << "";
  }
  void clearErrors() {
    QFETCH(QString, fields);
    QFETCH(int, cols);
    QFETCH(int, kind);
    QFETCH(QString, id);
    QFETCH(QString, field);
    QFETCH(QString, words);
    ProjectParseResult r = parseProject(network(fields.toStdString(), "", cols));
    std::vector<Diagnostic> ds = r.diagnostics;
    if (ds.empty()) ds = validateProject(r.project);
    QVERIFY2(
        mentions(ds, ObjectKind(kind), id.toStdString(), field.toStdString(), words.toStdString()),
        joinDiagnostics(ds).c_str());
  }

  void missingCrossbarAndSharing() {
    Project p = test::parse(network(""));
    p.network.projections[0].crossbar = "nope";
    QVERIFY(mentions(validateProject(p), ObjectKind::Projection, "p", "crossbar", "no crossbar"));
    p.network.projections[0].crossbar = "xb1";
    ProjectionSpec twin = p.network.projections[0];
    twin.id = "p2";
    p.network.projections.push_back(twin);
    QVERIFY(
        mentions(validateProject(p), ObjectKind::Projection, "p2", "crossbar", "already carries"));
  }

  // The spine: every crossbar field has a schema; get/set by path; live/structural effects.
  void fieldsInTheSpine() {
    Project p = test::parse(network(J("'device': {'preset': 'pcm'}")));
    QCOMPARE(p.network.kindOf("xb1"), std::optional<ObjectKind>(ObjectKind::Crossbar));
    const auto levels = fieldSchema(p, ObjectKind::Crossbar, "xb1", "device.levels");
    QVERIFY(levels && levels->effect == RunEffect::Structural);
    QCOMPARE(fieldSchema(p, ObjectKind::Crossbar, "xb1", "array.adc_bits")->effect,
             RunEffect::Live);
    QCOMPARE(fieldSchema(p, ObjectKind::Crossbar, "xb1", "array.r_wire")->effect,
             RunEffect::Live);  // a refold between chunks
    QCOMPARE(fieldSchema(p, ObjectKind::Projection, "p", "crossbar")->kind, ParamKind::Reference);
    QVERIFY(objectFieldSchemas(p, ObjectKind::Crossbar, "xb1").size() >= 40);
    setFieldFromText(p, "crossbars.xb1.device.levels", "8");
    QCOMPARE(std::get<ValueSpec>(*getField(p, ObjectKind::Crossbar, "xb1", "device.levels")).scalar,
             8.0);
    setFieldFromText(p, "crossbars.xb1.mapping.update_policy", "set_only");
    QCOMPARE(p.network.crossbars[0].mapping.updatePolicy, UpdatePolicy::SetOnly);
    QVERIFY_THROWS_EXCEPTION(SpecError, setFieldFromText(p, "crossbars.xb1.device.levels", "1"));
    QVERIFY_THROWS_EXCEPTION(SpecError, setFieldFromText(p, "crossbars.xb9.device.levels", "4"));
  }

  // An ideal device with direct programming, no wires and an ideal periphery carries the
  // weights exactly: the same spikes as the same projection on ideal synapses.
  void idealCrossbarEqualsIdealSynapses() {
    Project xb = test::parse(network(J("'programming': {'mode': 'direct'}")));
    Project plain = xb;
    plain.network.projections[0].crossbar.clear();
    plain.network.crossbars.clear();
    const test::RunResult a = test::run(xb), b = test::run(plain);
    QVERIFY(b.totals[1] > 50);  // the network does something
    QCOMPARE(a.spikes, b.spikes);
  }

  // Noise, faults, IR drop and ADC: the same seed gives the same spikes with 1 or 2 threads; a
  // different seed other spikes.
  void seededDeterminism() {
    Project p = test::parse(
        network(J("'device': {'preset': 'rram_hfox', 'read_noise': 0.05},"
                  "        'array': {'r_wire': 2, 'adc_bits': 6, 'tile_rows': 16, 'tile_cols': 8},"
                  "        'faults': {'stuck_off_rate': 0.05}")));
    const test::RunResult one = test::run(p, -1, 1), two = test::run(p, -1, 2, 700);
    QVERIFY(one.totals[1] > 0);
    QCOMPARE(one.spikes, two.spikes);
    p.experiment.seed = 8;
    QVERIFY(test::run(p).spikes != one.spikes);
  }

  // A live crossbar field reaches the running network; a device field needs a recompile.
  void liveChanges() {
    Project p = test::parse(network(J("'device': {'preset': 'rram_hfox'}")));
    CompileResult compiled = compile(p);
    QVERIFY(compiled.ok());
    Simulator sim(std::move(compiled.network));
    sim.run(100);
    sim.applyLiveChange(ObjectKind::Crossbar, "xb1", "array.adc_bits", ValueSpec::constant(4));
    sim.applyLiveChange(ObjectKind::Crossbar, "xb1", "array.r_wire", ValueSpec::constant(5));
    const CrossbarArray& a = sim.network().projections[0].crossbar->array();
    QCOMPARE(a.spec().array.adcBits, int64_t(4));
    QCOMPARE(a.spec().array.rWire, 5.0);
    QVERIFY_THROWS_EXCEPTION(
        SpecError,
        sim.applyLiveChange(ObjectKind::Crossbar, "xb1", "device.levels", ValueSpec::constant(8)));
    sim.run(100);
  }

  // One pre-then-post pair: the rule asks for dw = a_plus R exp(-dt/tau_plus), rounded
  // stochastically to pulses of one level spacing; the devices then move as DeviceModel's
  // closed form says for that many SET pulses (G+) while G- sits at G_min.
  void pulseStdpAgainstClosedForm() {
    const std::string rule =
        J(", 'plasticity': {'rule': 'stdp', 'params': {'a_plus': 0.05,"
          "        'a_minus': 0.05, 'tau_plus': 20, 'tau_minus': 20, 'w_min': -1, 'w_max': 1}}");
    Project p =
        test::parse(network(J("'device': {'levels': 64, 'nl_set': 3, 'nl_reset': 3},"
                              "        'mapping': {'w_max': 1}, 'programming': {'mode': 'direct'}"),
                            rule));
    QVERIFY2(validateProject(p).empty(), joinDiagnostics(validateProject(p)).c_str());
    CompileResult compiled = compile(p);
    QVERIFY(compiled.ok());
    CompiledProjection& proj = compiled.network->projections[0];
    auto& stdp = dynamic_cast<PulseStdpSynapses&>(*proj.plasticity);
    CrossbarArray& xb = proj.crossbar->array();
    const DeviceModel& device = xb.devices().model();
    const DeviceVariation nominal = device.nominal();
    const double perPulse = xb.weightPerPulse(), dt = 0.1;
    int64_t pulsesSum = 0;
    double expectedSum = 0.0;
    for (int lag = 1; lag <= 39; ++lag) {  // pre neuron `lag` at step 0, post `lag % 12` later
      const int32_t pre = lag, post = lag % 12;
      const std::vector<int32_t> spike{pre};
      stdp.clearTraces();
      stdp.updatePreTraces(0, 0, 40, spike);
      for (int s = 1; s <= lag * 2; ++s) stdp.updatePreTraces(s, 0, 40, {});
      const double gPlus = xb.devices().programmed()(pre, 2 * post);
      const double x = std::pow(double(stdp.rule().preDecay), lag * 2);
      const double dw = 0.05 * 2.0 * x;  // a_plus (w_max - w_min) x
      stdp.onPostSpike(proj.synapses, lag * 2, post);
      const double after = xb.devices().programmed()(pre, 2 * post);
      // n SET pulses from gPlus along the nominal curve.
      const int64_t lo = int64_t(std::floor(dw / perPulse));
      auto curve = [&](int64_t n) {
        return device.setCurve(device.setPosition(gPlus) + n, nominal);
      };
      const bool onLo = std::abs(after - curve(lo)) < 1e-9,
                 onHi = std::abs(after - curve(lo + 1)) < 1e-9;
      QVERIFY2(onLo || onHi, qPrintable(QString("lag %1: G+ %2, expected %3 or %4")
                                            .arg(lag)
                                            .arg(after)
                                            .arg(curve(lo))
                                            .arg(curve(lo + 1))));
      pulsesSum += onLo ? lo : lo + 1;
      expectedSum += dw / perPulse;
      (void)dt;
    }
    // Stochastic rounding is unbiased: 39 Bernoulli draws, sd <= sqrt(39)/2.
    QVERIFY(std::abs(double(pulsesSum) - expectedSum) < 3 * std::sqrt(39.0) / 2 + 1e-9);
  }

  // Depression rows as pulses: every synapse whose target's trace is 1 asks for x = -a_minus
  // (w_max - w_min) / dw_pulse pulses, rounded to 0 or -1 with P(-1) = |x|, independently per
  // synapse. The RESET pulses of many pre spikes (each pulse counted by the crossbar) against
  // the sum of those Bernoulli means, within 4 sigma; synapses whose target has no trace get
  // none. Small |x| takes the thinned draw (a few numbers per row), larger |x| one per synapse.
  void pulseDepressionRoundsUnbiased_data() {
    QTest::addColumn<double>("aMinus");
    QTest::newRow("thinned, |x| = 0.063") << 0.0005;
    QTest::newRow("one draw per synapse, |x| = 0.38") << 0.003;
  }
  void pulseDepressionRoundsUnbiased() {
    QFETCH(double, aMinus);
    const std::string rule = J(", 'plasticity': {'rule': 'stdp', 'params': {'a_plus': 0.01,"
                               "        'a_minus': ") +
                             std::to_string(aMinus) +
                             J(", 'tau_plus': 20, 'tau_minus': 20, 'w_min': -1, 'w_max': 1}}");
    Project p = test::parse(network(J("'device': {'levels': 64},"
                                      "        'mapping': {'w_max': 1}, 'programming': {'mode': "
                                      "'direct'}"),
                                    rule));
    CompileResult compiled = compile(p);
    QVERIFY(compiled.ok());
    CompiledProjection& proj = compiled.network->projections[0];
    auto& stdp = dynamic_cast<PulseStdpSynapses&>(*proj.plasticity);
    CrossbarArray& xb = proj.crossbar->array();
    stdp.clearTraces();
    for (int32_t post = 0; post < 8; ++post) stdp.onPostSpike(proj.synapses, 0, post);  // y = 1
    const double x = aMinus * 2.0 / xb.weightPerPulse();  // pulses asked per synapse
    const Eigen::MatrixXd start = xb.weights();
    const uint64_t before = xb.counters().updatePulses.reset;
    const int spikes = 600;
    for (int s = 0; s < spikes; ++s) stdp.onPreSpike(proj.synapses, 0, s % 40);
    const double pulses = double(xb.counters().updatePulses.reset - before);
    const double n = double(spikes) * 8;  // synapses asked, 8 targets with a trace per spike
    const double sd = std::sqrt(n * x * (1 - x));
    QVERIFY2(
        std::abs(pulses - n * x) < 4 * sd,
        qPrintable(QString("%1 RESET pulses, expected %2 +- %3").arg(pulses).arg(n * x).arg(sd)));
    QCOMPARE(xb.counters().updatePulses.set, uint64_t(0));
    // Targets 8..11 had no trace: untouched.
    QVERIFY(xb.weights().rightCols(4) == start.rightCols(4));
  }
};

QTEST_GUILESS_MAIN(TestCrossbarNetwork)
#include "tst_crossbarnetwork.moc"
