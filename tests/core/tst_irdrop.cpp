// IR drop of one array (core/crossbar/IrDropSolver, ArrayNetwork) against circuits solved by
// hand (1x1, 1x2, 2x1 in closed form; 2x2 from its Kirchhoff equations written out), against an
// independent sparse nodal analysis of the same topology, and against ngspice results committed
// in tests/data/crossbar/ (made by bench/irdrop_vs_ngspice.py).
#include <QDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "TestSupport.h"
#include "crossbar/ArrayNetwork.h"
#include "crossbar/IrDropSolver.h"

using namespace snn;

namespace {

Eigen::MatrixXd randomConductances(Eigen::Index rows, Eigen::Index cols, uint64_t seed,
                                   double lo = 100.0, double hi = 1000.0) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  Eigen::MatrixXd g(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) g(i, j) = u(rng);
  return g;
}

// max |a - b| / max |b|
double relativeError(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return (a - b).cwiseAbs().maxCoeff() / b.cwiseAbs().maxCoeff();
}

Eigen::MatrixXd jsonMatrix(const nlohmann::json& rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()),
                    static_cast<Eigen::Index>(rows.at(0).size()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) m(i, j) = rows.at(i).at(j).get<double>();
  return m;
}

}  // namespace

class TestIrDrop : public QObject {
  Q_OBJECT

 private slots:
  void idealWiresGiveTheMatrixProductExactly() {
    const Eigen::MatrixXd g = randomConductances(13, 7, 1);
    const Eigen::MatrixXd e = IrDropSolver::fold(g, WireResistances{});
    QVERIFY(e == g.transpose());  // bit for bit
    const Eigen::VectorXd v = Eigen::VectorXd::LinSpaced(13, 0.0, 0.2);
    const Eigen::MatrixXd gt = g.transpose();
    QVERIFY((e * v) == (gt * v));
  }

  void singleCellIsThreeResistorsInSeries() {
    // V -> r_source + r_wire -> 1/G -> r_wire + r_sense -> 0 V.
    const double g = 250.0, rw = 2.0, rs = 7.0, rk = 11.0;  // µS, Ω
    Eigen::MatrixXd cell(1, 1);
    cell << g;
    const Eigen::MatrixXd e = IrDropSolver::fold(cell, {rw, rs, rk});
    const double expected = 1.0 / ((rs + rw) * 1e-6 + 1.0 / g + (rw + rk) * 1e-6);  // µA per V
    SNN_COMPARE_NEAR(e(0, 0), expected, 1e-12 * expected);
  }

  void oneRowTwoColumnsInClosedForm() {
    // Row: V -g_in- n0 -g_w- n1. Column j: cell G_j then g_out to ground, in series h_j.
    const double g0 = 300.0, g1 = 800.0, rw = 3.0, rs = 5.0, rk = 4.0;
    const double gw = 1e6 / rw, gin = 1e6 / (rs + rw), gout = 1e6 / (rw + rk);
    const double h0 = g0 * gout / (g0 + gout), h1 = g1 * gout / (g1 + gout);
    const double beyond = gw * h1 / (gw + h1);    // n0 sees column 1 through the wire
    const double n0 = gin / (gin + h0 + beyond);  // per volt
    const double n1 = n0 * gw / (gw + h1);
    Eigen::MatrixXd g(1, 2);
    g << g0, g1;
    const Eigen::MatrixXd e = IrDropSolver::fold(g, {rw, rs, rk});
    SNN_COMPARE_NEAR(e(0, 0), h0 * n0, 1e-12 * h0 * n0);
    SNN_COMPARE_NEAR(e(1, 0), h1 * n1, 1e-12 * h1 * n1);
  }

  void twoRowsOneColumnInClosedForm() {
    // Row i: V_i through g_in and G_i in series (s_i) to column node c_i; c0 -g_w- c1 -g_out- 0.
    //   (s0 + gw) c0 - gw c1 = s0 V0;  -gw c0 + (s1 + gw + gout) c1 = s1 V1;  I = gout c1.
    const double g0 = 450.0, g1 = 120.0, rw = 1.5, rs = 20.0, rk = 0.0;
    const double gw = 1e6 / rw, gin = 1e6 / (rs + rw), gout = 1e6 / (rw + rk);
    const double s0 = gin * g0 / (gin + g0), s1 = gin * g1 / (gin + g1);
    const double det = (s0 + gw) * (s1 + gw + gout) - gw * gw;
    const double e0 = gout * gw * s0 / det, e1 = gout * (s0 + gw) * s1 / det;
    Eigen::MatrixXd g(2, 1);
    g << g0, g1;
    const Eigen::MatrixXd e = IrDropSolver::fold(g, {rw, rs, rk});
    SNN_COMPARE_NEAR(e(0, 0), e0, 1e-12 * e0);
    SNN_COMPARE_NEAR(e(0, 1), e1, 1e-12 * e1);
  }

  void twoByTwoFromItsKirchhoffEquations() {
    // Unknowns r00 r01 r10 r11 c00 c01 c10 c11; each line is one node's current balance.
    const double rw = 2.0, rs = 6.0, rk = 9.0;
    const double gw = 1e6 / rw, gin = 1e6 / (rs + rw), gout = 1e6 / (rw + rk);
    const double a = 210.0, b = 640.0, c = 930.0, d = 150.0;  // G00 G01 G10 G11
    Eigen::MatrixXd k(8, 8);
    // clang-format off
    k << gin + gw + a, -gw,    0,            0,      -a,  0,   0,               0,
         -gw,          gw + b, 0,            0,       0, -b,   0,               0,
         0,            0,      gin + gw + c, -gw,     0,  0,  -c,               0,
         0,            0,      -gw,          gw + d,  0,  0,   0,              -d,
         -a,           0,      0,            0,       a + gw, 0, -gw,           0,
         0,           -b,      0,            0,       0,  b + gw, 0,           -gw,
         0,            0,     -c,            0,      -gw, 0,   c + gw + gout,   0,
         0,            0,      0,           -d,       0, -gw,  0,               d + gw + gout;
    // clang-format on
    Eigen::Matrix2d expected;
    for (int input = 0; input < 2; ++input) {
      Eigen::VectorXd rhs = Eigen::VectorXd::Zero(8);
      rhs(input == 0 ? 0 : 2) = gin;  // 1 V on this row's driver
      const Eigen::VectorXd x = k.fullPivLu().solve(rhs);
      expected(0, input) = gout * x(6);
      expected(1, input) = gout * x(7);
    }
    Eigen::MatrixXd g(2, 2);
    g << a, b, c, d;
    const Eigen::MatrixXd e = IrDropSolver::fold(g, {rw, rs, rk});
    QVERIFY2(relativeError(e, expected) < 1e-12,
             qPrintable(QString::number(relativeError(e, expected))));
  }

  void foldMatchesSparseNodalAnalysis_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<double>("rWire");
    QTest::addColumn<double>("rSource");
    QTest::addColumn<double>("rSense");
    QTest::newRow("1x5") << 1 << 5 << 2.5 << 10.0 << 10.0;
    QTest::newRow("5x1") << 5 << 1 << 2.5 << 10.0 << 10.0;
    QTest::newRow("3x7") << 3 << 7 << 1.0 << 0.0 << 0.0;
    QTest::newRow("7x3 (mirrored sweep)") << 7 << 3 << 1.0 << 0.0 << 30.0;
    QTest::newRow("16x16 strong") << 16 << 16 << 5.0 << 50.0 << 50.0;
    QTest::newRow("24x10 (mirrored)") << 24 << 10 << 0.5 << 100.0 << 0.0;
    QTest::newRow("10x24") << 10 << 24 << 0.5 << 0.0 << 100.0;
  }
  void foldMatchesSparseNodalAnalysis() {
    QFETCH(int, rows);
    QFETCH(int, cols);
    QFETCH(double, rWire);
    QFETCH(double, rSource);
    QFETCH(double, rSense);
    const Eigen::MatrixXd g = randomConductances(rows, cols, 10 + rows * 100 + cols);
    const WireResistances r{rWire, rSource, rSense};
    const Eigen::MatrixXd folded = IrDropSolver::fold(g, r);
    const Eigen::MatrixXd nodal = ArrayNetwork(g, r).fold();
    QVERIFY2(relativeError(folded, nodal) < 1e-10,
             qPrintable(QString::number(relativeError(folded, nodal))));
    // The IR drop is real here: the array gives less than the ideal product.
    QVERIFY((folded.array() < g.transpose().array()).all());
  }

  void zeroWireResistanceMergesTheNodes_data() {
    QTest::addColumn<double>("rSource");
    QTest::addColumn<double>("rSense");
    QTest::newRow("driver resistance only") << 40.0 << 0.0;
    QTest::newRow("sense resistance only") << 0.0 << 40.0;
    QTest::newRow("both") << 40.0 << 25.0;
  }
  void zeroWireResistanceMergesTheNodes() {
    QFETCH(double, rSource);
    QFETCH(double, rSense);
    const Eigen::MatrixXd g = randomConductances(9, 6, 5);
    const WireResistances merged{0.0, rSource, rSense};
    const Eigen::MatrixXd e = IrDropSolver::fold(g, merged);
    // Against the dense merged-node solve of ArrayNetwork (built differently: no elimination).
    QVERIFY(relativeError(e, ArrayNetwork(g, merged).fold()) < 1e-12);
    // And as the limit of a vanishing wire resistance in the full 2RC-node network.
    const Eigen::MatrixXd tiny = ArrayNetwork(g, {1e-6, rSource, rSense}).fold();
    QVERIFY2(relativeError(e, tiny) < 1e-5, qPrintable(QString::number(relativeError(e, tiny))));
  }

  void matchesCommittedSpiceResults_data() {
    QTest::addColumn<QString>("file");
    const QDir dir(QString::fromStdString(test::source("tests/data/crossbar")));
    const QStringList files = dir.entryList({"spice_*.json"}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 3, "the ngspice fixtures are missing");
    for (const QString& f : files) QTest::newRow(qPrintable(f)) << dir.filePath(f);
  }
  void matchesCommittedSpiceResults() {
    QFETCH(QString, file);
    std::ifstream in(file.toStdString());
    QVERIFY(in.good());
    const nlohmann::json c = nlohmann::json::parse(in);
    const Eigen::MatrixXd g = jsonMatrix(c.at("conductances"));
    const Eigen::MatrixXd inputs = jsonMatrix(c.at("inputs"));
    const Eigen::MatrixXd spice = jsonMatrix(c.at("spice_currents"));
    const WireResistances r{c.at("r_wire").get<double>(), c.at("r_source").get<double>(),
                            c.at("r_sense").get<double>()};
    const Eigen::MatrixXd e = IrDropSolver::fold(g, r);
    for (Eigen::Index k = 0; k < inputs.rows(); ++k) {
      const Eigen::VectorXd ours = e * inputs.row(k).transpose();
      for (Eigen::Index j = 0; j < ours.size(); ++j)
        SNN_COMPARE_NEAR(ours(j), spice(k, j), 1e-9 * std::abs(spice(k, j)));
    }
  }

  void nodeVoltagesBalanceEveryCurrent() {
    const Eigen::MatrixXd g = randomConductances(5, 4, 9);
    const WireResistances r{2.0, 15.0, 8.0};
    const Eigen::VectorXd v = Eigen::VectorXd::LinSpaced(5, 0.05, 0.2);
    const NodeVoltages n = ArrayNetwork(g, r).solve(v);
    const double gw = 1e6 / r.wire, gin = 1e6 / (r.source + r.wire),
                 gout = 1e6 / (r.wire + r.sense);
    const double scale = (g.transpose() * v).cwiseAbs().maxCoeff();
    for (int i = 0; i < 5; ++i) {
      for (int j = 0; j < 4; ++j) {
        double rowOut = g(i, j) * (n.row(i, j) - n.column(i, j));
        rowOut += j == 0 ? gin * (n.row(i, 0) - v(i)) : gw * (n.row(i, j) - n.row(i, j - 1));
        if (j < 3) rowOut += gw * (n.row(i, j) - n.row(i, j + 1));
        double colOut = g(i, j) * (n.column(i, j) - n.row(i, j));
        if (i > 0) colOut += gw * (n.column(i, j) - n.column(i - 1, j));
        colOut += i < 4 ? gw * (n.column(i, j) - n.column(i + 1, j)) : gout * n.column(i, j);
        SNN_COMPARE_NEAR(rowOut, 0.0, 1e-9 * scale);
        SNN_COMPARE_NEAR(colOut, 0.0, 1e-9 * scale);
      }
    }
    const Eigen::VectorXd folded = IrDropSolver::fold(g, r) * v;
    QVERIFY(relativeError(n.outputs, folded) < 1e-10);
  }
};

QTEST_GUILESS_MAIN(TestIrDrop)
#include "tst_irdrop.moc"
