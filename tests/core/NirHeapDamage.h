#pragma once

// Damages a NIR file's global heap byte by byte, for tst_nirfile (HDF5 File Format Specification
// 3.0, III.E and IV.A.2.d): a variable-length string's raw data is its heap ID, length (4 bytes),
// collection address (8 here) and object index (4); a collection is "GCOL", version, 3 reserved
// bytes, its size (8), then objects: index (2), reference count (2), reserved (4), size (8), data.
#include <hdf5.h>

#include <cstdint>
#include <fstream>
#include <string>

namespace snn::test {

enum HeapDamage : int {
  ZeroSizeFreeSpace,    // index 0 (free space) of size 0: libhdf5 1.10 loops forever
  OversizedObject,      // the first object claims 1 MiB
  BadSignature,         // "GCOX"
  CollectionPastEnd,    // the collection claims 1 GiB
  UnknownObjectIndex,   // the heap ID names object 999
  LengthNotTheObjects,  // the heap ID's length is 2, the object holds 5 bytes
  HeapAddressPastEnd,   // the heap ID's collection address is 2^40
  CompactStorage,       // 'version' rewritten with compact storage (not damaged, uncheckable)
};

// Overwrites `width` bytes at `offset` with `value`, little-endian as HDF5 stores it.
inline void patchBytes(const std::string& path, uint64_t offset, uint64_t value, int width) {
  std::fstream io(path, std::ios::binary | std::ios::in | std::ios::out);
  io.seekp(static_cast<std::streamoff>(offset));
  for (int i = 0; i < width; ++i) io.put(static_cast<char>((value >> (8 * i)) & 0xff));
}

inline void rewriteVersionCompact(const std::string& path) {
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  H5Ldelete(f, "version", H5P_DEFAULT);
  const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  H5Pset_layout(dcpl, H5D_COMPACT);
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t d = H5Dcreate2(f, "version", type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
  const char* value = "0.1.1";
  H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value);
  H5Dclose(d);
  H5Sclose(space);
  H5Tclose(type);
  H5Pclose(dcpl);
  H5Fclose(f);
}

// Applies one damage to the 'version' string of a NIR file without a user block.
inline void damageVersionHeap(const std::string& path, HeapDamage damage) {
  if (damage == CompactStorage) return rewriteVersionCompact(path);
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, "version", H5P_DEFAULT);
  const uint64_t rawData = H5Dget_offset(d);  // the heap ID
  H5Dclose(d);
  H5Fclose(f);
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(rawData + 4));
  unsigned char address[8] = {};
  in.read(reinterpret_cast<char*>(address), 8);
  in.close();
  uint64_t collection = 0;
  for (int i = 7; i >= 0; --i) collection = (collection << 8) | address[i];
  const uint64_t firstObject = collection + 16;
  switch (damage) {
    case ZeroSizeFreeSpace:
      patchBytes(path, firstObject, 0, 2);
      patchBytes(path, firstObject + 8, 0, 8);
      break;
    case OversizedObject:
      patchBytes(path, firstObject + 8, 1 << 20, 8);
      break;
    case BadSignature:
      patchBytes(path, collection + 3, 'X', 1);
      break;
    case CollectionPastEnd:
      patchBytes(path, collection + 8, uint64_t{1} << 30, 8);
      break;
    case UnknownObjectIndex:
      patchBytes(path, rawData + 12, 999, 4);
      break;
    case LengthNotTheObjects:
      patchBytes(path, rawData, 2, 4);
      break;
    case HeapAddressPastEnd:
      patchBytes(path, rawData + 4, uint64_t{1} << 40, 8);
      break;
    case CompactStorage:
      break;
  }
}

}  // namespace snn::test
