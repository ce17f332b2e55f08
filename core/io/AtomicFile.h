#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

namespace snn {

class FileWriteBuffer;

// Writes a file so that a reader, a crash or a kill -9 never sees half of it and nothing is lost:
// - the data goes to a temporary file in the target's directory: an unnamed one (O_TMPFILE,
//   Linux >= 3.11 on ext4, xfs, btrfs, tmpfs), so a killed writer leaves nothing behind; where
//   the file system has no unnamed files, a sibling `NAME.tmp-PID-N`, and the next write to
//   NAME removes such files left by processes that no longer exist;
// - commit() fsyncs the data, gives the temporary the target's name by an atomic rename, and
//   fsyncs the directory, so after commit() returns the new file survives a power cut;
// - a target that is a symbolic link is written through: the file it points to is replaced and
//   the link stays a link;
// - the new file keeps the target's permissions (0600 stays 0600) and, where allowed, its owner
//   and group; a new target gets 0666 less the umask, as any new file.
// Without commit() (an exception, an early return) the temporary is removed and the target is
// untouched.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  // Flushes, checks for write errors, fsyncs and renames. Throws std::runtime_error naming the
  // file.
  void commit();

  // The file a write to `path` replaces: `path` with its symbolic links followed.
  static std::filesystem::path resolveTarget(const std::filesystem::path& path);
  // Removes `NAME.tmp-PID[-N]` files next to `target` whose process no longer runs; returns how
  // many. (Called by every AtomicFile before it writes.)
  static int removeStaleTemporaries(const std::filesystem::path& target);
  // Whether to try unnamed temporaries first (default); tests switch it off to exercise the
  // named fallback on a file system that has them.
  static void setUnnamedTemporaries(bool on);

 private:
  void openTemporary();
  void giveName();

  std::filesystem::path requested_;  // what the caller named, for messages
  std::filesystem::path target_;     // the file replaced (symlinks followed)
  std::filesystem::path temporary_;  // the temporary's name, once it has one
  int fd_ = -1;
  bool unnamed_ = false;  // opened with O_TMPFILE
  std::unique_ptr<FileWriteBuffer> buffer_;
  std::ostream out_;
  bool committed_ = false;
};

// Reads a whole file; throws std::runtime_error naming it when it cannot be read, is not a
// regular file (a directory, or a FIFO that would block forever) or is larger than the memory
// this process can still allocate.
std::string readTextFile(const std::filesystem::path& path);

}  // namespace snn
