#include "Hdf5HeapCheck.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "Hdf5Support.h"

// Why this file exists: libhdf5 1.10.8 (Debian 12's libhdf5-103) decodes a global heap
// collection in H5HG__cache_heap_deserialize (src/H5HGcache.c) with the loop
//
//     while (image < chunk + heap->size) { ... need = (idx > 0) ? header + ALIGN(size) : size;
//                                          image = begin + need; }
//
// An object with index 0 (the free-space object) whose size field is 0 gives need == 0, and the
// loop decodes the same header forever (found by fuzzing: one changed size byte of an earlier
// object makes the walk land on zero padding). Recent upstream sources add bounds checks to this
// loop but still accept need == 0. The same 1.10 code only asserts, in debug builds, that a heap
// ID's object index exists (H5HG_read), and copies the object's stored size into a buffer sized
// by the heap ID's length (H5T__conv_vlen): a damaged index or length reads or writes out of
// bounds (on lif_norse.nir, index 999 read as "" and length 2 as "0.", both without an error).
//
// So, before libhdf5 dereferences any heap ID, we check the IDs and the collections they name
// against the HDF5 File Format Specification, version 3.0: section III.E "Global Heap" (a
// collection is "GCOL", version 1, three reserved bytes, its size in "size of lengths" bytes,
// then objects: index (2 bytes), reference count (2), reserved (4), size ("size of lengths"
// bytes), data padded to a multiple of 8; index 0 is the free space and its size includes its
// header; the minimum collection size is 4096) and section IV.A.2.d "Datatype Message", class 9
// (a variable-length element is stored as its length (4 bytes) and a global heap ID: collection
// address ("size of offsets" bytes, relative to the base address) and object index (4 bytes)).
// The walk below visits the objects exactly as libhdf5 does, so when ours ends with every object
// inside the collection, libhdf5's ends too. Nothing else of HDF5 is reimplemented here.

namespace snn::hdf5 {

namespace {

constexpr char kHeapSignature[4] = {'G', 'C', 'O', 'L'};
constexpr uint8_t kHeapCollectionVersion = 1;
constexpr uint64_t kMinHeapCollectionBytes = 4096;
constexpr uint64_t kHeapObjectAlignment = 8;
constexpr unsigned kHeapIdLengthBytes = 4;  // a heap ID's sequence length
constexpr unsigned kHeapIdIndexBytes = 4;   // a heap ID's object index

[[noreturn]] void heapFail(const std::string& what) {
  throw std::runtime_error(what);
}

std::string byteText(uint64_t offset) {
  return "byte " + std::to_string(offset);
}

// The file as libhdf5 opened it (the same descriptor), with the sizes its superblock declares.
struct RawHdf5File {
  int fd = -1;
  uint64_t bytes = 0;  // size on disk
  uint64_t base = 0;   // every HDF5 address is relative to this (the user block's size)
  unsigned offsetBytes = 8;
  unsigned lengthBytes = 8;
};

bool isHdf5FieldWidth(size_t n) {
  return n == 2 || n == 4 || n == 8;
}

RawHdf5File rawHdf5FileOf(hid_t dataset) {
  Handle file(H5Iget_file_id(dataset));
  if (!file.valid()) heapFail("cannot find the file the dataset is in");
  Handle access(H5Fget_access_plist(file.get()));
  if (!access.valid() || H5Pget_driver(access.get()) != H5FD_SEC2)
    heapFail("cannot be checked (the file is not opened by HDF5's default driver)");
  void* handle = nullptr;
  if (H5Fget_vfd_handle(file.get(), H5P_DEFAULT, &handle) < 0 || handle == nullptr)
    heapFail("cannot be checked (no file descriptor)");
  RawHdf5File raw;
  raw.fd = *static_cast<int*>(handle);
  struct stat st {};
  if (fstat(raw.fd, &st) != 0) heapFail("cannot be checked (the file cannot be examined)");
  raw.bytes = static_cast<uint64_t>(st.st_size);
  Handle creation(H5Fget_create_plist(file.get()));
  size_t offsets = 0;
  size_t lengths = 0;
  hsize_t userBlock = 0;
  if (!creation.valid() || H5Pget_sizes(creation.get(), &offsets, &lengths) < 0 ||
      H5Pget_userblock(creation.get(), &userBlock) < 0)
    heapFail("cannot be checked (the file's superblock cannot be read)");
  if (!isHdf5FieldWidth(offsets) || !isHdf5FieldWidth(lengths))
    heapFail("cannot be checked (the superblock declares " + std::to_string(offsets) +
             "-byte addresses and " + std::to_string(lengths) + "-byte lengths)");
  raw.offsetBytes = static_cast<unsigned>(offsets);
  raw.lengthBytes = static_cast<unsigned>(lengths);
  raw.base = userBlock;
  return raw;
}

// `size` bytes at absolute file offset `offset`, refused before allocating if the file is
// shorter.
std::vector<uint8_t> readFileBytes(const RawHdf5File& raw, uint64_t offset, uint64_t size,
                                   const std::string& what) {
  if (offset > raw.bytes || size > raw.bytes - offset)
    heapFail(what + " (" + std::to_string(size) + " bytes at " + byteText(offset) +
             ") runs past the end of the file (" + std::to_string(raw.bytes) + " bytes)");
  std::vector<uint8_t> out(static_cast<size_t>(size));
  for (uint64_t done = 0; done < size;) {
    const ssize_t n = pread(raw.fd, out.data() + done, static_cast<size_t>(size - done),
                            static_cast<off_t>(offset + done));
    if (n <= 0) heapFail(what + " (at " + byteText(offset) + ") cannot be read");
    done += static_cast<uint64_t>(n);
  }
  return out;
}

// Little-endian unsigned field of `n` (<= 8) bytes, as every HDF5 field is stored.
uint64_t littleEndian(const uint8_t* p, unsigned n) {
  uint64_t v = 0;
  for (unsigned i = n; i-- > 0;) v = (v << 8) | p[i];
  return v;
}

// Object index -> stored size of every object in one collection.
using HeapCollection = std::map<uint64_t, uint64_t>;

// Walks the collection at `address`, adding its size to `walked`: the collections of a sound
// file do not overlap, so together they are no larger than the file, which bounds the work.
HeapCollection walkHeapCollection(const RawHdf5File& raw, uint64_t address, uint64_t& walked) {
  if (address >= raw.bytes || raw.base > raw.bytes - address)
    heapFail("points into a global heap collection at address " + std::to_string(address) +
             ", past the end of the file (" + std::to_string(raw.bytes) + " bytes)");
  const uint64_t start = raw.base + address;
  const std::string collection = "points into a damaged global heap: the collection";
  const std::string where = collection + " at " + byteText(start);
  const uint64_t headerBytes = sizeof(kHeapSignature) + 1 + 3 + raw.lengthBytes;
  const std::vector<uint8_t> header = readFileBytes(raw, start, headerBytes, collection);
  if (std::memcmp(header.data(), kHeapSignature, sizeof(kHeapSignature)) != 0)
    heapFail(where + " lacks the GCOL signature");
  if (header[4] != kHeapCollectionVersion)
    heapFail(where + " has version " + std::to_string(header[4]) + " (1 expected)");
  const uint64_t size = littleEndian(header.data() + 8, raw.lengthBytes);
  if (size < kMinHeapCollectionBytes)
    heapFail(where + " claims " + std::to_string(size) + " bytes, less than the minimum of 4096");
  const std::vector<uint8_t> bytes = readFileBytes(raw, start, size, collection);
  if (size > raw.bytes - std::min(raw.bytes, walked))
    heapFail(where + " overlaps the other collections its strings point into");
  walked += size;

  // The same walk as H5HG__cache_heap_deserialize, refusing what would make it stall or leave
  // the collection.
  const uint64_t objectHeaderBytes = 2 + 2 + 4 + raw.lengthBytes;
  HeapCollection objects;
  uint64_t p = headerBytes;
  while (p < size) {
    if (size - p < objectHeaderBytes) break;  // too small for a header: trailing free space
    const uint64_t index = littleEndian(bytes.data() + p, 2);
    const uint64_t objectSize = littleEndian(bytes.data() + p + 8, raw.lengthBytes);
    const auto refuse = [&](const std::string& why) {
      heapFail(where + ": object " + std::to_string(index) + " at " + byteText(start + p) +
               " claims " + std::to_string(objectSize) + " bytes, " + why);
    };
    uint64_t need = 0;
    if (index == 0) {  // free space; its size includes its own header
      if (objectSize < objectHeaderBytes)
        refuse("less than its own header (libhdf5 would loop here forever)");
      need = objectSize;
    } else {
      if (objectSize > size - p - objectHeaderBytes) refuse("more than the collection holds");
      const uint64_t padded = (objectSize + kHeapObjectAlignment - 1) / kHeapObjectAlignment;
      need = objectHeaderBytes + padded * kHeapObjectAlignment;
      objects[index] = objectSize;
    }
    if (need > size - p) refuse("running past the collection's end");
    p += need;
  }
  return objects;
}

}  // namespace

void checkVariableStringHeap(hid_t dataset, int64_t count) {
  if (count <= 0) return;
  H5D_space_status_t status{};
  if (H5Dget_space_status(dataset, &status) < 0 || status != H5D_SPACE_STATUS_ALLOCATED)
    heapFail("holds variable-length strings that were never (or only partly) written");
  // Contiguous, allocated storage only: its heap IDs are `count` consecutive records at this
  // absolute offset (H5Dget_offset includes the base address). Compact and chunked storage keep
  // them where the public API cannot show the raw bytes, and reading a chunked dataset's fill
  // value would go through the heap too; no real NIR file uses either for strings.
  const haddr_t offset = H5Dget_offset(dataset);
  if (offset == HADDR_UNDEF)
    heapFail(
        "stores variable-length strings in compact, chunked or external storage, which cannot "
        "be checked for damage (only contiguous storage is read)");
  const RawHdf5File raw = rawHdf5FileOf(dataset);
  const uint64_t idBytes = kHeapIdLengthBytes + raw.offsetBytes + kHeapIdIndexBytes;
  const auto n = static_cast<uint64_t>(count);
  if (n > raw.bytes / idBytes)
    heapFail("claims " + std::to_string(n) + " strings, more heap IDs than the file holds");
  const std::vector<uint8_t> ids = readFileBytes(raw, offset, n * idBytes, "raw data");

  std::map<uint64_t, HeapCollection> collections;  // by address: each one is walked once
  uint64_t walked = 0;
  for (uint64_t i = 0; i < n; ++i) {
    const uint8_t* id = ids.data() + i * idBytes;
    const uint64_t length = littleEndian(id, kHeapIdLengthBytes);
    const uint64_t address = littleEndian(id + kHeapIdLengthBytes, raw.offsetBytes);
    const uint64_t index =
        littleEndian(id + kHeapIdLengthBytes + raw.offsetBytes, kHeapIdIndexBytes);
    if (address == 0) continue;  // a null string: libhdf5 reads no heap for it
    auto found = collections.find(address);
    if (found == collections.end())
      found = collections.emplace(address, walkHeapCollection(raw, address, walked)).first;
    const std::string element = "is damaged: string " + std::to_string(i);
    const auto object = found->second.find(index);
    if (object == found->second.end())
      heapFail(element + " refers to object " + std::to_string(index) +
               ", which its global heap collection at " + byteText(raw.base + address) +
               " does not hold");
    if (object->second != length)
      heapFail(element + " claims " + std::to_string(length) +
               " bytes but its global heap object " + "holds " + std::to_string(object->second));
  }
}

}  // namespace snn::hdf5
