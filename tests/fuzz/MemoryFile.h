#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

// The fuzzer's bytes as a file with a path (/proc/self/fd/N), for readers that take a path.
// Closed when it goes out of scope.
class MemoryFile {
 public:
  MemoryFile(const uint8_t* data, size_t size, const char* name)
      : fd_(memfd_create(name, MFD_CLOEXEC)) {
    for (size_t done = 0; fd_ >= 0 && done < size;) {
      const ssize_t n = write(fd_, data + done, size - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
  }
  ~MemoryFile() {
    if (fd_ >= 0) close(fd_);
  }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  bool ok() const { return fd_ >= 0; }
  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_;
};

// The same as a named file in /dev/shm (removed when it goes out of scope), for libraries that
// need a real path: HDF5 cannot open /proc/self/fd/N ("can't retrieve real path").
class ShmFile {
 public:
  ShmFile(const uint8_t* data, size_t size) {
    char name[] = "/dev/shm/snnwb-fuzz-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) return;
    path_ = name;
    for (size_t done = 0; done < size;) {
      const ssize_t n = write(fd, data + done, size - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    close(fd);
  }
  ~ShmFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }
  ShmFile(const ShmFile&) = delete;
  ShmFile& operator=(const ShmFile&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};
