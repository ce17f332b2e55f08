// libFuzzer harness: an IDX file, plain or gzipped (zlib decides from the first bytes), as the
// dataset reader meets it. Any input must give an array or a std::runtime_error naming the
// file, never a crash, a hang or an allocation of what the header claims (libFuzzer's
// -malloc_limit_mb catches one).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "MemoryFile.h"
#include "data/IdxFile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const MemoryFile file(data, size, "fuzz.idx");
  if (!file.ok()) return 0;
  try {
    snn::readIdxFile(file.path());
  } catch (const std::runtime_error&) {
  }
  return 0;
}
