#pragma once

#include <hdf5.h>

#include <cstdint>

namespace snn::hdf5 {

// Checks the global heap objects that a dataset of variable-length strings points to, before
// libhdf5 reads them. Each element of such a dataset is stored in the file as a heap ID (length,
// collection address, object index); reading it makes libhdf5 decode the whole global heap
// collection, and libhdf5 1.10 (Debian 12) loops forever on a collection whose objects do not
// progress (see Hdf5HeapCheck.cpp). This reads the heap IDs and every collection they name from
// the file's bytes and checks them against the HDF5 file format specification, so that a damaged
// file gives an error instead of a hang, a crash or a wrong string.
//
// Only contiguous, allocated storage can be checked through the public API (H5Dget_offset); any
// other storage of variable-length strings (compact, chunked, external, virtual, or never
// written) is refused. Throws std::runtime_error saying what is damaged; the caller adds the file
// and dataset names. `count` is the dataset's element count (already checked against the file).
void checkVariableStringHeap(hid_t dataset, int64_t count);

}  // namespace snn::hdf5
