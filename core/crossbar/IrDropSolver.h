#pragma once

#include <Eigen/Dense>

namespace snn {

// The wire resistances of one array (Ω).
struct WireResistances {
  double wire = 0.0;    // segment between neighbouring cells
  double source = 0.0;  // row driver output
  double sense = 0.0;   // column sense input
  bool ideal() const { return wire == 0.0 && source == 0.0 && sense == 0.0; }
};

// IR drop of one array solved as the resistive network it is, folded into an effective matrix.
//
// Topology: row i: driver V_i -> r_source -> r_wire -> cell (i,0) -> r_wire -> cell (i,1) ...
// cell (i,C-1); column j: cell (0,j) -> r_wire -> cell (1,j) ... cell (R-1,j) -> r_wire ->
// r_sense -> virtual ground (0 V); cell (i,j) is the conductance G_ij between its row node and
// its column node. The output of column j is the current into its virtual ground. The cells are
// linear, so the outputs are a linear map of the driver voltages, I = E V, and E is exact.
//
// Method (r_wire > 0): a sweep over the columns from the far, open end of the rows towards the
// drivers. Y_j is the admittance (R x R) that columns j..C-1 with their row wires present to the
// row nodes of column j; O_j maps those row-node voltages to the outputs of columns j..C-1.
// Column j alone presents Ycol = D - D (T + D)^-1 D and sends out gOut e_last' (T + D)^-1 D,
// where D = diag(G_.j) and T is the column wire chain (tridiagonal, inverted in O(R^2)). One row
// wire segment g_w in series turns Y into g_w (g_w + Y)^-1 Y and the row-node voltages beyond it
// into g_w (g_w + Y)^-1 times those before it, so
//   Y_j = Ycol_j + g_w (g_w + Y_j+1)^-1 Y_j+1,   O_j = [out_j ; g_w O_j+1 (g_w + Y_j+1)^-1],
// and at the drivers E = g_in O_0 (g_in + Y_0)^-1, with g_in = 1/(r_source + r_wire), g_out =
// 1/(r_wire + r_sense). Every matrix inverted is symmetric positive definite (Cholesky). Cost
// about 2.3 C R^3 + C^2 R^2 flops; when R > C the same sweep runs on the mirrored network
// (reciprocity: the current into sense j per volt at driver i equals the current into driver i
// per volt at sense j), costing 2.3 R C^3 + R^2 C^2. With r_wire = 0 the row and column nodes
// merge and the system is small and dense; with all three resistances 0, E = G'.
class IrDropSolver {
 public:
  // Effective matrix E (cols x rows, µA per V) of an array of conductances g (rows x cols, µS).
  static Eigen::MatrixXd fold(const Eigen::Ref<const Eigen::MatrixXd>& g, const WireResistances& r);

 private:
  static Eigen::MatrixXd sweepColumns(const Eigen::Ref<const Eigen::MatrixXd>& g, double gWire,
                                      double gIn, double gOut);
  static Eigen::MatrixXd foldMergedNodes(const Eigen::Ref<const Eigen::MatrixXd>& g,
                                         const WireResistances& r);
};

// Conductance in µS of a resistance in Ω.
inline double microSiemens(double ohms) {
  return 1e6 / ohms;
}

}  // namespace snn
