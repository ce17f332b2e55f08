#include "IdxFile.h"

#include <zlib.h>

#include <memory>
#include <stdexcept>

namespace snn {

namespace {

struct GzCloser {
  void operator()(gzFile f) const { gzclose(f); }
};

std::string label(const std::filesystem::path& p) {
  return "'" + p.string() + "'";
}

}  // namespace

IdxArray readIdxFile(const std::filesystem::path& path) {
  std::unique_ptr<gzFile_s, GzCloser> f(gzopen(path.c_str(), "rb"));
  if (!f) throw std::runtime_error("cannot open " + label(path));
  gzbuffer(f.get(), 1 << 17);
  auto readExactly = [&](void* into, size_t n, const char* what) {
    size_t got = 0;
    while (got < n) {
      const int r = gzread(f.get(), static_cast<char*>(into) + got,
                           static_cast<unsigned>(std::min<size_t>(n - got, 1u << 30)));
      if (r < 0) {
        int err = 0;
        const char* msg = gzerror(f.get(), &err);
        throw std::runtime_error(label(path) + " is corrupt (" + msg + ")");
      }
      if (r == 0)
        throw std::runtime_error(label(path) + " is truncated: it ends after " +
                                 std::to_string(got) + " of the " + std::to_string(n) +
                                 " bytes of its " + what);
      got += static_cast<size_t>(r);
    }
  };
  uint8_t magic[4];
  readExactly(magic, 4, "header");
  if (magic[0] != 0 || magic[1] != 0)
    throw std::runtime_error(label(path) + " is not an IDX file (bad magic number)");
  if (magic[2] != 0x08)
    throw std::runtime_error(label(path) + " holds IDX element type " + std::to_string(magic[2]) +
                             "; only unsigned bytes (0x08) are supported");
  const int ndims = magic[3];
  if (ndims < 1 || ndims > 4)
    throw std::runtime_error(label(path) + " has " + std::to_string(ndims) +
                             " dimensions; expected 1 to 4");
  IdxArray a;
  uint64_t total = 1;
  for (int d = 0; d < ndims; ++d) {
    uint8_t b[4];
    readExactly(b, 4, "header");
    const uint32_t n =
        (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
    a.dims.push_back(n);
    total *= n;
    if (total > (uint64_t(1) << 34))
      throw std::runtime_error(label(path) + " claims an implausibly large array");
  }
  a.data.resize(total);
  readExactly(a.data.data(), total, "data");
  char extra;
  if (gzread(f.get(), &extra, 1) > 0)
    throw std::runtime_error(label(path) + " has bytes after the data its header announces");
  return a;
}

std::vector<uint8_t> gunzip(const uint8_t* data, size_t size, const std::string& what) {
  z_stream s{};
  if (inflateInit2(&s, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error(what + ": zlib failed");
  std::vector<uint8_t> out;
  uint8_t buffer[1 << 15];
  s.next_in = const_cast<Bytef*>(data);
  s.avail_in = static_cast<uInt>(size);
  int r = Z_OK;
  while (r != Z_STREAM_END) {
    s.next_out = buffer;
    s.avail_out = sizeof buffer;
    r = inflate(&s, Z_NO_FLUSH);
    if (r != Z_OK && r != Z_STREAM_END) {
      inflateEnd(&s);
      throw std::runtime_error(
          what + " is corrupt or truncated (zlib: " + (s.msg ? s.msg : "unexpected end") + ")");
    }
    out.insert(out.end(), buffer, buffer + (sizeof buffer - s.avail_out));
    if (r == Z_OK && s.avail_in == 0 && s.avail_out != 0) {
      inflateEnd(&s);
      throw std::runtime_error(what + " is truncated");
    }
  }
  inflateEnd(&s);
  return out;
}

}  // namespace snn
