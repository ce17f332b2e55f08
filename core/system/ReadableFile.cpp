#include "ReadableFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace snn {

namespace {
const char* kindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory, not a file";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe), not a regular file";
  if (S_ISSOCK(mode)) return "a socket, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device, not a regular file";
  return "not a regular file";
}
}  // namespace

ReadableFile::ReadableFile(const std::filesystem::path& path) {
  const std::string name = "'" + path.string() + "'";
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. Reads from
  // a regular file never block, so the flag changes nothing for the files accepted below.
  fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd_ < 0) {
    const int error = errno;
    struct stat st {};
    if (error == EISDIR || (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)))
      throw std::runtime_error(name + " is " + kindOf(error == EISDIR ? S_IFDIR : st.st_mode));
    throw std::runtime_error("cannot open " + name + ": " + std::strerror(error));
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    const int error = errno;
    ::close(fd_);
    throw std::runtime_error("cannot read " + name + ": " + std::strerror(error));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd_);
    throw std::runtime_error(name + " is " + kindOf(st.st_mode));
  }
  size_ = static_cast<uint64_t>(st.st_size);
}

ReadableFile::~ReadableFile() {
  if (fd_ >= 0) ::close(fd_);
}

size_t ReadableFile::peek(void* into, size_t n) const {
  size_t got = 0;
  while (got < n) {
    const ssize_t r =
        ::pread(fd_, static_cast<char*>(into) + got, n - got, static_cast<off_t>(got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  return got;
}

int ReadableFile::release() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

}  // namespace snn
