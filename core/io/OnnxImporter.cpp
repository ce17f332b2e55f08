#include "OnnxImporter.h"

#include <fstream>
#include <sstream>

#include "OnnxGraphReader.h"

namespace snn {

namespace {
// protobuf reads messages of up to 2 GiB.
constexpr std::uintmax_t kMaxFileBytes = 2147483647;
}  // namespace

OnnxImport importOnnxBytes(const std::string& bytes, const std::string& name) {
  if (bytes.size() > kMaxFileBytes)
    throw OnnxImportError(name + ": is larger than 2 GiB, the most an ONNX file can hold");
  onnx::ModelProto model;
  if (!model.ParseFromString(bytes))
    throw OnnxImportError(name +
                          ": is not an ONNX model, or is truncated (it does not parse as "
                          "an ONNX protobuf message)");
  try {
    return onnx_import::OnnxGraphReader(model, name).read();
  } catch (const OnnxImportError&) {
    throw;
  } catch (const std::exception& e) {
    // A case the reader's checks missed: still one error naming the file, never a crash.
    throw OnnxImportError(name + ": internal error while reading the model (" + e.what() + ")");
  }
}

OnnxImport importOnnx(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  if (error) throw OnnxImportError(name + ": cannot be read (" + error.message() + ")");
  if (size > kMaxFileBytes)
    throw OnnxImportError(name + ": is larger than 2 GiB, the most an ONNX file can hold");
  std::ifstream in(file, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(size)))
    throw OnnxImportError(name + ": cannot be read");
  return importOnnxBytes(bytes, name);
}

}  // namespace snn
