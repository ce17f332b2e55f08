#include "SmallGemm.h"

#include <Eigen/Core>
#include <algorithm>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace snn {

#if defined(__AVX512F__)

namespace {

constexpr int kPanelColumns = 48;     // three 16-float registers per row of C
constexpr int64_t kDepthBlock = 128;  // rows of B per pass: 128 x 48 floats, 24 kB

// Three 16-float registers of one row of C.
struct Row {
  __m512 v0, v1, v2;
};

// The row's running sums: C itself when `fromC` (a later block of k), else its init value.
inline Row start(bool fromC, const float* c, const __mmask16* mask, const float* rowInit, int r) {
  if (fromC)
    return {_mm512_maskz_loadu_ps(mask[0], c), _mm512_maskz_loadu_ps(mask[1], c + 16),
            _mm512_maskz_loadu_ps(mask[2], c + 32)};
  const __m512 init = _mm512_set1_ps(rowInit ? rowInit[r] : 0.0f);
  return {init, init, init};
}

inline void madd(Row& row, float a, __m512 b0, __m512 b1, __m512 b2) {
  const __m512 av = _mm512_set1_ps(a);
  row.v0 = _mm512_fmadd_ps(av, b0, row.v0);
  row.v1 = _mm512_fmadd_ps(av, b1, row.v1);
  row.v2 = _mm512_fmadd_ps(av, b2, row.v2);
}

inline void store(float* c, const Row& row, const __mmask16* mask) {
  _mm512_mask_storeu_ps(c, mask[0], row.v0);
  _mm512_mask_storeu_ps(c + 16, mask[1], row.v1);
  _mm512_mask_storeu_ps(c + 32, mask[2], row.v2);
}

// R (4 or 1) rows of C by up to 48 columns, the columns past `cols` masked off, over `depth`
// values of k, continuing from C's sums when `fromC`. The rows are
// named variables, not an array: GCC kept an array of accumulators in memory and stored all
// twelve on every step, halving the speed.
template <int R>
void panel(int64_t depth, const float* a, int64_t rowStride, int64_t depthStride, const float* b,
           int64_t ldb, float* c, int64_t ldc, const float* rowInit, int cols, bool fromC) {
  __mmask16 mask[3];
  for (int v = 0; v < 3; ++v) {
    const int n = std::clamp(cols - 16 * v, 0, 16);
    mask[v] = static_cast<__mmask16>((1u << n) - 1u);
  }
  Row r0 = start(fromC, c, mask, rowInit, 0), r1 = r0, r2 = r0, r3 = r0;
  if constexpr (R == 4) {
    r1 = start(fromC, c + ldc, mask, rowInit, 1);
    r2 = start(fromC, c + 2 * ldc, mask, rowInit, 2);
    r3 = start(fromC, c + 3 * ldc, mask, rowInit, 3);
  }
  const float* ak = a;
  const float* bk = b;
  for (int64_t k = 0; k < depth; ++k, ak += depthStride, bk += ldb) {
    const __m512 b0 = _mm512_maskz_loadu_ps(mask[0], bk);
    const __m512 b1 = _mm512_maskz_loadu_ps(mask[1], bk + 16);
    const __m512 b2 = _mm512_maskz_loadu_ps(mask[2], bk + 32);
    madd(r0, ak[0], b0, b1, b2);
    if constexpr (R == 4) {
      madd(r1, ak[rowStride], b0, b1, b2);
      madd(r2, ak[2 * rowStride], b0, b1, b2);
      madd(r3, ak[3 * rowStride], b0, b1, b2);
    }
  }
  store(c, r0, mask);
  if constexpr (R == 4) {
    store(c + ldc, r1, mask);
    store(c + 2 * ldc, r2, mask);
    store(c + 3 * ldc, r3, mask);
  }
}

}  // namespace

void smallGemm(int64_t rows, int64_t cols, int64_t depth, const float* a, int64_t rowStride,
               int64_t depthStride, const float* b, int64_t ldb, float* c, int64_t ldc,
               const float* rowInit) {
  // For each panel of 48 columns, k in blocks of kDepthBlock: the block's rows of B (24 kB)
  // stay in the first-level cache while every row of C passes over them. A later block
  // continues from the sums stored in C, so each element is still summed over k in order.
  for (int64_t j = 0; j < cols; j += kPanelColumns) {
    const int n = static_cast<int>(std::min<int64_t>(kPanelColumns, cols - j));
    for (int64_t k0 = 0; k0 < depth || k0 == 0; k0 += kDepthBlock) {
      const int64_t kn = std::min(kDepthBlock, depth - k0);
      const float* ak = a + k0 * depthStride;
      const float* bk = b + k0 * ldb + j;
      int64_t r = 0;
      for (; r + 4 <= rows; r += 4)
        panel<4>(kn, ak + r * rowStride, rowStride, depthStride, bk, ldb, c + r * ldc + j, ldc,
                 rowInit ? rowInit + r : nullptr, n, k0 > 0);
      for (; r < rows; ++r)
        panel<1>(kn, ak + r * rowStride, rowStride, depthStride, bk, ldb, c + r * ldc + j, ldc,
                 rowInit ? rowInit + r : nullptr, n, k0 > 0);
    }
  }
}

#else

void smallGemm(int64_t rows, int64_t cols, int64_t depth, const float* a, int64_t rowStride,
               int64_t depthStride, const float* b, int64_t ldb, float* c, int64_t ldc,
               const float* rowInit) {
  using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using Strided = Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>;
  Eigen::Map<const Matrix, 0, Strided> A(a, rows, depth, Strided(rowStride, depthStride));
  Eigen::Map<const Matrix, 0, Eigen::OuterStride<> > B(b, depth, cols, Eigen::OuterStride<>(ldb));
  Eigen::Map<Matrix, 0, Eigen::OuterStride<> > C(c, rows, cols, Eigen::OuterStride<>(ldc));
  if (rowInit)
    C.colwise() = Eigen::Map<const Eigen::VectorXf>(rowInit, rows);
  else
    C.setZero();
  C.noalias() += A * B;
}

#endif

}  // namespace snn
