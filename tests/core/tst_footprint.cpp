// Memory refused up front: the budget is the tightest limit that really applies (cgroup v2
// memory.max or v1 memory.limit_in_bytes less what the cgroup uses, ulimit -v less the address
// space in use, ulimit -d, MemAvailable), read from /proc and cgroup trees built here; the
// estimate covers the per-step buffers of a chunk (1000/dt steps), the spike recordings of the
// whole run and the state traces, each checked against a count worked out here from the
// project; a huge delay gives a finite estimate; the refusal names the object and field of the
// largest part and the limit.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"
#include "sim/NetworkFootprint.h"
#include "system/MemoryBudget.h"

using namespace snn;

namespace {

void write(const QString& path, const QByteArray& text) {
  QDir().mkpath(QFileInfo(path).path());
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(text);
}

Project network(const std::string& populations, const std::string& projections,
                const std::string& monitors, double dt, double duration) {
  return test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [)" +
                     populations + R"(], "projections": [)" + projections + R"(], "monitors": [)" +
                     monitors + R"(]}, "experiment": {"dt": )" + std::to_string(dt) +
                     R"(, "duration": )" + std::to_string(duration) + R"(, "seed": 1}})");
}

const FootprintPart* part(const NetworkFootprint& f, const std::string& id,
                          const std::string& field) {
  for (const FootprintPart& p : f.parts)
    if (p.objectId == id && p.field == field) return &p;
  return nullptr;
}

}  // namespace

class TestFootprint : public QObject {
  Q_OBJECT
 private slots:
  void tightestLimitIsTheBudget();
  void cgroupV2IsRead();
  void cgroupV1IsRead();
  void chunkBuffersAreCounted();
  void spikeRecordingsAreCounted();
  void stateTracesAreCounted();
  void hugeDelayIsFinite();
  void refusalNamesObjectFieldAndLimit();
  void examplesFitComfortably();
  void crossbarsAreCounted();
};

void TestFootprint::tightestLimitIsTheBudget() {
  MemoryLimits l;
  l.memAvailable = 20e9;
  l.addressLimit = 4e9;
  l.addressUsed = 0.1e9;
  QCOMPARE(budgetFrom(l).bytes, 0.9 * (3.9e9 - 64e6));
  QVERIFY(budgetFrom(l).limit.find("ulimit -v") != std::string::npos);
  l.cgroupLimit = 2e9;
  l.cgroupUsage = 0.5e9;
  l.cgroupFile = "/sys/fs/cgroup/memory.max";
  QCOMPARE(budgetFrom(l).bytes, 0.9 * 1.5e9);
  QVERIFY(budgetFrom(l).limit.find("memory.max") != std::string::npos);
  l.memAvailable = 1e9;  // memory already in use elsewhere on the machine
  QCOMPARE(budgetFrom(l).bytes, 0.9 * 1e9);
  l.dataLimit = 0.5e9;
  l.dataUsed = 0.1e9;
  QCOMPARE(budgetFrom(l).bytes, 0.9 * 0.4e9);
  QVERIFY(budgetFrom(l).limit.find("ulimit -d") != std::string::npos);
}

void TestFootprint::cgroupV2IsRead() {
  QTemporaryDir root;
  const QString proc = root.filePath("proc"), cg = root.filePath("cgroup");
  write(proc + "/self/cgroup", "0::/job/step\n");
  write(proc + "/meminfo", "MemTotal: 32000000 kB\nMemAvailable: 30000000 kB\n");
  write(proc + "/self/statm", "1000 100 50 10 0 200 0\n");
  write(cg + "/cgroup.controllers", "memory\n");
  write(cg + "/job/memory.max", "2147483648\n");
  write(cg + "/job/memory.current", "1073741824\n");
  write(cg + "/job/memory.stat", "anon 1\ninactive_file 536870912\n");
  write(cg + "/job/step/memory.max", "max\n");
  const MemoryLimits l = readMemoryLimits(proc.toStdString(), cg.toStdString());
  QVERIFY(l.cgroupLimit);
  QCOMPARE(*l.cgroupLimit, 2147483648.0);
  QCOMPARE(*l.cgroupUsage, 1073741824.0 - 536870912.0);  // reclaimable page cache is free
  QVERIFY(l.cgroupFile.find("job/memory.max") != std::string::npos);
  QCOMPARE(*l.memAvailable, 30000000.0 * 1024);
  QCOMPARE(*l.addressUsed, 1000.0 * static_cast<double>(sysconf(_SC_PAGESIZE)));
}

void TestFootprint::cgroupV1IsRead() {
  QTemporaryDir root;
  const QString proc = root.filePath("proc"), cg = root.filePath("cgroup");
  write(proc + "/self/cgroup", "4:memory:/docker/abc\n1:cpu:/\n0::/\n");
  write(proc + "/meminfo", "MemAvailable: 1000 kB\n");
  write(cg + "/memory/docker/abc/memory.limit_in_bytes", "3000000000\n");
  write(cg + "/memory/docker/abc/memory.usage_in_bytes", "1000000000\n");
  write(cg + "/memory/memory.limit_in_bytes", "9223372036854771712\n");  // no limit
  const MemoryLimits l = readMemoryLimits(proc.toStdString(), cg.toStdString());
  QVERIFY(l.cgroupLimit);
  QCOMPARE(*l.cgroupLimit, 3e9);
  QCOMPARE(*l.cgroupUsage, 1e9);
}

void TestFootprint::chunkBuffersAreCounted() {
  // dt = 1e-6 ms: a chunk of 1000 ms is 1e9 steps; each of the 2 populations counts spikes per
  // step in 4-byte counters, once per thread and once merged.
  const Project p = network(R"({"id": "a", "model": "lif", "size": 10},
                               {"id": "b", "model": "lif", "size": 10})",
                            "", "", 1e-6, 1000);
  const NetworkFootprint f = estimateFootprint(p, {.threads = 2});
  const FootprintPart* chunk = part(f, "", "dt");
  QVERIFY(chunk);
  SNN_COMPARE_NEAR(chunk->bytes, 1e9 * 2 * 3 * 4, 1e3);
  QVERIFY(f.bytes >= 24e9);
}

void TestFootprint::spikeRecordingsAreCounted() {
  // 1000 Poisson sources at 50 Hz for 100 s: 5e6 spikes of 12 bytes (int64 step, int32 neuron);
  // 500 LIF neurons at the assumed rate.
  const Project p = network(R"({"id": "in", "model": "poisson", "size": 1000,
                                "params": {"rate": 50}},
                               {"id": "n", "model": "lif", "size": 500})",
                            "", R"({"type": "spikes", "target": "in"},
                                   {"type": "spikes", "target": "n"})",
                            0.1, 100000);
  QVERIFY(!part(estimateFootprint(p), "0", "target"));  // a chunk at a time: nothing grows
  const NetworkFootprint f = estimateFootprint(p, {.keepRecording = true});
  QVERIFY(part(f, "0", "target"));
  SNN_COMPARE_NEAR(part(f, "0", "target")->bytes, 1000 * 50 * 100 * 12.0, 1e-3);
  SNN_COMPARE_NEAR(part(f, "1", "target")->bytes, 500 * kAssumedNeuronRateHz * 100 * 12.0, 1e-3);
}

void TestFootprint::stateTracesAreCounted() {
  // 100 traced neurons every 10 steps for 1000 steps: 100 samples of 100 floats and a step.
  const Project p =
      network(R"({"id": "n", "model": "lif", "size": 100})", "",
              R"({"type": "state", "target": "n", "variable": "v", "every": 10})", 0.1, 100);
  const NetworkFootprint f = estimateFootprint(p, {.keepRecording = true});
  QVERIFY(part(f, "0", "neurons"));
  SNN_COMPARE_NEAR(part(f, "0", "neurons")->bytes, 100 * (100 * 4.0 + 8), 1e-6);
}

void TestFootprint::hugeDelayIsFinite() {
  const Project p = network(R"({"id": "a", "model": "lif", "size": 100})",
                            R"({"id": "slow", "pre": "a", "post": "a", "connector": "one_to_one",
                                "weight": 0.1, "delay": 1e308})",
                            "", 0.1, 100);
  const NetworkFootprint f = estimateFootprint(p);
  QVERIFY(std::isfinite(f.bytes));
  QVERIFY(part(f, "slow", "delay"));
  SNN_COMPARE_NEAR(part(f, "slow", "delay")->bytes, 65536.0 * 100 * 8,
                   1e-6);  // the longest ring there is
  const std::vector<Diagnostic> d = checkFootprint(p, 1e3);
  QCOMPARE(d.size(), size_t(1));
  QVERIFY2(d[0].message.find("inf") == std::string::npos, d[0].message.c_str());
}

void TestFootprint::refusalNamesObjectFieldAndLimit() {
  // 20 000 x 20 000 all-to-all: 4e8 synapses, about 9.6 GB.
  const Project p = network(R"({"id": "a", "model": "lif", "size": 20000})",
                            R"({"id": "dense", "pre": "a", "post": "a", "connector": "all_to_all",
                                "weight": 0.1})",
                            "", 0.1, 100);
  const std::vector<Diagnostic> d = checkFootprint(p, 2e9);
  QCOMPARE(d.size(), size_t(1));
  QCOMPARE(d[0].kind, ObjectKind::Projection);
  QCOMPARE(d[0].objectId, std::string("dense"));
  QCOMPARE(d[0].field, std::string("connector"));
  QVERIFY2(d[0].message.find("9.6 GB") != std::string::npos, d[0].message.c_str());
  QVERIFY2(d[0].message.find("2 GB") != std::string::npos, d[0].message.c_str());
  QVERIFY(checkFootprint(p, 20e9).empty());
}

void TestFootprint::examplesFitComfortably() {
  // As the window runs them (every population's spikes monitored, a chunk at a time) and as
  // snnwb-cli run --spikes does (every chunk kept): well under 0.5 GB, so the estimate refuses
  // none of them on a small machine.
  const QDir examples(QString::fromStdString(test::source("resources/examples")));
  for (const QString& name : examples.entryList({"*.snnwb.json"})) {
    Project p = loadProject(examples.filePath(name).toStdString());
    for (const PopulationSpec& pop : p.network.populations)
      p.network.monitors.push_back({.type = MonitorSpec::Type::Spikes, .target = pop.id});
    for (bool keep : {false, true}) {
      const NetworkFootprint f = estimateFootprint(p, {.threads = 2, .keepRecording = keep});
      QVERIFY2(f.bytes < 0.5e9, qPrintable(QString("%1: %2 bytes").arg(name).arg(f.bytes)));
    }
  }
}

// A crossbar's devices count: linearly in rows x cols, at least the three doubles every device
// needs whatever the layout (programmed conductance, read conductance, folded matrix entry), and
// a crossbar too big for the budget is refused by name.
void TestFootprint::crossbarsAreCounted() {
  auto withCrossbar = [](int64_t rows, int64_t cols) {
    Project p = network(R"({"id": "a", "model": "lif", "size": 10})", "", "", 0.1, 10);
    CrossbarSpec c;
    c.id = "xb";
    c.rows = rows;
    c.cols = cols;
    p.network.crossbars.push_back(c);
    return p;
  };
  const FootprintPart* small = nullptr;
  const NetworkFootprint f1 = estimateFootprint(withCrossbar(100, 200));
  const NetworkFootprint f2 = estimateFootprint(withCrossbar(1000, 2000));
  QVERIFY(small = part(f1, "xb", "rows"));
  const FootprintPart* big = part(f2, "xb", "rows");
  QVERIFY(big);
  QVERIFY(small->bytes >= 3 * 8 * 100 * 200);
  SNN_COMPARE_NEAR(big->bytes, 100 * small->bytes, 1e-9 * big->bytes);
  QCOMPARE(big->kind, ObjectKind::Crossbar);
  const std::vector<Diagnostic> refused =
      checkFootprint(withCrossbar(1000, 2000), 0.5 * big->bytes, {.threads = 1});
  QCOMPARE(refused.size(), size_t(1));
  QCOMPARE(refused[0].objectId, std::string("xb"));
  QCOMPARE(refused[0].field, std::string("rows"));
}

QTEST_GUILESS_MAIN(TestFootprint)
#include "tst_footprint.moc"
