#pragma once

// Lowers this process's address-space limit (RLIMIT_AS, as `ulimit -v`) to what it uses now plus
// `headroomBytes` for the lifetime of the object, so a test can show that code refuses an input
// instead of allocating what the input merely claims: an allocation beyond the limit throws
// std::bad_alloc, which the test sees as a failure. Under a sanitizer (which maps terabytes of
// shadow memory) the limit cannot be applied and active() is false; the sanitizer scripts cap
// single allocations with ASAN_OPTIONS=max_allocation_size_mb instead.
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>

namespace snn::test {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SNNWB_TEST_UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define SNNWB_TEST_UNDER_SANITIZER 1
#endif
#endif

class AddressSpaceLimit {
 public:
  explicit AddressSpaceLimit(double headroomBytes) {
#ifndef SNNWB_TEST_UNDER_SANITIZER
    if (getrlimit(RLIMIT_AS, &saved_) != 0) return;
    std::ifstream statm("/proc/self/statm");
    double pages = 0;
    if (!(statm >> pages)) return;
    rlimit lower = saved_;
    lower.rlim_cur =
        static_cast<rlim_t>(pages * static_cast<double>(sysconf(_SC_PAGESIZE)) + headroomBytes);
    if (saved_.rlim_cur != RLIM_INFINITY && lower.rlim_cur > saved_.rlim_cur) return;
    active_ = setrlimit(RLIMIT_AS, &lower) == 0;
#else
    (void)headroomBytes;
#endif
  }
  ~AddressSpaceLimit() {
    if (active_) setrlimit(RLIMIT_AS, &saved_);
  }
  AddressSpaceLimit(const AddressSpaceLimit&) = delete;
  AddressSpaceLimit& operator=(const AddressSpaceLimit&) = delete;
  bool active() const {
    return active_;
  }

 private:
  rlimit saved_{};
  bool active_ = false;
};

}  // namespace snn::test
