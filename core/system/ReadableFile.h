#pragma once

#include <cstdint>
#include <filesystem>

namespace snn {

// A regular file opened for reading, with its size. Opening refuses at once, naming the path,
// what cannot be read as a file: a directory ("is a directory"), a FIFO, socket or device (it
// is opened without blocking, so a FIFO nobody writes to does not hang the reader), a missing
// or unreadable path. Owns the descriptor until release().
class ReadableFile {
 public:
  explicit ReadableFile(const std::filesystem::path& path);
  ~ReadableFile();
  ReadableFile(const ReadableFile&) = delete;
  ReadableFile& operator=(const ReadableFile&) = delete;

  int descriptor() const { return fd_; }
  uint64_t size() const { return size_; }
  // The first bytes of the file (fewer if it is shorter), without moving the read position.
  size_t peek(void* into, size_t n) const;
  // Hands the descriptor over (to zlib's gzdopen): the caller closes it.
  int release();

 private:
  int fd_ = -1;
  uint64_t size_ = 0;
};

}  // namespace snn
