#include "IrDropSolver.h"

namespace snn {

namespace {

// Column j seen from its row nodes: the admittance Ycol = D - D (T + D)^-1 D and the output
// row w' = gOut e_last' (T + D)^-1 D, where T + D is the symmetric tridiagonal matrix of the
// column's nodes (diagonal a_k, off-diagonal -gWire). (T + D)^-1 comes from one LDL'
// factorisation (Thomas) applied to every column of the identity at once, O(R^2).
class ColumnAdmittance {
 public:
  explicit ColumnAdmittance(Eigen::Index rows) : inverse_(rows, rows), d_(rows), l_(rows) {}

  void compute(const Eigen::Ref<const Eigen::VectorXd>& g, double gWire, double gOut,
               Eigen::MatrixXd& admittance,
               Eigen::Ref<Eigen::RowVectorXd, 0, Eigen::InnerStride<>> output) {
    const Eigen::Index n = g.size();
    for (Eigen::Index k = 0; k < n; ++k) {
      const double a = g(k) + (k > 0 ? gWire : 0.0) + (k + 1 < n ? gWire : gOut);
      if (k == 0) {
        d_(0) = a;
      } else {
        l_(k) = -gWire / d_(k - 1);
        d_(k) = a + l_(k) * gWire;  // a_k - l_k b with b = -gWire
      }
    }
    // Solve (T + D) X = I for all right-hand sides at once, row by row (each row operation runs
    // over every right-hand side, vectorised): forward (L Z = I), diagonal, backward (L' X = Z).
    // Element by element the arithmetic of one Thomas solve per column.
    inverse_.setIdentity();
    for (Eigen::Index i = 1; i < n; ++i)
      inverse_.row(i).head(i) = -l_(i) * inverse_.row(i - 1).head(i);
    for (Eigen::Index i = 0; i < n; ++i) inverse_.row(i) /= d_(i);
    for (Eigen::Index i = n - 2; i >= 0; --i) inverse_.row(i) -= l_(i + 1) * inverse_.row(i + 1);
    // inverse_ is symmetric: its rows are its columns. -g_i g_k inverse_ik, no temporary.
    for (Eigen::Index k = 0; k < n; ++k)
      admittance.col(k) = (-g(k)) * g.cwiseProduct(inverse_.row(k).transpose());
    admittance.diagonal() += g;
    output = gOut * inverse_.row(n - 1).cwiseProduct(g.transpose());
  }

 private:
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> inverse_;
  Eigen::VectorXd d_, l_;
};

void symmetrise(Eigen::MatrixXd& m) {  // in place: a temporary per column cost page faults
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = j + 1; i < m.rows(); ++i) m(i, j) = m(j, i) = 0.5 * (m(i, j) + m(j, i));
}

}  // namespace

Eigen::MatrixXd IrDropSolver::sweepColumns(const Eigen::Ref<const Eigen::MatrixXd>& g, double gWire,
                                           double gIn, double gOut) {
  const Eigen::Index rows = g.rows(), cols = g.cols();
  ColumnAdmittance column(rows);
  Eigen::MatrixXd y(rows, rows), ycol(rows, rows), k(rows, rows), work(rows, rows);
  Eigen::MatrixXd transfer(rows, rows), outputs(cols, rows), moved(cols, rows), outputsT;
  Eigen::LLT<Eigen::MatrixXd> cholesky(rows);
  for (Eigen::Index j = cols - 1; j >= 0; --j) {
    column.compute(g.col(j), gWire, gOut, ycol, outputs.row(j));
    if (j == cols - 1) {
      y = ycol;
      continue;
    }
    k = y;
    k.diagonal().array() += gWire;
    cholesky.compute(k);
    work = y;
    cholesky.solveInPlace(work);  // (g_w + Y)^-1 Y
    // The outputs beyond move by g_w (g_w + Y)^-1 = I - (g_w + Y)^-1 Y: one matrix product
    // instead of two triangular solves (the same flops, at GEMM speed). No cancellation: the
    // diagonal of I - W stays near 1 while (g_w + Y)^-1 Y is small.
    transfer = -work;
    transfer.diagonal().array() += 1.0;
    auto beyond = outputs.middleRows(j + 1, cols - 1 - j);
    auto next = moved.topRows(cols - 1 - j);
    next.noalias() = beyond * transfer;
    beyond = next;
    y = gWire * work;
    symmetrise(y);
    y += ycol;
  }
  k = y;
  k.diagonal().array() += gIn;
  cholesky.compute(k);
  outputsT = outputs.transpose();
  cholesky.solveInPlace(outputsT);
  return gIn * outputsT.transpose();
}

Eigen::MatrixXd IrDropSolver::foldMergedNodes(const Eigen::Ref<const Eigen::MatrixXd>& g,
                                              const WireResistances& r) {
  // r_wire = 0: row i is one node rho_i behind r_source, column j one node kappa_j before
  // r_sense; the output of column j is sum_i G_ij (rho_i - kappa_j).
  const Eigen::VectorXd rowSum = g.rowwise().sum();
  const Eigen::RowVectorXd colSum = g.colwise().sum();
  if (r.sense == 0.0) {  // kappa = 0, rho_i = gs V_i / (gs + rowsum_i)
    const double gs = microSiemens(r.source);
    const Eigen::VectorXd share = gs / (gs + rowSum.array());
    return g.transpose() * share.asDiagonal();
  }
  const double gk = microSiemens(r.sense);
  if (r.source == 0.0) {  // rho = V, kappa_j = sum_i G_ij V_i / (gk + colsum_j)
    const Eigen::VectorXd share = gk / (gk + colSum.transpose().array());
    return share.asDiagonal() * g.transpose();
  }
  // Both: eliminate rho = D_r^-1 (gs V + G kappa); then (D_c - G' D_r^-1 G) kappa = gs G' D_r^-1 V.
  const double gs = microSiemens(r.source);
  const Eigen::VectorXd inverseRow = 1.0 / (gs + rowSum.array());
  Eigen::MatrixXd a = -g.transpose() * inverseRow.asDiagonal() * g;
  a.diagonal() += (gk + colSum.transpose().array()).matrix();
  Eigen::MatrixXd b = gs * g.transpose() * inverseRow.asDiagonal();
  Eigen::LLT<Eigen::MatrixXd> cholesky(a);
  cholesky.solveInPlace(b);
  return gk * b;
}

Eigen::MatrixXd IrDropSolver::fold(const Eigen::Ref<const Eigen::MatrixXd>& g,
                                   const WireResistances& r) {
  if (r.ideal()) return g.transpose();
  if (r.wire == 0.0) return foldMergedNodes(g, r);
  const double gWire = microSiemens(r.wire);
  const double gIn = microSiemens(r.source + r.wire);
  const double gOut = microSiemens(r.wire + r.sense);
  if (g.rows() <= g.cols()) return sweepColumns(g, gWire, gIn, gOut);
  // Mirrored network: its rows are our columns driven from their sense ends, its columns our
  // rows read at their driver ends. Cell (r', c') is our cell (R-1-c', C-1-r'), and its E'(c', r')
  // is our E(j = C-1-r', i = R-1-c').
  const Eigen::MatrixXd mirrored = g.reverse().transpose();
  const Eigen::MatrixXd e = sweepColumns(mirrored, gWire, gOut, gIn);  // R x C
  return e.reverse().transpose();
}

}  // namespace snn
