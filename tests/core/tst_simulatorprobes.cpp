// Simulator::addStateMonitor / removeStateMonitor: probes added between chunks record the same
// values as a monitor compiled from the project (the independent reference here).
#include <QtTest>

#include "TestSupport.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

using namespace snn;

class TestSimulatorProbes : public QObject {
  Q_OBJECT

 private:
  static Simulator simulatorFor(const std::string& example) {
    CompileResult r = compile(loadProject(test::source(example)));
    if (!r.ok()) qFatal("%s", joinDiagnostics(r.diagnostics).c_str());
    return Simulator(std::move(r.network));
  }

  static const StateRecord* recordOf(const SimulationChunk& chunk, int monitor) {
    for (const StateRecord& s : chunk.states)
      if (s.monitor == monitor) return &s;
    return nullptr;
  }

 private slots:
  void probeMatchesCompiledMonitor() {
    Simulator sim = simulatorFor("resources/examples/single_lif.snnwb.json");
    sim.run(1500);  // past the first current step, so v moves
    const int probe = sim.addStateMonitor(
        {.type = MonitorSpec::Type::State, .target = "neuron", .variable = "v", .neurons = {0}});
    const SimulationChunk chunk = sim.run(3000);
    const StateRecord* compiled = recordOf(chunk, 1);  // the project's own monitor of v
    const StateRecord* added = recordOf(chunk, probe);
    QVERIFY(compiled && added);
    QCOMPARE(added->sampleSteps, compiled->sampleSteps);
    QCOMPARE(added->values, compiled->values);
    QCOMPARE(added->sampleSteps.front(), int64_t{1500});

    sim.removeStateMonitor(probe);
    const SimulationChunk after = sim.run(10);
    QVERIFY(recordOf(after, probe) == nullptr);
    QVERIFY(recordOf(after, 1) != nullptr);
    // The freed slot is reused rather than growing the monitor list.
    QCOMPARE(sim.addStateMonitor({.type = MonitorSpec::Type::State,
                                  .target = "neuron",
                                  .variable = "v",
                                  .neurons = {0}}),
             probe);
  }

  void badProbeIsRefusedWithTheField() {
    Simulator sim = simulatorFor("resources/examples/single_lif.snnwb.json");
    auto refusedField = [&](MonitorSpec spec) -> std::string {
      try {
        sim.addStateMonitor(spec);
      } catch (const SpecError& e) {
        return e.diagnostics().front().field;
      }
      return "accepted";
    };
    using T = MonitorSpec::Type;
    QCOMPARE(refusedField({.type = T::State, .target = "nobody", .variable = "v", .neurons = {0}}),
             std::string("target"));
    QCOMPARE(refusedField({.type = T::State, .target = "neuron", .variable = "w", .neurons = {0}}),
             std::string("variable"));
    QCOMPARE(refusedField({.type = T::State, .target = "neuron", .variable = "v", .neurons = {1}}),
             std::string("neurons"));
    QCOMPARE(sim.network().monitors.size(), size_t{2});
  }
};

QTEST_GUILESS_MAIN(TestSimulatorProbes)
#include "tst_simulatorprobes.moc"
