#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace snn {

// Writes a file through a temporary sibling and renames it over the target on commit(), so a
// reader never sees half a file and a failed write leaves the old one untouched. Without
// commit() (an exception, an early return) the temporary file is removed.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  // Flushes, checks for write errors and renames. Throws std::runtime_error naming the file.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

// Reads a whole file; throws std::runtime_error naming it when it cannot be read.
std::string readTextFile(const std::filesystem::path& path);

}  // namespace snn
