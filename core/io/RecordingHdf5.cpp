#include "RecordingHdf5.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "Hdf5Support.h"

namespace snn {

namespace {

constexpr double kSecondsPerMs = 1e-3;

// The population's group, created on first use; `open` owns the handles.
hid_t nodeGroup(hid_t nodes, const std::string& population,
                std::map<std::string, hdf5::Handle>& open) {
  auto it = open.find(population);
  if (it != open.end()) return it->second.get();
  hdf5::Handle g = hdf5::createGroup(nodes, population);
  hdf5::writeAttribute(g.get(), "__type__", std::string("NIRNodeData"));
  hdf5::createGroup(g.get(), "observables");
  return open.emplace(population, std::move(g)).first->second.get();
}

void writeSpikes(const Recording& rec, const std::vector<int64_t>& sizes, hid_t nodes,
                 std::map<std::string, hdf5::Handle>& open) {
  const SimulationChunk& first = rec.chunks().front();
  const double dt = first.dt;
  int64_t lastStep = 0;
  for (const SimulationChunk& c : rec.chunks()) lastStep = c.firstStep + c.stepCount;
  for (size_t p = 0; p < first.populations.size(); ++p) {
    if (!first.spikesRecorded[p]) continue;
    std::vector<std::pair<int64_t, int32_t>> events;
    for (const SimulationChunk& c : rec.chunks())
      for (size_t k = 0; k < c.spikes[p].steps.size(); ++k)
        events.emplace_back(c.spikes[p].steps[k], c.spikes[p].neurons[k]);
    std::sort(events.begin(), events.end());
    std::vector<int64_t> idx, step;
    std::vector<double> time;
    for (const auto& [s, n] : events) {
      idx.push_back(n);
      step.push_back(s);
      time.push_back(static_cast<double>(s) * dt * kSecondsPerMs);
    }
    hdf5::Handle obs(
        H5Gopen2(nodeGroup(nodes, first.populations[p], open), "observables", H5P_DEFAULT));
    hdf5::Handle g = hdf5::createGroup(obs.get(), "spikes");
    hdf5::writeAttribute(g.get(), "__type__", std::string("EventData"));
    hdf5::writeAttribute(g.get(), "n_neurons", sizes.at(p));
    hdf5::writeAttribute(g.get(), "t_max", static_cast<double>(lastStep) * dt * kSecondsPerMs);
    hdf5::writeAttribute(g.get(), "dt", dt * kSecondsPerMs);
    const std::vector<int64_t> shape{1, static_cast<int64_t>(events.size())};
    const hdf5::NumericType i64{hdf5::NumericType::Kind::SignedInt, 8};
    hdf5::writeIntegers(g.get(), "idx", idx, shape, i64);
    hdf5::writeDoubles(g.get(), "time", time, shape, {hdf5::NumericType::Kind::Float, 8});
    hdf5::writeIntegers(g.get(), "step", step, shape, i64);
  }
}

void writeTraces(const Recording& rec, hid_t nodes, std::map<std::string, hdf5::Handle>& open) {
  const SimulationChunk& first = rec.chunks().front();
  std::map<std::pair<std::string, std::string>, int> seen;
  for (size_t m = 0; m < first.states.size(); ++m) {
    const StateRecord& head = first.states[m];
    std::vector<double> values, time;
    int64_t samples = 0;
    for (const SimulationChunk& c : rec.chunks()) {
      const StateRecord& r = c.states[m];
      values.insert(values.end(), r.values.begin(), r.values.end());
      for (size_t s = 0; s < r.sampleSteps.size(); ++s)
        time.push_back(r.timeMs(s, c.dt) * kSecondsPerMs);
      samples += static_cast<int64_t>(r.sampleSteps.size());
    }
    const int k = ++seen[{head.population, head.variable}];
    const std::string name = k == 1 ? head.variable : head.variable + "_" + std::to_string(k);
    hdf5::Handle obs(H5Gopen2(nodeGroup(nodes, head.population, open), "observables", H5P_DEFAULT));
    hdf5::Handle g = hdf5::createGroup(obs.get(), name);
    hdf5::writeAttribute(g.get(), "__type__", std::string("TimeGriddedData"));
    const double every = time.size() > 1 ? time[1] - time[0] : first.dt * kSecondsPerMs;
    hdf5::writeAttribute(g.get(), "dt", every);
    const auto n = static_cast<int64_t>(head.neurons.size());
    hdf5::writeDoubles(g.get(), "data", values, {1, samples, n},
                       {hdf5::NumericType::Kind::Float, 4});
    hdf5::writeDoubles(g.get(), "time", time, {samples}, {hdf5::NumericType::Kind::Float, 8});
    hdf5::writeIntegers(g.get(), "neurons", {head.neurons.begin(), head.neurons.end()}, {n},
                        {hdf5::NumericType::Kind::SignedInt, 8});
  }
}

}  // namespace

bool isHdf5Path(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".h5" || ext == ".hdf5";
}

void writeRecordingHdf5(const Recording& recording, const std::vector<int64_t>& populationSizes,
                        const std::filesystem::path& path, bool spikes, bool traces) {
  hdf5::ErrorsSilenced quiet;
  hdf5::AtomicHdf5File file(path);
  hdf5::writeAttribute(file.root(), "__type__", std::string("NIRGraphData"));
  {
    hdf5::Handle nodes = hdf5::createGroup(file.root(), "nodes");
    std::map<std::string, hdf5::Handle> open;
    if (!recording.chunks().empty()) {
      if (spikes) writeSpikes(recording, populationSizes, nodes.get(), open);
      if (traces) writeTraces(recording, nodes.get(), open);
    }
  }
  file.commit();
}

}  // namespace snn
