#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCholesky>
#include <memory>

#include "IrDropSolver.h"

namespace snn {

// The voltages of every node of an array for one input, and its outputs.
struct NodeVoltages {
  Eigen::MatrixXd row;      // V, rows x cols: the row-wire node at each cell
  Eigen::MatrixXd column;   // V, rows x cols: the column-wire node at each cell
  Eigen::VectorXd outputs;  // µA, current into each column's virtual ground
};

// The same network as IrDropSolver, as plain nodal analysis: one unknown per node (2 R C of
// them), the sparse conductance matrix factorised once (Eigen's SimplicialLDLT). Gives the node
// voltages of a read (for the IR-drop voltage map) and, one solve per row, an independent fold
// that the tests hold IrDropSolver against. With r_wire = 0 the merged row and column nodes are
// solved densely.
class ArrayNetwork {
 public:
  ArrayNetwork(const Eigen::Ref<const Eigen::MatrixXd>& conductances, const WireResistances& r);
  ~ArrayNetwork();
  ArrayNetwork(const ArrayNetwork&) = delete;
  ArrayNetwork& operator=(const ArrayNetwork&) = delete;

  NodeVoltages solve(const Eigen::Ref<const Eigen::VectorXd>& driverVolts) const;
  Eigen::MatrixXd fold() const;  // cols x rows, µA per V; R solves

 private:
  NodeVoltages solveMerged(const Eigen::Ref<const Eigen::VectorXd>& v) const;

  Eigen::MatrixXd g_;
  WireResistances r_;
  std::unique_ptr<Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>>> factor_;
};

}  // namespace snn
