#pragma once

#include <Eigen/Dense>
#include <QMetaType>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "crossbar/CrossbarArray.h"
#include "model/NetworkSpec.h"

namespace snn {
struct CompiledNetwork;
}

namespace snn::gui {

// What the Crossbar dock draws of one crossbar, copied out of the thread that owns the array
// (the simulation worker, or the dock's own probe worker) so the GUI thread never touches it.
struct CrossbarSnapshot {
  struct Tile {
    int64_t row0 = 0, col0 = 0, rows = 0, cols = 0;
    // V at the row-wire node of each cell in the last read (IR drop); empty when the tile was
    // too large to solve for a view.
    Eigen::MatrixXd rowVolts;
  };

  std::string id;
  std::string projection;        // the projection it carries (empty: none)
  Eigen::MatrixXd conductances;  // µS, rows x cols, as read (drift, faults)
  Eigen::MatrixXd targets;       // µS, the last programming targets
  CrossbarDevices::FaultMatrix faults;
  std::vector<double> levels;  // µS, the device's programmable levels G_min ... G_max
  double gMin = 0.0, gMax = 0.0;
  double vRead = 0.0;
  std::vector<Tile> tiles;
  // The IR-drop map is of a read with every row at v_read, not of the last read (which drove
  // no row: a step without spikes).
  bool fullRead = false;
  int64_t step = -1;  // the run's step it was taken at; -1: as programmed, before a run

  int64_t rows() const { return conductances.rows(); }
  int64_t cols() const { return conductances.cols(); }
  // The tile holding device (row, col), or -1.
  int tileOf(int64_t row, int64_t col) const;
};

using CrossbarSnapshots = std::vector<CrossbarSnapshot>;
using CrossbarSnapshotsPtr = std::shared_ptr<const CrossbarSnapshots>;

// Largest tile (devices) whose read is solved node by node for the IR-drop map.
inline constexpr int64_t kMaxVoltageMapDevices = 256 * 512;

// A copy of what `array` holds now; the IR-drop map is of its last read, or of a read of every
// row at v_read (on a copy of the array) when the last read drove no row.
CrossbarSnapshot snapshotCrossbar(const CrossbarArray& array, const std::string& projection,
                                  int64_t step);

// Every crossbar of `project` as compiling it programs them (from the projections' weights, or
// the conductances the project gives), each read once with every row at v_read for the IR-drop
// map. Throws SpecError with the compiler's first diagnostic when the project does not compile.
CrossbarSnapshots snapshotProject(const Project& project);

// The crossbars of a running network as they are at `step` (IR-drop map of the step's read), or
// null when it has none. Called in the thread that owns the network.
CrossbarSnapshotsPtr snapshotNetwork(const CompiledNetwork& network, int64_t step);

}  // namespace snn::gui

Q_DECLARE_METATYPE(snn::gui::CrossbarSnapshotsPtr)
