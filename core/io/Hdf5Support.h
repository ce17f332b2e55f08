#pragma once

#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace snn::hdf5 {

// Small RAII layer over the HDF5 C API shared by the NIR files and the HDF5 recordings. Every
// function throws std::runtime_error with the file and object named; HDF5's own error stack is
// never printed (ErrorsSilenced).

// Switches HDF5's automatic error printing off for the lifetime of the object (and restores the
// caller's handler afterwards), so a malformed file gives our message and not a stack dump.
class ErrorsSilenced {
 public:
  ErrorsSilenced();
  ~ErrorsSilenced();
  ErrorsSilenced(const ErrorsSilenced&) = delete;
  ErrorsSilenced& operator=(const ErrorsSilenced&) = delete;

 private:
  H5E_auto2_t function_ = nullptr;
  void* data_ = nullptr;
};

// An HDF5 identifier closed by the matching H5*close when the handle goes.
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  ~Handle();
  Handle(Handle&& other) noexcept : id_(other.id_) { other.id_ = H5I_INVALID_HID; }
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

// What a numeric dataset holds, exactly as stored.
struct NumericType {
  enum class Kind { Float, SignedInt, UnsignedInt };
  Kind kind = Kind::Float;
  int bytes = 8;
  bool operator==(const NumericType&) const = default;
};
std::string describe(const NumericType& t);  // "float32", "int64", ...

// Opens an existing file read-only; throws "'path' is not an HDF5 file" (or cannot be opened).
Handle openForReading(const std::filesystem::path& path);
// Creates (truncates) a file.
Handle createFile(const std::filesystem::path& path);

// Names of the links in a group, in name order (as h5py lists them).
std::vector<std::string> memberNames(hid_t group);
bool isGroup(hid_t parent, const std::string& name);
bool exists(hid_t parent, const std::string& name);

// The shape (empty for a scalar) and element count of a dataset, and the file's size.
std::vector<int64_t> shapeOf(hid_t dataset);
uint64_t fileSize(hid_t anyObjectInFile);

// A dataset as found in the file, before anything is read: what kind of values, their exact
// stored type, the shape and element count. Sizes are checked against the file's size (a dataset
// cannot claim more elements than the file could hold, allowing for compression) so that no
// allocation follows a size the file merely claims.
struct DatasetInfo {
  enum class Class { Numeric, String, Other };
  Class cls = Class::Other;
  NumericType numeric;
  std::vector<int64_t> shape;  // empty: scalar
  int64_t count = 1;
  std::string typeText;  // "float32", "string", "compound", ... for messages
};
DatasetInfo inspect(hid_t parent, const std::string& name);
std::vector<std::string> readStrings(hid_t parent, const std::string& name);
// Float datasets, read in their stored precision and widened exactly to double.
std::vector<double> readDoubles(hid_t parent, const std::string& name);
// Integer datasets of up to 8 bytes (unsigned values above INT64_MAX are refused).
std::vector<int64_t> readIntegers(hid_t parent, const std::string& name);
// A fixed-length string attribute, or "" when the object has none by that name. Variable-length
// string attributes are refused: their heap cannot be checked first (Hdf5HeapCheck.h).
std::string readStringAttribute(hid_t object, const std::string& name);

// Writing helpers; shape empty = scalar dataspace.
void writeString(hid_t parent, const std::string& name, const std::string& value);
void writeStrings(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                  const std::vector<int64_t>& shape);
void writeDoubles(hid_t parent, const std::string& name, const std::vector<double>& values,
                  const std::vector<int64_t>& shape, NumericType stored);
void writeIntegers(hid_t parent, const std::string& name, const std::vector<int64_t>& values,
                   const std::vector<int64_t>& shape, NumericType stored);
void writeAttribute(hid_t object, const std::string& name, const std::string& value);
void writeAttribute(hid_t object, const std::string& name, double value);
void writeAttribute(hid_t object, const std::string& name, int64_t value);
Handle createGroup(hid_t parent, const std::string& name);

// Writes an HDF5 file through a temporary sibling renamed over the target by commit() (as
// AtomicFile does for text), so a failed write never leaves half a file.
class AtomicHdf5File {
 public:
  explicit AtomicHdf5File(std::filesystem::path target);
  ~AtomicHdf5File();
  AtomicHdf5File(const AtomicHdf5File&) = delete;
  AtomicHdf5File& operator=(const AtomicHdf5File&) = delete;
  hid_t root() const { return file_.get(); }
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  Handle file_;
  bool committed_ = false;
};

}  // namespace snn::hdf5
