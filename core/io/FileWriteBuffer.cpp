#include "FileWriteBuffer.h"

#include <unistd.h>

#include <cerrno>

namespace snn {

FileWriteBuffer::FileWriteBuffer(int fd) : fd_(fd) {
  setp(buffer_, buffer_ + sizeof buffer_);
}

std::streambuf::int_type FileWriteBuffer::overflow(int_type ch) {
  if (!drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(ch, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
  }
  return traits_type::not_eof(ch);
}

int FileWriteBuffer::sync() {
  return drain() ? 0 : -1;
}

bool FileWriteBuffer::drain() {
  const char* from = pbase();
  const char* const end = pptr();
  while (error_ == 0 && from < end) {
    const ssize_t n = ::write(fd_, from, static_cast<size_t>(end - from));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = n < 0 ? errno : EIO;
      break;
    }
    from += n;
  }
  setp(buffer_, buffer_ + sizeof buffer_);
  return error_ == 0;
}

}  // namespace snn
