#include "BlockPool.h"

#include <omp.h>

#include <atomic>

namespace snn {

struct BlockPool::Job {
  const std::function<void(int64_t)>* fn = nullptr;
  int64_t count = 0;
  std::atomic<int64_t> next{0};
  std::atomic<int64_t> done{0};
};

BlockPool& BlockPool::instance() {
  static BlockPool pool;
  return pool;
}

BlockPool::~BlockPool() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : helpers_) t.join();
}

void BlockPool::work(Job& job) {
  for (;;) {
    const int64_t k = job.next.fetch_add(1, std::memory_order_relaxed);
    if (k >= job.count) return;
    (*job.fn)(k);
    job.done.fetch_add(1, std::memory_order_release);
  }
}

void BlockPool::run(int threads, int64_t count, const std::function<void(int64_t)>& fn) {
  // Eigen parallelises a product over omp_get_max_threads(); blocks run it serially.
  const int keep = omp_get_max_threads();
  omp_set_num_threads(1);
  std::unique_lock busy(runMutex_, std::try_to_lock);
  if (threads <= 1 || count <= 1 || !busy.owns_lock()) {
    for (int64_t k = 0; k < count; ++k) fn(k);
    omp_set_num_threads(keep);
    return;
  }
  auto job = std::make_shared<Job>();
  job->fn = &fn;
  job->count = count;
  {
    std::lock_guard lock(mutex_);
    while (static_cast<int>(helpers_.size()) < threads - 1) {
      const int index = static_cast<int>(helpers_.size());
      helpers_.emplace_back([this, index] { helperLoop(index); });
    }
    job_ = job;
    ++generation_;
    helpersWanted_ = threads - 1;
  }
  wake_.notify_all();
  work(*job);
  // Only blocks a helper has claimed are left: wait for them without sleeping long.
  while (job->done.load(std::memory_order_acquire) < count) std::this_thread::yield();
  {
    std::lock_guard lock(mutex_);
    job_.reset();  // a helper waking late finds nothing to do
  }
  omp_set_num_threads(keep);
}

void BlockPool::helperLoop(int index) {
  omp_set_num_threads(1);
  uint64_t seen = 0;
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock,
                 [&] { return stop_ || (generation_ != seen && job_ && index < helpersWanted_); });
      if (stop_) return;
      seen = generation_;
      job = job_;
    }
    work(*job);
  }
}

}  // namespace snn
