// libFuzzer harness: an ONNX file as the importer meets it (protobuf parse, graph walk, constant
// folding, shape inference). Any input must give a network or an OnnxImportError naming the
// file, never a crash, a hang or an allocation of what a tensor's dims merely claim
// (libFuzzer's -malloc_limit_mb catches one).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "io/OnnxImporter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    snn::importOnnxBytes(std::string(reinterpret_cast<const char*>(data), size), "fuzz.onnx");
  } catch (const std::runtime_error&) {
  }
  return 0;
}
