#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>

#include "BlockPool.h"

namespace snn {

// Runs fn(k) for every block k in [0, count) on up to `threads` threads (BlockPool).
//
// Used by the learning and ANN code so that the same seed gives the same weights whatever the
// thread count: callers cut work into blocks by the shape of the data only (never by the number
// of threads), a block's result does not depend on which thread computes it, and sums across
// blocks are never split between threads. Eigen's own GEMM parallelisation would cut a product
// by the thread count (and change its depth blocking with it); the pool keeps Eigen serial
// inside blocks. `work` (about how many multiply-adds or element updates the blocks hold
// together) keeps small jobs on the calling thread, where handing out blocks costs more than
// it saves.
inline constexpr int64_t kParallelWork = int64_t(1) << 18;

template <class Fn>
void parallelBlocks(int threads, int64_t count, int64_t work, Fn&& fn) {
  const std::function<void(int64_t)> f = std::ref(fn);
  BlockPool::instance().run(work < kParallelWork ? 1 : threads, count, f);
}

// Number of blocks of `size` elements covering n (the last one may be shorter).
inline int64_t blockCount(int64_t n, int64_t size) {
  return (n + size - 1) / size;
}

// Runs fn(begin, count) over [0, n) cut into ranges of `size` elements (the last may be
// shorter), `workPerElement` telling how much each element costs.
template <class Fn>
void parallelRanges(int threads, int64_t n, int64_t size, int64_t workPerElement, Fn&& fn) {
  parallelBlocks(threads, blockCount(n, size), n * workPerElement, [&](int64_t k) {
    const int64_t begin = k * size;
    fn(begin, std::min(size, n - begin));
  });
}

}  // namespace snn

namespace snn {

// C = A * B, or C += A * B, cut into blocks by shape: 128-row blocks when C is tall, else
// 256-column blocks. A, B and C are Eigen expressions with direct access (maps, blocks,
// transposes of maps); C is written through a copy of a Map, which writes through to its buffer.
template <class Dst, class Lhs, class Rhs>
void blockedProduct(int threads, Dst C, const Lhs& A, const Rhs& B, bool accumulate) {
  constexpr int64_t kRowBlock = 128;
  constexpr int64_t kColBlock = 256;
  const int64_t rows = C.rows(), cols = C.cols();
  if (rows == 0 || cols == 0) return;
  if (rows >= 2 * kRowBlock) {
    parallelBlocks(threads, blockCount(rows, kRowBlock), rows * cols * A.cols(), [&](int64_t k) {
      const int64_t r0 = k * kRowBlock, n = std::min(kRowBlock, rows - r0);
      if (accumulate)
        C.middleRows(r0, n).noalias() += A.middleRows(r0, n) * B;
      else
        C.middleRows(r0, n).noalias() = A.middleRows(r0, n) * B;
    });
  } else {
    parallelBlocks(threads, blockCount(cols, kColBlock), rows * cols * A.cols(), [&](int64_t k) {
      const int64_t c0 = k * kColBlock, n = std::min(kColBlock, cols - c0);
      if (accumulate)
        C.middleCols(c0, n).noalias() += A * B.middleCols(c0, n);
      else
        C.middleCols(c0, n).noalias() = A * B.middleCols(c0, n);
    });
  }
}

}  // namespace snn
