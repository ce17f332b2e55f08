#include "CrossbarCommands.h"

#include <QCoreApplication>
#include <QUndoStack>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "ChangeField.h"
#include "document/ObjectIds.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1) {
  return QCoreApplication::translate("Undo", text, disambiguation, n);
}

DetachedCrossbar appended(const NetworkDocument* document, CrossbarSpec spec,
                          std::optional<NodePosition> position) {
  DetachedCrossbar c;
  c.index = document->project().network.crossbars.size();
  c.spec = std::move(spec);
  c.position = position;
  return c;
}

const CrossbarSpec& crossbarOf(const NetworkDocument& document, const std::string& id) {
  const CrossbarSpec* c = document.project().network.findCrossbar(id);
  if (!c) throw std::logic_error("no crossbar '" + id + "'");
  return *c;
}

bool uncarried(const Project& project, const std::string& projection) {
  const ProjectionSpec* p = project.network.findProjection(projection);
  return p && p->crossbar.empty();
}

}  // namespace

AddCrossbar::AddCrossbar(NetworkDocument* document, CrossbarSpec spec,
                         std::optional<NodePosition> position, QUndoCommand* parent)
    : QUndoCommand(parent),
      document_(document),
      crossbar_(appended(document, std::move(spec), position)) {
  setText(tr("Add Crossbar '%1'").arg(toQ(crossbar_.spec.id)));
}

RemoveCrossbar::RemoveCrossbar(NetworkDocument* document, const std::string& id,
                               QUndoCommand* parent)
    : QUndoCommand(parent), document_(document), id_(id) {
  crossbarOf(*document, id);  // throws for an unknown id, before the stack holds the command
  setText(tr("Remove Crossbar '%1'").arg(toQ(id)));
}

ReplaceCrossbar::ReplaceCrossbar(NetworkDocument* document, const std::string& id,
                                 CrossbarSpec next, const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent),
      document_(document),
      id_(id),
      old_(crossbarOf(*document, id)),
      next_(std::move(next)) {}

std::string projectionToCarry(const Project& project, const std::string& preferred) {
  if (!preferred.empty() && uncarried(project, preferred)) return preferred;
  for (const ProjectionSpec& p : project.network.projections)
    if (p.crossbar.empty() && project.network.findPopulation(p.pre) &&
        project.network.findPopulation(p.post))
      return p.id;
  return {};
}

std::string addCrossbarFor(NetworkDocument& document, const std::string& projection,
                           std::optional<NodePosition> position) {
  const Project& project = document.project();
  CrossbarSpec spec;
  spec.id = uniqueId(project, "xb");
  spec.device.preset = "rram_taox";  // a common RRAM: 128 levels, mild nonlinearity, 3.7 % c2c
  spec.rows = 16;
  spec.cols = 32;
  const ProjectionSpec* carriedProjection = project.network.findProjection(projection);
  if (carriedProjection) {
    const PopulationSpec* pre = project.network.findPopulation(carriedProjection->pre);
    const PopulationSpec* post = project.network.findPopulation(carriedProjection->post);
    if (pre && post) spec.rows = pre->size, spec.cols = 2 * post->size;
  }
  const std::string id = spec.id;
  QUndoStack* stack = document.undoStack();
  stack->beginMacro(tr("Add Crossbar '%1'").arg(toQ(id)));
  stack->push(new AddCrossbar(&document, std::move(spec), position));
  if (carriedProjection)
    stack->push(
        new ChangeField(&document, ObjectKind::Projection, projection, "crossbar", ParamValue(id)));
  stack->endMacro();
  return id;
}

void removeCrossbars(NetworkDocument& document, const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  QUndoStack* stack = document.undoStack();
  stack->beginMacro(tr("Remove %n Crossbar(s)", nullptr, static_cast<int>(ids.size())));
  for (const std::string& id : ids) {
    for (const ProjectionSpec& p : document.project().network.projections)
      if (p.crossbar == id)
        stack->push(new ChangeField(&document, ObjectKind::Projection, p.id, "crossbar",
                                    ParamValue(std::string())));
    stack->push(new RemoveCrossbar(&document, id));
  }
  stack->endMacro();
}

void chooseDevicePreset(NetworkDocument& document, const std::string& crossbar,
                        const std::string& preset) {
  CrossbarSpec next = crossbarOf(document, crossbar);
  if (next.device.preset == preset && next.device.params.empty()) return;
  next.device.preset = preset;
  next.device.params.clear();
  document.undoStack()->push(
      new ReplaceCrossbar(&document, crossbar, std::move(next),
                          tr("Device preset '%1' of '%2'").arg(toQ(preset), toQ(crossbar))));
}

void carryProjection(NetworkDocument& document, const std::string& crossbar,
                     const std::string& projection) {
  QUndoStack* stack = document.undoStack();
  stack->beginMacro(tr("Crossbar '%1' carries '%2'").arg(toQ(crossbar), toQ(projection)));
  for (const ProjectionSpec& p : document.project().network.projections)
    if (p.crossbar == crossbar && p.id != projection)
      stack->push(new ChangeField(&document, ObjectKind::Projection, p.id, "crossbar",
                                  ParamValue(std::string())));
  if (!projection.empty())
    stack->push(new ChangeField(&document, ObjectKind::Projection, projection, "crossbar",
                                ParamValue(crossbar)));
  stack->endMacro();
}

void setStuckCell(NetworkDocument& document, const std::string& crossbar, int64_t row, int64_t col,
                  std::optional<bool> stuckOn) {
  CrossbarSpec next = crossbarOf(document, crossbar);
  if (row < 0 || col < 0 || row >= next.rows || col >= next.cols)
    throw std::out_of_range("setStuckCell: no cell (" + std::to_string(row) + ", " +
                            std::to_string(col) + ") in crossbar '" + crossbar + "'");
  auto& cells = next.stuckCells;
  std::erase_if(cells, [&](const CrossbarStuckCell& c) { return c.row == row && c.col == col; });
  if (stuckOn) cells.push_back({row, col, *stuckOn});
  if (cells == crossbarOf(document, crossbar).stuckCells) return;
  const QString what = !stuckOn   ? tr("Free cell (%1, %2) of '%3'")
                       : *stuckOn ? tr("Stick cell (%1, %2) of '%3' ON")
                                  : tr("Stick cell (%1, %2) of '%3' OFF");
  document.undoStack()->push(new ReplaceCrossbar(&document, crossbar, std::move(next),
                                                 what.arg(row).arg(col).arg(toQ(crossbar))));
}

NodePosition crossbarPlace(NodePosition pre, NodePosition post) {
  return {std::round((pre.x + post.x) / 2), std::round((pre.y + post.y) / 2 + 90.0)};
}

}  // namespace snn::gui
