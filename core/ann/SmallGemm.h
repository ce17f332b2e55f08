#pragma once

#include <cstdint>

namespace snn {

// C = init + A B for the products of a convolution, where C and B are row-major and A is read
// through strides (so W and W^T need no copy):
//   C (rows x cols, leading dimension ldc), B (depth x cols, ldb),
//   A(r, k) = a[r * rowStride + k * depthStride], init(r) = rowInit[r] (0 when null).
// C is written, never read: unlike an Eigen product it needs no zeroing pass first, and the
// bias comes in with the sums. Each element is summed over k in order, so the result depends
// only on the operands. With AVX-512 a register-blocked kernel (4 rows x 48 columns of C per
// pass over k); otherwise Eigen.
void smallGemm(int64_t rows, int64_t cols, int64_t depth, const float* a, int64_t rowStride,
               int64_t depthStride, const float* b, int64_t ldb, float* c, int64_t ldc,
               const float* rowInit);

}  // namespace snn
