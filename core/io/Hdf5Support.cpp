#include "Hdf5Support.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "Hdf5HeapCheck.h"

namespace snn::hdf5 {

namespace {

// gzip cannot shrink data by much more than 1032:1; a dataset claiming more elements than that
// ratio allows for the file's size is corrupt (or hostile) and is refused before allocating.
constexpr uint64_t kMaxCompressionRatio = 1100;
constexpr uint64_t kSmallDatasetBytes = 1 << 20;

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what);
}

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) fail(what);
  return id;
}

void check(herr_t status, const std::string& what) {
  if (status < 0) fail(what);
}

Handle dataspace(const std::vector<int64_t>& shape) {
  if (shape.empty()) return Handle(check(H5Screate(H5S_SCALAR), "cannot create a dataspace"));
  std::vector<hsize_t> dims(shape.begin(), shape.end());
  return Handle(check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                      "cannot create a dataspace"));
}

Handle variableStringType() {
  Handle t(check(H5Tcopy(H5T_C_S1), "cannot create a string type"));
  check(H5Tset_size(t.get(), H5T_VARIABLE), "cannot create a string type");
  check(H5Tset_cset(t.get(), H5T_CSET_UTF8), "cannot create a string type");
  return t;
}

hid_t fileTypeFor(NumericType t) {
  using K = NumericType::Kind;
  if (t.kind == K::Float) return t.bytes == 4 ? H5T_IEEE_F32LE : H5T_IEEE_F64LE;
  const bool s = t.kind == K::SignedInt;
  switch (t.bytes) {
    case 1:
      return s ? H5T_STD_I8LE : H5T_STD_U8LE;
    case 2:
      return s ? H5T_STD_I16LE : H5T_STD_U16LE;
    case 4:
      return s ? H5T_STD_I32LE : H5T_STD_U32LE;
    default:
      return s ? H5T_STD_I64LE : H5T_STD_U64LE;
  }
}

Handle openDataset(hid_t parent, const std::string& name) {
  return Handle(check(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "cannot open dataset"));
}

}  // namespace

ErrorsSilenced::ErrorsSilenced() {
  H5Eget_auto2(H5E_DEFAULT, &function_, &data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

ErrorsSilenced::~ErrorsSilenced() {
  H5Eset_auto2(H5E_DEFAULT, function_, data_);
}

Handle::~Handle() {
  if (id_ < 0) return;
  switch (H5Iget_type(id_)) {
    case H5I_FILE:
      H5Fclose(id_);
      break;
    case H5I_GROUP:
      H5Gclose(id_);
      break;
    case H5I_DATASET:
      H5Dclose(id_);
      break;
    case H5I_DATASPACE:
      H5Sclose(id_);
      break;
    case H5I_DATATYPE:
      H5Tclose(id_);
      break;
    case H5I_ATTR:
      H5Aclose(id_);
      break;
    case H5I_GENPROP_LST:
      H5Pclose(id_);
      break;
    default:
      break;
  }
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    Handle old(id_);
    id_ = other.id_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}

std::string describe(const NumericType& t) {
  switch (t.kind) {
    case NumericType::Kind::Float:
      return "float" + std::to_string(8 * t.bytes);
    case NumericType::Kind::SignedInt:
      return "int" + std::to_string(8 * t.bytes);
    case NumericType::Kind::UnsignedInt:
      return "uint" + std::to_string(8 * t.bytes);
  }
  return "?";
}

Handle openForReading(const std::filesystem::path& path) {
  const std::string p = path.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) fail("cannot open '" + p + "': no such file");
  if (H5Fis_hdf5(p.c_str()) <= 0) fail("'" + p + "' is not an HDF5 file");
  const hid_t f = H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) fail("'" + p + "' cannot be opened as HDF5 (truncated or damaged)");
  return Handle(f);
}

Handle createFile(const std::filesystem::path& path) {
  const hid_t f = H5Fcreate(path.string().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (f < 0) fail("cannot create '" + path.string() + "'");
  return Handle(f);
}

std::vector<std::string> memberNames(hid_t group) {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  };
  hsize_t index = 0;
  check(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &index, collect, &names),
        "cannot list the group's members");
  return names;
}

bool exists(hid_t parent, const std::string& name) {
  return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0 &&
         H5Oexists_by_name(parent, name.c_str(), H5P_DEFAULT) > 0;
}

bool isGroup(hid_t parent, const std::string& name) {
  if (!exists(parent, name)) return false;
  Handle obj(H5Oopen(parent, name.c_str(), H5P_DEFAULT));
  return obj.valid() && H5Iget_type(obj.get()) == H5I_GROUP;
}

std::vector<int64_t> shapeOf(hid_t dataset) {
  Handle space(check(H5Dget_space(dataset), "cannot read the dataset's shape"));
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) fail("cannot read the dataset's shape");
  if (rank > 32) fail("has " + std::to_string(rank) + " dimensions (at most 32 are allowed)");
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  if (H5Sget_simple_extent_type(space.get()) == H5S_NULL) fail("holds no dataspace (null)");
  return {dims.begin(), dims.end()};
}

uint64_t fileSize(hid_t object) {
  const hid_t file = H5Iget_file_id(object);
  if (file < 0) return 0;
  Handle f(file);
  hsize_t size = 0;
  H5Fget_filesize(f.get(), &size);
  return size;
}

DatasetInfo inspect(hid_t parent, const std::string& name) {
  DatasetInfo info;
  Handle d = openDataset(parent, name);
  info.shape = shapeOf(d.get());
  uint64_t count = 1;
  for (int64_t n : info.shape) {
    const auto u = static_cast<uint64_t>(n);
    if (u != 0 && count > std::numeric_limits<uint64_t>::max() / u)
      fail("claims too many elements");
    count *= u;
  }
  Handle type(check(H5Dget_type(d.get()), "cannot read the dataset's type"));
  const H5T_class_t cls = H5Tget_class(type.get());
  const size_t bytes = H5Tget_size(type.get());
  if (cls == H5T_FLOAT && (bytes == 4 || bytes == 8)) {
    info.cls = DatasetInfo::Class::Numeric;
    info.numeric = {NumericType::Kind::Float, static_cast<int>(bytes)};
  } else if (cls == H5T_INTEGER && bytes <= 8) {
    info.cls = DatasetInfo::Class::Numeric;
    info.numeric = {H5Tget_sign(type.get()) == H5T_SGN_NONE ? NumericType::Kind::UnsignedInt
                                                            : NumericType::Kind::SignedInt,
                    static_cast<int>(bytes)};
  } else if (cls == H5T_STRING) {
    info.cls = DatasetInfo::Class::String;
  }
  info.typeText = info.cls == DatasetInfo::Class::Numeric  ? describe(info.numeric)
                  : info.cls == DatasetInfo::Class::String ? "string"
                  : cls == H5T_ENUM                        ? "enum (e.g. bool)"
                  : cls == H5T_COMPOUND                    ? "compound"
                                                           : "an unsupported HDF5 type";
  // Storage needed in memory against what the file can hold. A variable-length string takes at
  // least its 16-byte global-heap ID (length, heap address, index) in the file, and one heap
  // lookup to read.
  const bool variableString = cls == H5T_STRING && H5Tis_variable_str(type.get()) > 0;
  const uint64_t elementBytes = variableString                           ? 16
                                : info.cls == DatasetInfo::Class::String ? 1
                                                                         : bytes;
  const uint64_t claimed = count * std::max<uint64_t>(1, elementBytes);
  const uint64_t limit = std::max(kSmallDatasetBytes, fileSize(d.get()) * kMaxCompressionRatio);
  if (claimed > limit)
    fail("claims " + std::to_string(count) + " elements, more than a file of this size can hold");
  info.count = static_cast<int64_t>(count);
  return info;
}

std::vector<std::string> readStrings(hid_t parent, const std::string& name) {
  const DatasetInfo info = inspect(parent, name);
  if (info.cls != DatasetInfo::Class::String) fail("is " + info.typeText + ", not a string");
  Handle d = openDataset(parent, name);
  Handle fileType(check(H5Dget_type(d.get()), "cannot read the dataset's type"));
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(info.count));
  if (info.count == 0) return out;
  if (H5Tis_variable_str(fileType.get()) > 0) {
    checkVariableStringHeap(d.get(), info.count);  // libhdf5 1.10 hangs on a damaged heap
    Handle mem = variableStringType();
    H5Tset_cset(mem.get(), H5Tget_cset(fileType.get()));
    std::vector<char*> raw(static_cast<size_t>(info.count), nullptr);
    if (H5Dread(d.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0)
      fail("cannot be read (truncated or damaged)");
    for (char* s : raw) out.emplace_back(s ? s : "");
    Handle space(H5Dget_space(d.get()));
    H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, raw.data());
  } else {
    const size_t width = H5Tget_size(fileType.get());
    Handle mem(check(H5Tcopy(fileType.get()), "cannot read the string type"));
    std::vector<char> raw(width * static_cast<size_t>(info.count));
    if (H5Dread(d.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0)
      fail("cannot be read (truncated or damaged)");
    for (int64_t i = 0; i < info.count; ++i) {
      const char* s = raw.data() + static_cast<size_t>(i) * width;
      out.emplace_back(s, strnlen(s, width));
    }
  }
  return out;
}

std::vector<double> readDoubles(hid_t parent, const std::string& name) {
  const DatasetInfo info = inspect(parent, name);
  if (info.cls != DatasetInfo::Class::Numeric || info.numeric.kind != NumericType::Kind::Float)
    fail("is " + info.typeText + ", not a floating-point array");
  Handle d = openDataset(parent, name);
  std::vector<double> out(static_cast<size_t>(info.count));
  if (info.count == 0) return out;
  if (info.numeric.bytes == 4) {  // read as stored, widen exactly
    std::vector<float> f(out.size());
    if (H5Dread(d.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, f.data()) < 0)
      fail("cannot be read (truncated or damaged)");
    std::copy(f.begin(), f.end(), out.begin());
  } else if (H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) {
    fail("cannot be read (truncated or damaged)");
  }
  return out;
}

std::vector<int64_t> readIntegers(hid_t parent, const std::string& name) {
  const DatasetInfo info = inspect(parent, name);
  if (info.cls != DatasetInfo::Class::Numeric || info.numeric.kind == NumericType::Kind::Float)
    fail("is " + info.typeText + ", not an integer array");
  Handle d = openDataset(parent, name);
  std::vector<int64_t> out(static_cast<size_t>(info.count));
  if (info.count == 0) return out;
  if (info.numeric.kind == NumericType::Kind::UnsignedInt && info.numeric.bytes == 8) {
    std::vector<uint64_t> u(out.size());
    if (H5Dread(d.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, u.data()) < 0)
      fail("cannot be read (truncated or damaged)");
    for (size_t i = 0; i < u.size(); ++i) {
      if (u[i] > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        fail("holds an unsigned value too large for a signed 64-bit integer");
      out[i] = static_cast<int64_t>(u[i]);
    }
  } else if (H5Dread(d.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) {
    fail("cannot be read (truncated or damaged)");
  }
  return out;
}

std::string readStringAttribute(hid_t object, const std::string& name) {
  if (H5Aexists(object, name.c_str()) <= 0) return "";
  Handle a(check(H5Aopen(object, name.c_str(), H5P_DEFAULT), "cannot open attribute " + name));
  Handle type(check(H5Aget_type(a.get()), "cannot read attribute " + name));
  if (H5Tget_class(type.get()) != H5T_STRING) fail("attribute '" + name + "' is not a string");
  // A variable-length attribute's heap ID sits in the object header, where the public API cannot
  // show it, so its global heap cannot be checked (Hdf5HeapCheck.h) before libhdf5 reads it.
  if (H5Tis_variable_str(type.get()) > 0)
    fail("attribute '" + name + "' is a variable-length string, which is not read from files " +
         "(only fixed-length string attributes are)");
  const size_t width = H5Tget_size(type.get());
  std::vector<char> raw(width + 1, '\0');
  if (H5Aread(a.get(), type.get(), raw.data()) < 0) fail("cannot read attribute " + name);
  return std::string(raw.data(), strnlen(raw.data(), width));
}

void writeStrings(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                  const std::vector<int64_t>& shape) {
  Handle type = variableStringType();
  Handle space = dataspace(shape);
  Handle d(check(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT,
                            H5P_DEFAULT),
                 "cannot create dataset '" + name + "'"));
  std::vector<const char*> raw;
  raw.reserve(values.size());
  for (const std::string& s : values) raw.push_back(s.c_str());
  if (!raw.empty())
    check(H5Dwrite(d.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()),
          "cannot write dataset '" + name + "'");
}

void writeString(hid_t parent, const std::string& name, const std::string& value) {
  writeStrings(parent, name, {value}, {});
}

void writeDoubles(hid_t parent, const std::string& name, const std::vector<double>& values,
                  const std::vector<int64_t>& shape, NumericType stored) {
  Handle space = dataspace(shape);
  Handle d(check(H5Dcreate2(parent, name.c_str(), fileTypeFor(stored), space.get(), H5P_DEFAULT,
                            H5P_DEFAULT, H5P_DEFAULT),
                 "cannot create dataset '" + name + "'"));
  if (values.empty()) return;
  if (stored.kind == NumericType::Kind::Float && stored.bytes == 4) {
    // The values came from float32 (or are meant as float32): narrowing is exact for the former.
    std::vector<float> f(values.begin(), values.end());
    check(H5Dwrite(d.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, f.data()),
          "cannot write dataset '" + name + "'");
    return;
  }
  check(H5Dwrite(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        "cannot write dataset '" + name + "'");
}

void writeIntegers(hid_t parent, const std::string& name, const std::vector<int64_t>& values,
                   const std::vector<int64_t>& shape, NumericType stored) {
  Handle space = dataspace(shape);
  Handle d(check(H5Dcreate2(parent, name.c_str(), fileTypeFor(stored), space.get(), H5P_DEFAULT,
                            H5P_DEFAULT, H5P_DEFAULT),
                 "cannot create dataset '" + name + "'"));
  if (values.empty()) return;
  check(H5Dwrite(d.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        "cannot write dataset '" + name + "'");
}

void writeAttribute(hid_t object, const std::string& name, const std::string& value) {
  Handle type = variableStringType();
  Handle space = dataspace({});
  Handle a(
      check(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
            "cannot create attribute '" + name + "'"));
  const char* raw = value.c_str();
  check(H5Awrite(a.get(), type.get(), &raw), "cannot write attribute '" + name + "'");
}

void writeAttribute(hid_t object, const std::string& name, double value) {
  Handle space = dataspace({});
  Handle a(
      check(H5Acreate2(object, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
            "cannot create attribute '" + name + "'"));
  check(H5Awrite(a.get(), H5T_NATIVE_DOUBLE, &value), "cannot write attribute '" + name + "'");
}

void writeAttribute(hid_t object, const std::string& name, int64_t value) {
  Handle space = dataspace({});
  Handle a(
      check(H5Acreate2(object, name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
            "cannot create attribute '" + name + "'"));
  check(H5Awrite(a.get(), H5T_NATIVE_INT64, &value), "cannot write attribute '" + name + "'");
}

Handle createGroup(hid_t parent, const std::string& name) {
  return Handle(check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                      "cannot create group '" + name + "'"));
}

AtomicHdf5File::AtomicHdf5File(std::filesystem::path target) : target_(std::move(target)) {
  temporary_ = target_;
  temporary_ += ".tmp-" + std::to_string(::getpid());
  file_ = createFile(temporary_);
}

AtomicHdf5File::~AtomicHdf5File() {
  if (committed_) return;
  file_ = Handle();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void AtomicHdf5File::commit() {
  if (H5Fflush(file_.get(), H5F_SCOPE_GLOBAL) < 0)
    fail("writing '" + target_.string() + "' failed");
  file_ = Handle();  // closes the file
  std::error_code ec;
  std::filesystem::rename(temporary_, target_, ec);
  if (ec) fail("cannot replace '" + target_.string() + "': " + ec.message());
  committed_ = true;
}

}  // namespace snn::hdf5
