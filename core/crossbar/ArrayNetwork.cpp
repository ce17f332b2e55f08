#include "ArrayNetwork.h"

#include <stdexcept>
#include <vector>

namespace snn {

namespace {

using Triplet = Eigen::Triplet<double>;

// Adds a conductance between nodes a and b (b < 0: a fixed node, only the diagonal of a).
void stamp(std::vector<Triplet>& t, Eigen::Index a, Eigen::Index b, double g) {
  t.emplace_back(a, a, g);
  if (b < 0) return;
  t.emplace_back(b, b, g);
  t.emplace_back(a, b, -g);
  t.emplace_back(b, a, -g);
}

}  // namespace

ArrayNetwork::ArrayNetwork(const Eigen::Ref<const Eigen::MatrixXd>& conductances,
                           const WireResistances& r)
    : g_(conductances), r_(r) {
  if (r_.wire == 0.0) return;  // merged nodes: solved densely per input
  const Eigen::Index rows = g_.rows(), cols = g_.cols();
  const double gWire = microSiemens(r_.wire);
  const double gIn = microSiemens(r_.source + r_.wire);
  const double gOut = microSiemens(r_.wire + r_.sense);
  auto rowNode = [cols](Eigen::Index i, Eigen::Index j) { return i * cols + j; };
  auto colNode = [rows, cols](Eigen::Index i, Eigen::Index j) {
    return rows * cols + i * cols + j;
  };
  std::vector<Triplet> t;
  t.reserve(static_cast<size_t>(rows * cols * 12));
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      stamp(t, rowNode(i, j), colNode(i, j), g_(i, j));                     // the cell
      if (j == 0) stamp(t, rowNode(i, 0), -1, gIn);                         // to the driver
      if (j + 1 < cols) stamp(t, rowNode(i, j), rowNode(i, j + 1), gWire);  // row wire
      if (i + 1 < rows) stamp(t, colNode(i, j), colNode(i + 1, j), gWire);  // column wire
      if (i + 1 == rows) stamp(t, colNode(i, j), -1, gOut);                 // to virtual ground
    }
  }
  Eigen::SparseMatrix<double> a(2 * rows * cols, 2 * rows * cols);
  a.setFromTriplets(t.begin(), t.end());
  factor_ = std::make_unique<Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>>>(a);
  if (factor_->info() != Eigen::Success)
    throw std::runtime_error("crossbar network: the nodal matrix could not be factorised");
}

ArrayNetwork::~ArrayNetwork() = default;

NodeVoltages ArrayNetwork::solve(const Eigen::Ref<const Eigen::VectorXd>& v) const {
  if (v.size() != g_.rows())
    throw std::invalid_argument("crossbar network: " + std::to_string(v.size()) +
                                " driver voltages for " + std::to_string(g_.rows()) + " rows");
  if (!factor_) return solveMerged(v);
  const Eigen::Index rows = g_.rows(), cols = g_.cols();
  const double gIn = microSiemens(r_.source + r_.wire);
  const double gOut = microSiemens(r_.wire + r_.sense);
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(2 * rows * cols);
  for (Eigen::Index i = 0; i < rows; ++i) rhs(i * cols) = gIn * v(i);
  const Eigen::VectorXd x = factor_->solve(rhs);
  NodeVoltages n;
  // Node k = i * cols + j, row-major: map as a cols x rows column-major block and transpose.
  n.row = Eigen::Map<const Eigen::MatrixXd>(x.data(), cols, rows).transpose();
  n.column = Eigen::Map<const Eigen::MatrixXd>(x.data() + rows * cols, cols, rows).transpose();
  n.outputs = gOut * n.column.row(rows - 1).transpose();
  return n;
}

NodeVoltages ArrayNetwork::solveMerged(const Eigen::Ref<const Eigen::VectorXd>& v) const {
  // Unknowns: rho_i (row node, if r_source > 0) and kappa_j (column node, if r_sense > 0).
  const Eigen::Index rows = g_.rows(), cols = g_.cols();
  const bool freeRows = r_.source > 0.0, freeCols = r_.sense > 0.0;
  const Eigen::Index nr = freeRows ? rows : 0, nc = freeCols ? cols : 0;
  Eigen::VectorXd rho = v, kappa = Eigen::VectorXd::Zero(cols);
  if (nr + nc > 0) {
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(nr + nc, nr + nc);
    Eigen::VectorXd b = Eigen::VectorXd::Zero(nr + nc);
    if (freeRows) {
      const double gs = microSiemens(r_.source);
      a.topLeftCorner(rows, rows).diagonal() = (gs + g_.rowwise().sum().array()).matrix();
      b.head(rows) = gs * v;
    }
    if (freeCols) {
      a.bottomRightCorner(cols, cols).diagonal() =
          (microSiemens(r_.sense) + g_.colwise().sum().transpose().array()).matrix();
      if (freeRows) {
        a.topRightCorner(rows, cols) = -g_;
        a.bottomLeftCorner(cols, rows) = -g_.transpose();
      } else {
        b.tail(cols) = g_.transpose() * v;  // fixed rows drive the columns
      }
    }
    const Eigen::VectorXd x = a.llt().solve(b);
    if (freeRows) rho = x.head(rows);
    if (freeCols) kappa = x.tail(cols);
  }
  NodeVoltages n;
  n.row = rho.replicate(1, cols);
  n.column = kappa.transpose().replicate(rows, 1);
  n.outputs =
      g_.transpose() * rho - (g_.colwise().sum().transpose().array() * kappa.array()).matrix();
  return n;
}

Eigen::MatrixXd ArrayNetwork::fold() const {
  Eigen::MatrixXd e(g_.cols(), g_.rows());
  Eigen::VectorXd unit = Eigen::VectorXd::Zero(g_.rows());
  for (Eigen::Index i = 0; i < g_.rows(); ++i) {
    unit(i) = 1.0;
    e.col(i) = solve(unit).outputs;
    unit(i) = 0.0;
  }
  return e;
}

}  // namespace snn
