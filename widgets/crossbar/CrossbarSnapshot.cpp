#include "CrossbarSnapshot.h"

#include <QMetaType>
#include <numeric>

#include "sim/Compiler.h"

namespace snn::gui {

int CrossbarSnapshot::tileOf(int64_t row, int64_t col) const {
  for (size_t t = 0; t < tiles.size(); ++t) {
    const Tile& k = tiles[t];
    if (row >= k.row0 && row < k.row0 + k.rows && col >= k.col0 && col < k.col0 + k.cols)
      return static_cast<int>(t);
  }
  return -1;
}

namespace {

void readEveryRow(CrossbarArray& array) {
  std::vector<int32_t> rows(static_cast<size_t>(array.rows()));
  std::iota(rows.begin(), rows.end(), 0);
  Eigen::VectorXd currents(array.cols());
  array.readSpikes(rows, currents);
}

}  // namespace

CrossbarSnapshot snapshotCrossbar(const CrossbarArray& array, const std::string& projection,
                                  int64_t step) {
  if (array.lastInput().size() == 0 || array.lastInput().isZero()) {
    CrossbarArray copy = array;  // the owner's array and its noise streams stay as they are
    readEveryRow(copy);
    CrossbarSnapshot s = snapshotCrossbar(copy, projection, step);
    s.fullRead = true;
    return s;
  }
  CrossbarSnapshot s;
  s.id = array.spec().id;
  s.projection = projection;
  s.conductances = array.readConductances();
  s.targets = array.devices().targets();
  s.faults = array.devices().faults();
  const DeviceParams& d = array.device();
  s.gMin = d.gMin;
  s.gMax = d.gMax;
  s.vRead = array.spec().array.vRead;
  const int64_t levels = std::max<int64_t>(d.levels, 2);
  for (int64_t k = 0; k < levels; ++k)
    s.levels.push_back(d.gMin + (d.gMax - d.gMin) * static_cast<double>(k) /
                                    static_cast<double>(levels - 1));
  s.step = step;
  for (size_t t = 0; t < array.tiles().size(); ++t) {
    const CrossbarTile& tile = array.tiles()[t];
    CrossbarSnapshot::Tile out{tile.row0(), tile.col0(), tile.rows(), tile.cols(), {}};
    if (tile.rows() * tile.cols() <= kMaxVoltageMapDevices)
      out.rowVolts = array.lastReadNodeVoltages(t).row;
    s.tiles.push_back(std::move(out));
  }
  return s;
}

CrossbarSnapshots snapshotProject(const Project& project) {
  CompileResult compiled = compile(project);
  if (!compiled.ok()) throw SpecError(compiled.diagnostics);
  CrossbarSnapshots out;
  for (const CrossbarSpec& spec : project.network.crossbars) {
    std::string carried;
    CrossbarArray* array = nullptr;
    for (size_t k = 0; k < compiled.network->projections.size(); ++k) {
      CompiledProjection& p = compiled.network->projections[k];
      if (p.crossbar && p.crossbar->array().spec().id == spec.id)
        carried = p.id, array = &p.crossbar->array();
    }
    std::unique_ptr<CrossbarArray> alone;  // a crossbar that carries nothing: as fabricated
    if (!array) alone = std::make_unique<CrossbarArray>(spec, project.experiment.seed);
    CrossbarArray& a = array ? *array : *alone;
    readEveryRow(a);
    out.push_back(snapshotCrossbar(a, carried, -1));
    out.back().fullRead = true;
  }
  return out;
}

CrossbarSnapshotsPtr snapshotNetwork(const CompiledNetwork& network, int64_t step) {
  auto out = std::make_shared<CrossbarSnapshots>();
  for (const CompiledProjection& p : network.projections)
    if (p.crossbar) out->push_back(snapshotCrossbar(p.crossbar->array(), p.id, step));
  if (out->empty()) return nullptr;
  return out;
}

}  // namespace snn::gui
