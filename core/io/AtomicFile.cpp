#include "AtomicFile.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

namespace snn {

namespace {
std::string errnoText() {
  return std::strerror(errno);
}
}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  temporary_ = target_;
  temporary_ += ".tmp-" + std::to_string(::getpid());
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot write '" + target_.string() + "': " + errnoText());
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    out_.close();
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

void AtomicFile::commit() {
  out_.flush();
  const bool good = static_cast<bool>(out_);
  out_.close();
  if (!good || out_.fail())
    throw std::runtime_error("writing '" + target_.string() + "' failed: " + errnoText());
  std::error_code ec;
  std::filesystem::rename(temporary_, target_, ec);
  if (ec) throw std::runtime_error("cannot replace '" + target_.string() + "': " + ec.message());
  committed_ = true;
}

std::string readTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open '" + path.string() + "': " + errnoText());
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) throw std::runtime_error("cannot read '" + path.string() + "'");
  return s.str();
}

}  // namespace snn
