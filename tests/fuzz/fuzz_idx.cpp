// libFuzzer harness: an IDX file, plain or gzipped (zlib decides from the first bytes), as the
// dataset reader meets it. Any input must give an array or a std::runtime_error naming the
// file, never a crash, a hang or an allocation of what the header claims (libFuzzer's
// -malloc_limit_mb catches one).
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "data/IdxFile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // An in-memory file with a path, as readIdxFile takes one.
  const int fd = memfd_create("fuzz.idx", MFD_CLOEXEC);
  if (fd < 0) return 0;
  for (size_t done = 0; done < size;) {
    const ssize_t n = write(fd, data + done, size - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  try {
    snn::readIdxFile("/proc/self/fd/" + std::to_string(fd));
  } catch (const std::runtime_error&) {
  }
  close(fd);
  return 0;
}
