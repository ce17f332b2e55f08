#pragma once

#include <QUndoCommand>
#include <optional>
#include <string>
#include <vector>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Adds or removes one crossbar node (network.crossbars) with its layout entry and colour.
class AddCrossbar : public QUndoCommand {
 public:
  AddCrossbar(NetworkDocument* document, CrossbarSpec spec, std::optional<NodePosition> position,
              QUndoCommand* parent = nullptr);
  void redo() override { document_->insertCrossbar(crossbar_); }
  void undo() override { crossbar_ = document_->takeCrossbar(crossbar_.spec.id); }

 private:
  NetworkDocument* document_;
  DetachedCrossbar crossbar_;
};

class RemoveCrossbar : public QUndoCommand {
 public:
  RemoveCrossbar(NetworkDocument* document, const std::string& id, QUndoCommand* parent = nullptr);
  void redo() override { crossbar_ = document_->takeCrossbar(id_); }
  void undo() override { document_->insertCrossbar(crossbar_); }

 private:
  NetworkDocument* document_;
  std::string id_;
  DetachedCrossbar crossbar_;
};

// Replaces a crossbar as a whole, as one undo step: a device preset chosen with its overrides
// dropped, a cell made stuck or freed. The text names the edit.
class ReplaceCrossbar : public QUndoCommand {
 public:
  ReplaceCrossbar(NetworkDocument* document, const std::string& id, CrossbarSpec next,
                  const QString& text, QUndoCommand* parent = nullptr);
  void redo() override { document_->setCrossbar(id_, next_); }
  void undo() override { document_->setCrossbar(id_, old_); }

 private:
  NetworkDocument* document_;
  std::string id_;
  CrossbarSpec old_, next_;
};

// ---- The edits the window makes of crossbars, each one undo step. ----

// A new crossbar with the RRAM (TaOx) preset carrying `projection` (sized to it: rows = pre,
// cols = 2 post) at `position`, or a 16 x 32 crossbar carrying nothing when `projection` is
// empty. Returns the new crossbar's id.
std::string addCrossbarFor(NetworkDocument& document, const std::string& projection,
                           std::optional<NodePosition> position);
// The projection a new crossbar should carry: `preferred` if it is a projection no crossbar
// carries, else the first such projection, else none.
std::string projectionToCarry(const Project& project, const std::string& preferred = {});
// Removes crossbars; the projections they carried go back to ideal synapses.
void removeCrossbars(NetworkDocument& document, const std::vector<std::string>& ids);
// The device preset `preset`, the project's device overrides dropped.
void chooseDevicePreset(NetworkDocument& document, const std::string& crossbar,
                        const std::string& preset);
// The crossbar carries `projection` (empty: none): the projection that carried it before lets go.
void carryProjection(NetworkDocument& document, const std::string& crossbar,
                     const std::string& projection);
// Marks cell (row, col) stuck ON or OFF (`stuck`), or frees it (none).
void setStuckCell(NetworkDocument& document, const std::string& crossbar, int64_t row, int64_t col,
                  std::optional<bool> stuckOn);
// Where a crossbar sits on the canvas between the nodes at `pre` and `post` (their top-left
// corners): below the middle of the edge, clear of its label.
NodePosition crossbarPlace(NodePosition pre, NodePosition post);

}  // namespace snn::gui
