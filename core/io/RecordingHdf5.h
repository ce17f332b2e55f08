#pragma once

#include <filesystem>
#include <vector>

#include "RecordingCsv.h"

namespace snn {

// Recorded spikes and traces as HDF5, in the layout of NIR's NIRGraphData (nir/serialization.py,
// write_data; docs/nir.md, "Recordings"), so that `nir.read_data(file)` opens it:
//
//   /                        attr __type__ = "NIRGraphData"
//   /nodes/<population>/     attr __type__ = "NIRNodeData"
//     observables/spikes/    attr __type__ = "EventData", n_neurons, t_max (s), dt (s)
//       idx   int64  (1, n)  neuron of each spike, in time order (then neuron)
//       time  float64 (1, n) spike time in s (step * dt, the workbench's label)
//       step  int64  (1, n)  the same time as a whole step (exact)
//     observables/<variable>/ attr __type__ = "TimeGriddedData", dt (s: the sampling interval)
//       data    float32 (1, samples, neurons)  the state monitor's samples
//       time    float64 (samples,)             sample times in s ((step + 1) * dt)
//       neurons int64 (neurons,)               which neurons were traced
//
// NIR's data unit of time is the second; values keep the workbench's units (mV, nA). Written
// atomically. A second monitor of the same variable gets the group name "<variable>_2".
bool isHdf5Path(const std::filesystem::path& path);  // ends in .h5 or .hdf5

void writeRecordingHdf5(const Recording& recording, const std::vector<int64_t>& populationSizes,
                        const std::filesystem::path& path, bool spikes, bool traces);

}  // namespace snn
