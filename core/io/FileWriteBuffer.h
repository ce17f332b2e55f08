#pragma once

#include <streambuf>

namespace snn {

// A std::streambuf writing to a POSIX file descriptor it does not own, so a writer can fsync,
// fchmod and link the file behind an ordinary std::ostream. Remembers the first write error
// (errno, e.g. ENOSPC for a full disk) instead of losing it.
class FileWriteBuffer : public std::streambuf {
 public:
  explicit FileWriteBuffer(int fd);
  FileWriteBuffer(const FileWriteBuffer&) = delete;
  FileWriteBuffer& operator=(const FileWriteBuffer&) = delete;

  // errno of the first failed write, 0 if none.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override;
  int sync() override;

 private:
  bool drain();

  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

}  // namespace snn
