#include "AtomicFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include "FileWriteBuffer.h"
#include "system/MemoryBudget.h"
#include "system/ReadableFile.h"

namespace snn {

namespace fs = std::filesystem;

namespace {

std::string errnoText(int error) {
  return std::strerror(error);
}

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

fs::path directoryOf(const fs::path& file) {
  return file.has_parent_path() ? file.parent_path() : fs::path(".");
}

// "NAME.tmp-PID" or "NAME.tmp-PID-N" next to the target: the PID, or -1 for another name.
pid_t temporaryOwner(const std::string& entry, const std::string& name) {
  const std::string prefix = name + ".tmp-";
  if (entry.size() <= prefix.size() || entry.compare(0, prefix.size(), prefix) != 0) return -1;
  pid_t pid = 0;
  size_t i = prefix.size();
  for (; i < entry.size() && entry[i] >= '0' && entry[i] <= '9' && pid < 100000000; ++i)
    pid = pid * 10 + (entry[i] - '0');
  if (i == prefix.size()) return -1;
  if (i < entry.size()) {
    if (entry[i] != '-' || i + 1 == entry.size()) return -1;
    for (size_t k = i + 1; k < entry.size(); ++k)
      if (entry[k] < '0' || entry[k] > '9') return -1;
  }
  return pid;
}

void syncDirectory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // some file systems refuse a directory fsync (EINVAL); the rename stands anyway
  ::close(fd);
}

std::atomic<int> temporaryCounter{0};
std::atomic<bool> tryUnnamed{true};

}  // namespace

fs::path AtomicFile::resolveTarget(const fs::path& path) {
  fs::path p = path;
  std::error_code ec;
  // As the kernel does, give up after 40 links (a loop).
  for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(p, ec)); ++hops) {
    const fs::path to = fs::read_symlink(p, ec);
    if (ec) break;
    p = to.is_absolute() ? to : directoryOf(p) / to;
  }
  return p;
}

int AtomicFile::removeStaleTemporaries(const fs::path& target) {
  const std::string name = target.filename().string();
  std::error_code ec;
  int removed = 0;
  for (fs::directory_iterator it(directoryOf(target), ec), end; !ec && it != end;
       it.increment(ec)) {
    const pid_t pid = temporaryOwner(it->path().filename().string(), name);
    if (pid <= 0 || pid == ::getpid()) continue;
    // ESRCH: no such process. EPERM means it runs as someone else: leave its file alone.
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    if (fs::remove(it->path(), ignored)) ++removed;
  }
  return removed;
}

void AtomicFile::setUnnamedTemporaries(bool on) {
  tryUnnamed.store(on);
}

AtomicFile::AtomicFile(fs::path target)
    : requested_(std::move(target)), target_(resolveTarget(requested_)), out_(nullptr) {
  removeStaleTemporaries(target_);
  openTemporary();
  buffer_ = std::make_unique<FileWriteBuffer>(fd_);
  out_.rdbuf(buffer_.get());
}

void AtomicFile::openTemporary() {
  const fs::path dir = directoryOf(target_);
  struct stat existing {};
  const bool exists = ::stat(target_.c_str(), &existing) == 0 && S_ISREG(existing.st_mode);
  const mode_t mode = exists ? (existing.st_mode & 07777) : 0666;
#ifdef O_TMPFILE
  // An unnamed file is named later through /proc/self/fd (linkat needs no privilege that way).
  if (tryUnnamed.load() && ::access("/proc/self/fd", X_OK) == 0) {
    fd_ = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
    unnamed_ = fd_ >= 0;
  }
#endif
  if (fd_ < 0) {  // no unnamed files here: a named sibling, cleaned up if we are killed
    temporary_ = target_;
    temporary_ +=
        ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(temporaryCounter.fetch_add(1));
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  }
  if (fd_ < 0)
    throw std::runtime_error("cannot write " + quoted(requested_) + ": " + errnoText(errno));
  if (exists) {
    // The umask applied at open(); the target's own bits, owner and group are what it keeps.
    // Changing the owner needs privileges and usually fails: then the writer owns the file.
    if (::fchown(fd_, existing.st_uid, existing.st_gid) != 0 &&
        ::fchown(fd_, static_cast<uid_t>(-1), existing.st_gid) != 0) {
      // Not allowed (another owner, a group we are not in): the writer owns the new file.
    }
    ::fchmod(fd_, mode);
  }
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  out_.rdbuf(nullptr);
  if (fd_ >= 0) ::close(fd_);  // an unnamed temporary vanishes with its descriptor
  if (!temporary_.empty()) {
    std::error_code ignored;
    fs::remove(temporary_, ignored);
  }
}

void AtomicFile::giveName() {
  // An unnamed file gets a name by linking its descriptor (through /proc, which needs no
  // privilege), then the rename below replaces the target; only a kill between the two leaves a
  // named temporary, which the next write removes.
  temporary_ = target_;
  temporary_ +=
      ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(temporaryCounter.fetch_add(1));
  const std::string self = "/proc/self/fd/" + std::to_string(fd_);
  if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temporary_.c_str(), AT_SYMLINK_FOLLOW) != 0 &&
      ::linkat(fd_, "", AT_FDCWD, temporary_.c_str(), AT_EMPTY_PATH) != 0) {
    const int error = errno;
    temporary_.clear();
    throw std::runtime_error("cannot replace " + quoted(requested_) + ": " + errnoText(error));
  }
}

void AtomicFile::commit() {
  out_.flush();
  if (buffer_->error() != 0 || !out_)
    throw std::runtime_error("writing " + quoted(requested_) + " failed: " +
                             errnoText(buffer_->error() != 0 ? buffer_->error() : EIO));
  if (::fsync(fd_) != 0)
    throw std::runtime_error("writing " + quoted(requested_) + " failed: " + errnoText(errno));
  if (unnamed_) giveName();
  if (::rename(temporary_.c_str(), target_.c_str()) != 0)
    throw std::runtime_error("cannot replace " + quoted(requested_) + ": " + errnoText(errno));
  temporary_.clear();
  committed_ = true;
  out_.rdbuf(nullptr);
  ::close(fd_);
  fd_ = -1;
  syncDirectory(directoryOf(target_));
}

std::string readTextFile(const fs::path& path) {
  ReadableFile file(path);  // refuses a directory, FIFO or device by name
  requireMemory(static_cast<double>(file.size()), "reading " + quoted(path));
  std::string text;
  text.resize(file.size());
  size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(file.descriptor(), text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error("cannot read " + quoted(path) + ": " + errnoText(errno));
    if (n == 0) break;  // the file shrank while we read it
    got += static_cast<size_t>(n);
  }
  text.resize(got);
  return text;
}

}  // namespace snn
