// libFuzzer harness: a NIR file (HDF5) as `snnwb-cli import` meets it: read, checked node by
// node, mapped onto a project and validated. Any input must give a project or a
// std::runtime_error (HDF5 errors, NirMappingError, SpecError) naming the node and field, never a
// crash or a hang. Crashes inside libhdf5 itself are reported upstream, not worked around here.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "MemoryFile.h"
#include "io/nir/NirFile.h"
#include "io/nir/NirImporter.h"
#include "project/ProjectValidator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ShmFile file(data, size);
  if (!file.ok()) return 0;
  try {
    const snn::Project project = snn::nir::importNir(snn::nir::readNirFile(file.path()));
    (void)snn::validateProject(project);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
