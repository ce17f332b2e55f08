#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace snn {

// Runs fn(k) for k in [0, count) on the calling thread plus up to threads - 1 helper threads,
// which claim blocks one at a time from a shared counter. The caller never waits for a helper
// to start: if the machine is busy and a helper is not scheduled, the caller does every block
// itself and only waits for blocks a helper has already begun. An OpenMP parallel region would
// instead end in a barrier that waits a whole time slice for a descheduled thread, which on a
// machine shared with other jobs made a training epoch 20 times slower. Helpers sleep on a
// condition variable between jobs (no spinning).
//
// Results must not depend on which thread runs a block (the callers cut work by data shape).
// Helpers and the calling thread run Eigen serially (their OpenMP thread count is set to 1).
// One job at a time: a call made while another thread's job runs is done serially by its
// caller. The process-wide instance is made on first use and stops its threads at exit.
class BlockPool {
 public:
  static BlockPool& instance();
  ~BlockPool();

  void run(int threads, int64_t count, const std::function<void(int64_t)>& fn);

 private:
  struct Job;
  BlockPool() = default;
  void helperLoop(int index);
  static void work(Job& job);

  std::mutex runMutex_;  // one job at a time
  std::mutex mutex_;     // guards the fields below
  std::condition_variable wake_;
  std::shared_ptr<Job> job_;
  uint64_t generation_ = 0;
  int helpersWanted_ = 0;
  bool stop_ = false;
  std::vector<std::thread> helpers_;
};

}  // namespace snn
