// libFuzzer harness: a NIR file (HDF5) as `snnwb-cli import` meets it: read, checked node by
// node, mapped onto a project and validated. Any input must give a project or a
// std::runtime_error (HDF5 errors, NirMappingError, SpecError) naming the node and field, never a
// crash or a hang. Crashes inside libhdf5 itself are reported upstream, not worked around here.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "io/nir/NirFile.h"
#include "io/nir/NirImporter.h"
#include "project/ProjectValidator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // An in-memory file with a path, as readNirFile takes one.
  const int fd = memfd_create("fuzz.nir", MFD_CLOEXEC);
  if (fd < 0) return 0;
  for (size_t done = 0; done < size;) {
    const ssize_t n = write(fd, data + done, size - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  try {
    const snn::Project project =
        snn::nir::importNir(snn::nir::readNirFile("/proc/self/fd/" + std::to_string(fd)));
    (void)snn::validateProject(project);
  } catch (const std::runtime_error&) {
  }
  close(fd);
  return 0;
}
