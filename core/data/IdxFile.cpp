#include "IdxFile.h"

#include <zlib.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "system/MemoryBudget.h"
#include "system/ReadableFile.h"

namespace snn {

namespace {

struct GzCloser {
  void operator()(gzFile f) const { gzclose(f); }
};

// An IDX array larger than this is refused as implausible (MNIST's largest file is 47 MB).
constexpr uint64_t kMaxIdxBytes = uint64_t(1) << 34;
// Deflate cannot expand data more than about 1032 times (RFC 1951: a 258-byte match in 2 bits).
constexpr uint64_t kMaxDeflateRatio = 1032;

std::string label(const std::filesystem::path& p) {
  return "'" + p.string() + "'";
}

}  // namespace

IdxArray readIdxFile(const std::filesystem::path& path) {
  // Refuses a directory, FIFO or device before zlib touches it; gives the size to check claims.
  ReadableFile file(path);
  const uint64_t fileSize = file.size();
  uint8_t signature[2] = {0, 0};
  const bool gzipped = file.peek(signature, 2) == 2 && signature[0] == 0x1f && signature[1] == 0x8b;
  std::unique_ptr<gzFile_s, GzCloser> f(gzdopen(file.descriptor(), "rb"));
  if (!f) throw std::runtime_error("cannot read " + label(path));
  file.release();  // gzclose closes it
  gzbuffer(f.get(), 1 << 17);
  auto readSome = [&](void* into, size_t n) {
    const int r = gzread(f.get(), into, static_cast<unsigned>(std::min<size_t>(n, 1u << 30)));
    if (r < 0) {
      int err = 0;
      const char* msg = gzerror(f.get(), &err);
      throw std::runtime_error(
          label(path) + (err == Z_BUF_ERROR ? " is truncated (" : " is corrupt (") + msg + ")");
    }
    return static_cast<size_t>(r);
  };
  auto truncated = [&](uint64_t got, uint64_t n, const char* what) {
    return std::runtime_error(label(path) + " is truncated: it ends after " + std::to_string(got) +
                              " of the " + std::to_string(n) + " bytes of its " + what);
  };
  auto readExactly = [&](void* into, size_t n, const char* what) {
    for (size_t got = 0; got < n;) {
      const size_t r = readSome(static_cast<char*>(into) + got, n - got);
      if (r == 0) throw truncated(got, n, what);
      got += r;
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
    if (total > kMaxIdxBytes)
      throw std::runtime_error(label(path) + " claims an implausibly large array (more than " +
                               std::to_string(kMaxIdxBytes) + " bytes)");
  }
  // What the header claims is checked against what the file can hold before anything is
  // allocated: a plain file holds exactly its data after the header; deflate expands at most
  // kMaxDeflateRatio times.
  const uint64_t headerBytes = 4 + 4 * static_cast<uint64_t>(ndims);
  if (!gzipped && total > fileSize - headerBytes)
    throw truncated(fileSize - headerBytes, total,
                    "data (the header claims more than the file holds)");
  if (!gzipped && total < fileSize - headerBytes)
    throw std::runtime_error(label(path) + " has bytes after the data its header announces");
  if (gzipped && total > kMaxDeflateRatio * fileSize)
    throw std::runtime_error(label(path) + " claims " + std::to_string(total) +
                             " bytes of data, more than a gzip file of " +
                             std::to_string(fileSize) +
                             " bytes can hold: it is truncated or corrupt");
  requireMemory(static_cast<double>(total), "reading " + label(path));
  // A gzip stream may still end early: grow the array with the data that arrives, so a
  // truncated file never makes it take what its header merely claims.
  uint64_t got = 0;
  while (got < total) {
    a.data.resize(std::min<uint64_t>(total, std::max<uint64_t>(2 * got, 1 << 20)));
    const size_t r = readSome(a.data.data() + got, a.data.size() - got);
    if (r == 0) throw truncated(got, total, "data");
    got += r;
  }
  a.data.resize(total);
  char extra;
  if (readSome(&extra, 1) > 0)
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
