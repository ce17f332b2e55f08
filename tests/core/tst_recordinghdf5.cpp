// Recordings as HDF5 (core/io/RecordingHdf5): the file, read back with the HDF5 C API alone,
// holds exactly the run's spikes and samples in NIR's NIRGraphData layout.
#include <hdf5.h>

#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"
#include "io/Hdf5Support.h"
#include "io/RecordingHdf5.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

using namespace snn;

namespace {

template <class T>
std::vector<T> readAll(hid_t file, const std::string& path, hid_t memType,
                       std::vector<hsize_t>* dims = nullptr) {
  const hid_t d = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
  if (d < 0) return {};
  const hid_t space = H5Dget_space(d);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if (dims) {
    dims->resize(static_cast<size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, dims->data(), nullptr);
  }
  std::vector<T> out(static_cast<size_t>(n));
  if (n > 0) H5Dread(d, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
  H5Sclose(space);
  H5Dclose(d);
  return out;
}

std::string stringAttribute(hid_t file, const std::string& object, const char* name) {
  const hid_t a = H5Aopen_by_name(file, object.c_str(), name, H5P_DEFAULT, H5P_DEFAULT);
  if (a < 0) return "";
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);  // as h5py and the writer store text
  char* s = nullptr;
  H5Aread(a, type, &s);
  std::string out = s ? s : "";
  H5free_memory(s);
  H5Tclose(type);
  H5Aclose(a);
  return out;
}

double numberAttribute(hid_t file, const std::string& object, const char* name) {
  const hid_t a = H5Aopen_by_name(file, object.c_str(), name, H5P_DEFAULT, H5P_DEFAULT);
  double v = -1;
  H5Aread(a, H5T_NATIVE_DOUBLE, &v);
  H5Aclose(a);
  return v;
}

}  // namespace

class TestRecordingHdf5 : public QObject {
  Q_OBJECT

 private slots:
  void fileHoldsTheRunsSpikesAndSamples() {
    const Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
      "populations": [
        {"id": "noise", "model": "poisson", "size": 40, "params": {"rate": 80}},
        {"id": "lif", "model": "lif", "size": 10, "params": {"tau_m": 10, "v_thresh": -60}}],
      "projections": [{"id": "in", "pre": "noise", "post": "lif",
                       "connector": {"type": "random", "p": 0.5}, "weight": 0.4}],
      "monitors": [{"type": "spikes", "target": "noise"}, {"type": "spikes", "target": "lif"},
                   {"type": "state", "target": "lif", "variable": "v", "neurons": [2, 7],
                    "every": 3}]},
      "experiment": {"dt": 0.1, "duration": 250, "seed": 5}})");
    CompileResult compiled = compile(p);
    QVERIFY(compiled.ok());
    Simulator sim(std::move(compiled.network));
    Recording rec;
    for (int i = 0; i < 3; ++i) rec.append(sim.run(i == 2 ? 500 : 1000));  // uneven chunks
    QTemporaryDir dir;
    const std::string path = dir.filePath("run.h5").toStdString();
    QVERIFY(isHdf5Path(path));
    writeRecordingHdf5(rec, {40, 10}, path, true, true);

    const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    QVERIFY(f >= 0);
    QCOMPARE(stringAttribute(f, "/", "__type__"), std::string("NIRGraphData"));
    for (size_t pop = 0; pop < 2; ++pop) {
      const std::string id = pop == 0 ? "noise" : "lif";
      const std::string g = "/nodes/" + id + "/observables/spikes";
      QCOMPARE(stringAttribute(f, "/nodes/" + id, "__type__"), std::string("NIRNodeData"));
      QCOMPARE(stringAttribute(f, g, "__type__"), std::string("EventData"));
      QCOMPARE(numberAttribute(f, g, "n_neurons"), pop == 0 ? 40.0 : 10.0);
      SNN_COMPARE_NEAR(numberAttribute(f, g, "t_max"), 0.25, 1e-15);
      std::vector<hsize_t> dims;
      const auto idx = readAll<int64_t>(f, g + "/idx", H5T_NATIVE_INT64, &dims);
      const auto time = readAll<double>(f, g + "/time", H5T_NATIVE_DOUBLE);
      const auto step = readAll<int64_t>(f, g + "/step", H5T_NATIVE_INT64);
      // The run's own spikes, chunk after chunk, in time order.
      std::vector<std::pair<int64_t, int64_t>> expected;
      for (const SimulationChunk& c : rec.chunks())
        for (size_t k = 0; k < c.spikes[pop].steps.size(); ++k)
          expected.emplace_back(c.spikes[pop].steps[k], c.spikes[pop].neurons[k]);
      QVERIFY(expected.size() > 20);
      QCOMPARE(dims, (std::vector<hsize_t>{1, expected.size()}));
      for (size_t k = 0; k < expected.size(); ++k) {
        QCOMPARE(step[k], expected[k].first);
        QCOMPARE(idx[k], expected[k].second);
        QCOMPARE(time[k], static_cast<double>(expected[k].first) * 0.1 * 1e-3);
      }
    }
    const std::string v = "/nodes/lif/observables/v";
    QCOMPARE(stringAttribute(f, v, "__type__"), std::string("TimeGriddedData"));
    SNN_COMPARE_NEAR(numberAttribute(f, v, "dt"), 3 * 0.1e-3, 1e-15);
    std::vector<hsize_t> dims;
    const auto data = readAll<float>(f, v + "/data", H5T_NATIVE_FLOAT, &dims);
    const auto neurons = readAll<int64_t>(f, v + "/neurons", H5T_NATIVE_INT64);
    const auto time = readAll<double>(f, v + "/time", H5T_NATIVE_DOUBLE);
    QCOMPARE(neurons, (std::vector<int64_t>{2, 7}));
    std::vector<float> values;
    std::vector<double> times;
    for (const SimulationChunk& c : rec.chunks()) {
      const StateRecord& r = c.states[0];
      values.insert(values.end(), r.values.begin(), r.values.end());
      for (size_t s = 0; s < r.sampleSteps.size(); ++s) times.push_back(r.timeMs(s, c.dt) * 1e-3);
    }
    QCOMPARE(dims, (std::vector<hsize_t>{1, times.size(), 2}));
    QCOMPARE(data, values);  // float32 as recorded: bit for bit
    QCOMPARE(time, times);
    H5Fclose(f);
  }

  void spikesOnlyLeaveTracesOut() {
    const Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
      "populations": [{"id": "src", "model": "spike_source", "size": 2,
                       "params": {"spike_times": [[1, 2], [1.5]]}}],
      "monitors": [{"type": "spikes", "target": "src"}]},
      "experiment": {"dt": 0.1, "duration": 5}})");
    CompileResult compiled = compile(p);
    QVERIFY(compiled.ok());
    Simulator sim(std::move(compiled.network));
    Recording rec;
    rec.append(sim.run(50));
    QTemporaryDir dir;
    const std::string path = dir.filePath("s.h5").toStdString();
    writeRecordingHdf5(rec, {2}, path, true, false);
    const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    QCOMPARE(readAll<int64_t>(f, "/nodes/src/observables/spikes/step", H5T_NATIVE_INT64),
             (std::vector<int64_t>{10, 15, 20}));
    QCOMPARE(readAll<int64_t>(f, "/nodes/src/observables/spikes/idx", H5T_NATIVE_INT64),
             (std::vector<int64_t>{0, 1, 0}));
    H5Fclose(f);
  }

  void unwritableTargetIsNamedAndLeavesNothing() {
    Recording rec;
    try {
      writeRecordingHdf5(rec, {}, "/nonexistent/dir/run.h5", true, true);
      QFAIL("must fail");
    } catch (const std::exception& e) {
      QVERIFY2(QString(e.what()).contains("/nonexistent/dir/run.h5"), e.what());
    }
  }

  // An attribute's heap ID lives in the object header, out of the heap check's reach: a
  // variable-length string attribute is refused before libhdf5 touches the heap, a fixed-length
  // one is read.
  void variableLengthStringAttributesAreRefused() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("attributes.h5").toStdString();
    {
      const hdf5::Handle f = hdf5::createFile(path);
      hdf5::writeAttribute(f.get(), "variable", std::string("NIRNodeData"));
      const hid_t type = H5Tcopy(H5T_C_S1);
      H5Tset_size(type, 5);
      const hid_t space = H5Screate(H5S_SCALAR);
      const hid_t a = H5Acreate2(f.get(), "fixed", type, space, H5P_DEFAULT, H5P_DEFAULT);
      H5Awrite(a, type, "spike");
      H5Aclose(a);
      H5Sclose(space);
      H5Tclose(type);
    }
    hdf5::ErrorsSilenced quiet;
    const hdf5::Handle f = hdf5::openForReading(path);
    QCOMPARE(hdf5::readStringAttribute(f.get(), "fixed"), std::string("spike"));
    try {
      hdf5::readStringAttribute(f.get(), "variable");
      QFAIL("a variable-length string attribute must be refused");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains("attribute 'variable' is a variable-length string"),
               e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestRecordingHdf5)
#include "tst_recordinghdf5.moc"
