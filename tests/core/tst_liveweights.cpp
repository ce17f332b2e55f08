// Simulator::setProjectionWeight: a weight changed between chunks gives exactly the synapses and
// the spikes of a network compiled with that weight (the independent reference here), takes
// effect mid-run, survives reset(), and is refused with the projection and field where the
// weights cannot change this way, leaving them as they were.
#include <QtTest>

#include "TestSupport.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

using namespace snn;

namespace {

Project example(const std::string& name) {
  return loadProject(test::source("resources/examples/" + name));
}

Simulator simulatorFor(const Project& project) {
  CompileResult r = compile(project);
  if (!r.ok()) qFatal("%s", joinDiagnostics(r.diagnostics).c_str());
  return Simulator(std::move(r.network));
}

const CompiledProjection& projection(const Simulator& sim, const std::string& id) {
  for (const CompiledProjection& p : sim.network().projections)
    if (p.id == id) return p;
  qFatal("no projection %s", id.c_str());
}

Project withWeight(Project project, const std::string& id, const ValueSpec& weight) {
  project.network.findProjection(id)->weight = weight;
  return project;
}

// The field of the diagnostic setProjectionWeight throws, or "accepted".
std::string refusal(Simulator& sim, const std::string& id, const ValueSpec& weight) {
  try {
    sim.setProjectionWeight(id, weight);
  } catch (const SpecError& e) {
    const Diagnostic& d = e.diagnostics().front();
    return d.objectId + "." + d.field + ": " + d.message;
  }
  return "accepted";
}

}  // namespace

class TestLiveWeights : public QObject {
  Q_OBJECT

 private slots:
  void sameSynapsesAsACompileWithThatWeight() {
    const Project project = example("first_network.snnwb.json");
    for (const ValueSpec& w :
         {ValueSpec::constant(0.35), ValueSpec::normal(0.3, 0.05), ValueSpec::uniform(-0.1, 0.4)}) {
      Simulator live = simulatorFor(project);
      live.run(100);
      live.setProjectionWeight("input_neurons", w);
      const Simulator fresh = simulatorFor(withWeight(project, "input_neurons", w));
      const SynapseMatrix& a = projection(live, "input_neurons").synapses;
      const SynapseMatrix& b = projection(fresh, "input_neurons").synapses;
      QCOMPARE(a.target, b.target);  // not rewired
      QCOMPARE(a.weight, b.weight);
      QVERIFY(a.weight.front() != float(0.2) || !w.isScalar());
    }
  }

  void sameSpikesAsACompileWithThatWeight() {
    const Project project = example("first_network.snnwb.json");
    Simulator live = simulatorFor(project);
    live.setProjectionWeight("input_neurons", ValueSpec::constant(0.35));
    Simulator fresh = simulatorFor(withWeight(project, "input_neurons", ValueSpec::constant(0.35)));
    const SimulationChunk a = live.run(5000), b = fresh.run(5000);
    const size_t out = static_cast<size_t>(live.network().findPopulation("neurons"));
    QVERIFY(a.spikeCount(out) > 100);
    QCOMPARE(a.spikes[out].steps, b.spikes[out].steps);
    QCOMPARE(a.spikes[out].neurons, b.spikes[out].neurons);
  }

  void takesEffectMidRunAndSurvivesReset() {
    Simulator sim = simulatorFor(example("first_network.snnwb.json"));
    const size_t out = static_cast<size_t>(sim.network().findPopulation("neurons"));
    sim.setProjectionWeight("input_neurons", ValueSpec::constant(0.0));
    QCOMPARE(sim.run(3000).spikeCount(out), int64_t{0});  // no input: silent
    sim.setProjectionWeight("input_neurons", ValueSpec::constant(0.5));
    const int64_t driven = sim.run(3000).spikeCount(out);
    QVERIFY2(driven > 1000, qPrintable(QString::number(driven)));
    sim.reset();
    QCOMPARE(projection(sim, "input_neurons").synapses.weight.front(), 0.5f);
  }

  void refusedWithTheProjectionAndField() {
    Simulator sim = simulatorFor(example("first_network.snnwb.json"));
    const std::vector<float> before = projection(sim, "input_neurons").synapses.weight;
    QCOMPARE(refusal(sim, "nowhere", ValueSpec::constant(1)),
             std::string("nowhere.: no such projection"));
    QVERIFY(refusal(sim, "input_neurons", ValueSpec::perElement({1, 2}))
                .starts_with("input_neurons.weight: a per-synapse weight array"));
    QVERIFY(refusal(sim, "input_neurons", ValueSpec::normal(0.2, -1))
                .starts_with("input_neurons.weight: "));
    QVERIFY(refusal(sim, "input_neurons", ValueSpec::constant(std::nan("")))
                .starts_with("input_neurons.weight: "));
    QCOMPARE(projection(sim, "input_neurons").synapses.weight, before);

    // Learned weights change only through a recompile.
    Simulator stdp = simulatorFor(example("stdp_digits.snnwb.json"));
    std::string plastic;
    for (const CompiledProjection& p : stdp.network().projections)
      if (p.plasticity) plastic = p.id;
    QVERIFY(!plastic.empty());
    QVERIFY(refusal(stdp, plastic, ValueSpec::constant(0.1)).find("plasticity") !=
            std::string::npos);

    // from_list entries that carry their own weights keep them.
    Project listed = example("first_network.snnwb.json");
    ProjectionSpec& p = *listed.network.findProjection("input_neurons");
    p.connector = ConnectorSpec{.type = ConnectorSpec::Type::FromList,
                                .list = {{.pre = 0, .post = 1, .weight = 0.4}}};
    Simulator fromList = simulatorFor(listed);
    QVERIFY(refusal(fromList, "input_neurons", ValueSpec::constant(0.1))
                .starts_with("input_neurons.weight: the weights are given per synapse"));
  }
};

QTEST_GUILESS_MAIN(TestLiveWeights)
#include "tst_liveweights.moc"
